package io.solarmrv.creation;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A crediting project: its methodology, the grid emission factor it applies, the devices whose
 * generation it claims, its scheme ({@code JCM}, the default, or {@code J-Credit}) and, for JCM,
 * the host country. A J-Credit project (EN-R-002) applies the electricity emission factor of the
 * fiscal year in which the electricity was used: {@code emissionFactorsByFiscalYear}, keyed by the
 * Japanese fiscal year ("2026" is April 2026 to March 2027), tCO2/MWh.
 */
@Serdeable
public record Project(String id, String name, String methodology, BigDecimal emissionFactorTco2PerMwh,
                      List<String> deviceIds, @Nullable String description, @Nullable String scheme,
                      @Nullable String hostCountry, @Nullable Map<String, BigDecimal> emissionFactorsByFiscalYear) {

    @Creator
    public Project {
        emissionFactorsByFiscalYear = emissionFactorsByFiscalYear == null ? Map.of() : Map.copyOf(emissionFactorsByFiscalYear);
    }

    /** A project without fiscal-year emission factors (JCM). */
    public Project(String id, String name, String methodology, BigDecimal emissionFactorTco2PerMwh, List<String> deviceIds,
                   @Nullable String description, @Nullable String scheme, @Nullable String hostCountry) {
        this(id, name, methodology, emissionFactorTco2PerMwh, deviceIds, description, scheme, hostCountry, Map.of());
    }

    /** The scheme, JCM when none was given. */
    public String schemeOrDefault() {
        return scheme == null ? "JCM" : scheme;
    }
}
