package io.solarmrv.creation.period;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * One version of a period's report: the SHA-256 of its canonical claim (what goes on chain), why
 * it was made, and the claim lines that changed from the version before ({@code -} removed,
 * {@code +} added; empty for the first).
 */
@Serdeable
public record ReportVersion(int version, String claimSha256, String reason, String createdBy, Instant createdAt,
                            List<String> changes) {
}
