package io.solarmrv.jobs.quality;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** The quality-profile file the job reads ({@code mrv jobs --quality}): refused only with an {@link IllegalArgumentException} naming what was wrong. */
class QualityProfilesFuzzTest {
    @FuzzTest(maxExecutions = 1_000_000)
    void qualityProfiles(byte[] input) {
        try {
            QualityProfiles.parse(new String(input, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("refused without saying why", e);
            }
        }
    }
}
