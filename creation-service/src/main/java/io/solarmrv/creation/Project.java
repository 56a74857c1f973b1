package io.solarmrv.creation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/**
 * A crediting project: its methodology, the grid emission factor it applies, the devices whose
 * generation it claims, its scheme ({@code JCM}, the default, or {@code J-Credit}) and, for JCM,
 * the host country.
 */
@Serdeable
public record Project(String id, String name, String methodology, BigDecimal emissionFactorTco2PerMwh,
                      List<String> deviceIds, @Nullable String description, @Nullable String scheme,
                      @Nullable String hostCountry) {
    /** The scheme, JCM when none was given. */
    public String schemeOrDefault() {
        return scheme == null ? "JCM" : scheme;
    }
}
