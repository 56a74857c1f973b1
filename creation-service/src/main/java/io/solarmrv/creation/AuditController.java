package io.solarmrv.creation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.solarmrv.creation.access.Memberships;
import io.solarmrv.creation.access.Roles;
import java.sql.SQLException;
import java.util.List;

/** Reading the audit log: its entries, and whether its hash chain holds. */
@Controller("/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.ADMIN, Roles.AUDITOR, Roles.VERIFIER})
public class AuditController {
    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * Entries after {@code after} (default 0), oldest first, at most {@code limit} (default and cap
     * 1,000). A verifier sees only the entries about the projects it is a member of.
     */
    @Get
    public List<AuditEntry> entries(@QueryValue @Nullable Long after, @QueryValue @Nullable Integer limit, Authentication caller)
            throws SQLException {
        int capped = limit == null ? 1_000 : Math.max(1, Math.min(limit, 1_000));
        return audit.entries(after == null ? 0 : after, capped, Memberships.isEverywhere(caller.getRoles()) ? null : caller.getName());
    }

    @Get("/verify")
    public AuditLog.Verdict verify() throws SQLException {
        return audit.verify();
    }
}
