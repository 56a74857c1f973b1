package io.solarmrv.creation.registry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The registry's JSON bodies (sites, devices, calibrations, meter replacements, key revocations)
 * and an issuance's Article 6.2 status and allocation plan,
 * read with the service's own serde and checked as the controllers check them before anything is
 * stored: the only ways out are an unreadable body (an {@link IOException}, which the service
 * answers 400) and an {@link IllegalArgumentException} naming the field (400). Anything else would
 * be a 500. The first byte picks the body type, the rest is the body.
 */
class RegistryBodiesFuzzTest {
    private static final ObjectMapper JSON = ObjectMapper.getDefault();
    private static final List<Argument<?>> BODIES = List.of(Argument.of(Site.class), Argument.listOf(Device.class),
            Argument.of(Calibration.class), Argument.of(MeterReplacement.class), Argument.of(KeyRevocation.class),
            Argument.of(io.solarmrv.creation.allocation.Article6.class), Argument.of(io.solarmrv.creation.allocation.AllocationPlan.class));

    @FuzzTest(maxExecutions = 1_000_000)
    void registryBodies(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Argument<?> type = BODIES.get(Byte.toUnsignedInt(input[0]) % BODIES.size());
        Object body;
        try {
            body = JSON.readValue(Arrays.copyOfRange(input, 1, input.length), type);
        } catch (IOException unreadable) {
            return;   // 400: the body is not JSON of this shape
        }
        try {
            checkAsTheControllerDoes(body);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("refused without saying why", e);
            }
        }
    }

    private static void checkAsTheControllerDoes(Object body) {
        if (body == null) {
            throw new IllegalArgumentException("the body is empty");   // Micronaut answers 400 for a missing body
        }
        if (body instanceof Site site) {
            site.check();
        } else if (body instanceof List<?> devices) {
            for (Object device : devices) {   // the service's serde leaves no null in a list: [null] is an empty list
                ((Device) device).check();
            }
        } else if (body instanceof Calibration calibration) {
            calibration.check();
        } else if (body instanceof MeterReplacement replacement) {
            replacement.check();
        } else if (body instanceof KeyRevocation revocation) {
            revocation.check();
        } else if (body instanceof io.solarmrv.creation.allocation.Article6 article6) {
            article6.check();
        } else if (body instanceof io.solarmrv.creation.allocation.AllocationPlan plan) {
            plan.check();
            long total = plan.shares().stream().mapToLong(io.solarmrv.creation.allocation.AllocationPlan.Share::basisPoints).sum();
            if (total != 10_000) {
                throw new AssertionError("a plan whose shares sum to " + total + " basis points passed");
            }
        }
    }
}
