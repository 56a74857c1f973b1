package io.solarmrv.creation.cycle;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;

/** A recorded stage: the document that evidences it, when it took effect, who recorded it. */
@Serdeable
public record CycleEntry(Stage stage, String documentName, String documentSha256, LocalDate effectiveOn, String recordedBy,
                         Instant recordedAt) {
}
