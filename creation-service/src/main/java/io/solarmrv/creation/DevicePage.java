package io.solarmrv.creation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of a project's device ids in id order; {@code next} is the {@code after} value for the
 * following page, null on the last.
 */
@Serdeable
public record DevicePage(List<String> deviceIds, @Nullable String next) {
}
