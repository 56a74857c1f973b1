package io.solarmrv.creation.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A page of a programme's member sites, in site order, each site with all its memberships; {@code
 * next} is the site to ask for the following page after ({@code ?after=}), null on the last page.
 */
@Serdeable
public record MemberPage(List<MemberSite> members, @Nullable String next) {
    public MemberPage {
        members = List.copyOf(members);
    }
}
