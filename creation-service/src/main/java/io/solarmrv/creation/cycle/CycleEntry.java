package io.solarmrv.creation.cycle;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A recorded stage: the document that evidences it, when it took effect, who recorded it. A JCM
 * registration also carries the crediting period the Joint Committee registered ({@link
 * CreditingTerms}; null where none was recorded).
 */
@Serdeable
public record CycleEntry(Stage stage, String documentName, String documentSha256, LocalDate effectiveOn, String recordedBy,
                         Instant recordedAt, @Nullable CreditingTerms crediting) {
}
