package io.solarmrv.creation.access;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.util.List;

/**
 * Who belongs to each project and operates each site ({@link Memberships}). Members and operators
 * read the lists ({@link MembershipRule} scopes them); only the registry administrator changes them.
 * A principal is named as the service names it: a username, or {@code token:<name>} for an API token.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class MembershipController {
    /** A project's members, or a site's operators. */
    @Serdeable
    public record Principals(List<String> principals) {
    }

    private final Memberships memberships;
    private final Accounts accounts;

    public MembershipController(Memberships memberships, Accounts accounts) {
        this.memberships = memberships;
        this.accounts = accounts;
    }

    @Get("/projects/{projectId}/members")
    public Principals members(@PathVariable String projectId) throws SQLException {
        return new Principals(memberships.members(projectId));
    }

    /** Adds a participant, verifier or operator to the project; adding one already there changes nothing. */
    @Put("/projects/{projectId}/members/{principal}")
    @Secured(Roles.ADMIN)
    public HttpResponse<Principals> addMember(@PathVariable String projectId, @PathVariable String principal, Authentication actor)
            throws SQLException {
        requireRole(principal, Memberships.MEMBER_ROLES, "a project member");
        change(Memberships.Change.ADD_MEMBER, projectId, "project", principal, actor);
        return HttpResponse.ok(new Principals(memberships.members(projectId)));
    }

    @Delete("/projects/{projectId}/members/{principal}")
    @Secured(Roles.ADMIN)
    public HttpResponse<Principals> removeMember(@PathVariable String projectId, @PathVariable String principal, Authentication actor)
            throws SQLException {
        if (!memberships.change(Memberships.Change.REMOVE_MEMBER, projectId, principal, actor.getName())) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "'" + principal + "' is not a member of project " + projectId);
        }
        return HttpResponse.ok(new Principals(memberships.members(projectId)));
    }

    @Get("/sites/{siteId}/operators")
    public Principals operators(@PathVariable String siteId) throws SQLException {
        return new Principals(memberships.operators(siteId));
    }

    /** Adds an operator to the site; adding one already there changes nothing. */
    @Put("/sites/{siteId}/operators/{principal}")
    @Secured(Roles.ADMIN)
    public HttpResponse<Principals> addOperator(@PathVariable String siteId, @PathVariable String principal, Authentication actor)
            throws SQLException {
        requireRole(principal, List.of(Roles.OPERATOR), "a site operator");
        change(Memberships.Change.ADD_OPERATOR, siteId, "site", principal, actor);
        return HttpResponse.ok(new Principals(memberships.operators(siteId)));
    }

    @Delete("/sites/{siteId}/operators/{principal}")
    @Secured(Roles.ADMIN)
    public HttpResponse<Principals> removeOperator(@PathVariable String siteId, @PathVariable String principal, Authentication actor)
            throws SQLException {
        if (!memberships.change(Memberships.Change.REMOVE_OPERATOR, siteId, principal, actor.getName())) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "'" + principal + "' is not an operator of site " + siteId);
        }
        return HttpResponse.ok(new Principals(memberships.operators(siteId)));
    }

    private void requireRole(String principal, List<String> roles, String what) throws SQLException {
        String role = accounts.roleOf(principal).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND,
                "no account '" + principal + "' (an API token is named token:<name>; a revoked or expired one is no account)"));
        if (!roles.contains(role)) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'" + principal + "' has role " + role + "; " + what + " has one of "
                    + String.join(", ", roles) + (Memberships.isEverywhere(List.of(role)) ? "; role " + role + " reaches every project and site already" : ""));
        }
    }

    private void change(Memberships.Change change, String target, String kind, String principal, Authentication actor) throws SQLException {
        try {
            memberships.change(change, target, principal, actor.getName());
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) {   // foreign_key_violation: no such project or site
                throw new HttpStatusException(HttpStatus.NOT_FOUND, "no " + kind + " " + target);
            }
            throw e;
        }
    }
}
