package io.solarmrv.creation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.solarmrv.attestation.methodology.EmissionFactor;
import java.util.List;

/**
 * A crediting project: its methodology, the emission factors it applies, the devices whose
 * generation it claims, its scheme ({@code JCM} or {@code J-Credit}, from the methodology) and the
 * host country. Each emission factor is dated and sourced data ({@link EmissionFactor}): a JCM
 * project's one factor fixed ex ante, or several where a later version replaces it; a J-Credit
 * project's factor of each fiscal year, 1 April to the next 1 April.
 */
@Serdeable
public record Project(String id, String name, String methodology, List<EmissionFactor> emissionFactors,
                      List<String> deviceIds, @Nullable String description, @Nullable String scheme,
                      @Nullable String hostCountry) {

    /** The scheme, JCM when none was given. */
    public String schemeOrDefault() {
        return scheme == null ? "JCM" : scheme;
    }
}
