package io.solarmrv.creation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of the projects an account may see ({@code GET /projects}), in id order: each with its
 * latest monitoring period's number and state (none yet: null); {@code next} is the id to pass as
 * {@code after} for the following page, null on the last.
 */
@Serdeable
public record ProjectListing(List<Entry> projects, @Nullable String next) {
    @Serdeable
    public record Entry(String id, String name, String methodology, String scheme, @Nullable Integer latestPeriod,
                        @Nullable String latestState) {
    }
}
