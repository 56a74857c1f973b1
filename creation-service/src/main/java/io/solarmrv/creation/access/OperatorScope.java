package io.solarmrv.creation.access;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The operator's scope for routes that name their sites or devices in the body rather than the
 * path ({@code POST /devices}, {@code POST /devices/keys}), where {@link MembershipRule} cannot see
 * them: an operator changes devices only at sites it operates, so it cannot bind its key to a device
 * behind another operator's gateway. Administrators change any.
 */
@Singleton
public class OperatorScope {
    private final Memberships memberships;

    OperatorScope(Memberships memberships) {
        this.memberships = memberships;
    }

    /** Refuses with 403 unless the caller operates every site named. */
    public void checkSites(Authentication caller, Collection<String> siteIds) throws SQLException {
        if (!caller.getRoles().contains(Roles.ADMIN)) {
            refuseAny(caller, "site", memberships.sitesNotOperated(siteIds, caller.getName()));
        }
    }

    /** Refuses with 403 unless the caller operates the site of every device named. */
    public void checkDevices(Authentication caller, Collection<String> deviceIds) throws SQLException {
        if (!caller.getRoles().contains(Roles.ADMIN)) {
            refuseAny(caller, "the site of device", memberships.devicesNotOperated(deviceIds, caller.getName()));
        }
    }

    private static void refuseAny(Authentication caller, String what, List<String> outside) {
        if (!outside.isEmpty()) {
            throw new HttpStatusException(HttpStatus.FORBIDDEN, "'" + caller.getName() + "' is not an operator of " + what + " "
                    + outside.get(0) + (outside.size() > 1 ? " (and " + (outside.size() - 1) + " more)" : "") + "; nothing stored");
        }
    }
}
