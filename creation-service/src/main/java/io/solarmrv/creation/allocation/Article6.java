package io.solarmrv.creation.allocation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An issuance's status under Paris Agreement Article 6.2: the host party's authorization of the
 * credits (a reference to its letter, or none) and whether the corresponding adjustment is not
 * applicable (not authorized), pending, or applied in the party's reporting.
 */
@Serdeable
public record Article6(@Nullable String authorization, String correspondingAdjustment) {
    public static final List<String> ADJUSTMENT = List.of("NOT_APPLICABLE", "PENDING", "APPLIED");
    public static final Article6 NOT_AUTHORIZED = new Article6(null, "NOT_APPLICABLE");

    public void check() {
        if (correspondingAdjustment == null || !ADJUSTMENT.contains(correspondingAdjustment)) {
            throw new IllegalArgumentException("'correspondingAdjustment' must be one of " + String.join(", ", ADJUSTMENT)
                    + ", was '" + correspondingAdjustment + "'");
        }
        boolean authorized = authorization != null && !authorization.isBlank();
        if (authorized == correspondingAdjustment.equals("NOT_APPLICABLE")) {
            throw new IllegalArgumentException(authorized ? "authorized credits need a corresponding adjustment (PENDING or APPLIED)"
                    : "credits without an authorization have no corresponding adjustment (NOT_APPLICABLE)");
        }
    }
}
