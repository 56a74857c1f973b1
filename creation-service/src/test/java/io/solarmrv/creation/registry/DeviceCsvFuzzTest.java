package io.solarmrv.creation.registry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** A bulk onboarding upload ({@code POST /devices} as CSV): refused only with an {@link IllegalArgumentException} naming the line. */
class DeviceCsvFuzzTest {
    @FuzzTest(maxExecutions = 1_000_000)
    void deviceCsv(byte[] input) {
        try {
            for (Device device : DeviceCsv.parse(new String(input, StandardCharsets.UTF_8))) {
                device.check();
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("refused without saying why", e);
            }
        }
    }
}
