package io.solarmrv.creation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * A project as {@code GET /projects/{id}} shows it: everything but its device list, which can
 * run to thousands and is paged at {@code GET /projects/{id}/devices}; here only its length.
 */
@Serdeable
public record ProjectSummary(String id, String name, String methodology, BigDecimal emissionFactorTco2PerMwh, int deviceCount,
                             @Nullable String description, @Nullable String scheme, @Nullable String hostCountry,
                             java.util.Map<String, BigDecimal> emissionFactorsByFiscalYear) {
}
