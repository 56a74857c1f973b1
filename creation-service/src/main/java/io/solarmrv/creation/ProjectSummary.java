package io.solarmrv.creation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.solarmrv.attestation.methodology.EmissionFactor;
import java.util.List;

/**
 * A project as {@code GET /projects/{id}} shows it: everything but its device list, which can
 * run to thousands and is paged at {@code GET /projects/{id}/devices}; here only its length.
 * Its emission factors are in date order. {@code timeZone}: the time zone its devices' sites share
 * (null if none is recorded or they differ): the local time its pages show.
 */
@Serdeable
public record ProjectSummary(String id, String name, String methodology, List<EmissionFactor> emissionFactors, int deviceCount,
                             @Nullable String description, @Nullable String scheme, @Nullable String hostCountry,
                             @Nullable String timeZone) {
}
