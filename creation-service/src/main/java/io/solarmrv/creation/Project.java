package io.solarmrv.creation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/**
 * A crediting project: its methodology, the grid emission factor it applies and the devices whose
 * generation it claims.
 */
@Serdeable
public record Project(String id, String name, String methodology, BigDecimal emissionFactorTco2PerMwh,
                      List<String> deviceIds, @Nullable String description) {
}
