package io.solarmrv.creation.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;

/**
 * A meter's calibration certificate: who calibrated it, when, and until when it holds. The verifier
 * still reads the certificate itself; {@code documentSha256} ties this record to that document.
 */
@Serdeable
public record Calibration(String certificateId, String issuer, LocalDate calibratedOn, LocalDate validUntil,
                          @Nullable String documentSha256) {
    void check() {
        if (certificateId == null || certificateId.isBlank() || certificateId.length() > 128) {
            throw new IllegalArgumentException("'certificateId' must be 1-128 characters");
        }
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("'issuer' is required");
        }
        if (calibratedOn == null || validUntil == null || !validUntil.isAfter(calibratedOn)) {
            throw new IllegalArgumentException("'calibratedOn' and 'validUntil' are required dates, validUntil after calibratedOn");
        }
        if (documentSha256 != null && !documentSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("'documentSha256' must be 64 lower-case hex digits");
        }
    }

    /** Whether the certificate covers a reading taken on {@code day}. */
    public boolean covers(LocalDate day) {
        return !day.isBefore(calibratedOn) && day.isBefore(validUntil);
    }
}
