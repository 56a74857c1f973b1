package io.solarmrv.creation.period;

import io.solarmrv.creation.access.Roles;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What can be done to a monitoring period, by whom, in which of its {@link PeriodState}s: the one
 * table {@link PeriodWorkflow} checks each step against and the pages are told
 * ({@code GET /projects/{id}/periods/{n}/actions}), so that no page offers what the service would
 * refuse. The roles match each route's {@code @Secured}; memberships are checked on top, per project.
 */
public enum PeriodAction {
    /** Recompute the report with late data ({@code POST .../restate}). */
    RESTATE(Set.of(Roles.CREATOR, Roles.ADMIN, Roles.VERIFIER), EnumSet.of(PeriodState.SUBMITTED, PeriodState.APPROVED,
            PeriodState.ISSUANCE_REQUESTED, PeriodState.RESTATED, PeriodState.ISSUED)),
    /** Approve or reject the submitted report ({@code POST .../decision}); a RESTATED period can only be rejected. */
    DECIDE(Set.of(Roles.VERIFIER), EnumSet.of(PeriodState.SUBMITTED, PeriodState.RESTATED)),
    /** Withdraw a restated period and submit its restated report as a new period ({@code POST .../resubmission}). */
    RESUBMIT(Set.of(Roles.CREATOR, Roles.ADMIN), EnumSet.of(PeriodState.RESTATED)),
    /** Ask for an approved period's credits ({@code POST .../issuance}). */
    REQUEST_ISSUANCE(Set.of(Roles.CREATOR), EnumSet.of(PeriodState.APPROVED)),
    /** Issue a requested period's credits ({@code POST .../issue}; on an ISSUED period it answers the issuance, changing nothing). */
    ISSUE(Set.of(Roles.ADMIN), EnumSet.of(PeriodState.ISSUANCE_REQUESTED)),
    /** Raise, close or reopen a finding ({@code POST .../findings}, {@code .../findings/{k}/close|reopen}) while the period waits for its decision. */
    RAISE_FINDING(Set.of(Roles.VERIFIER), EnumSet.of(PeriodState.SUBMITTED, PeriodState.RESTATED)),
    /** Answer a finding ({@code POST .../findings/{k}/answer}) while the period waits for its decision. */
    ANSWER_FINDING(Set.of(Roles.CREATOR), EnumSet.of(PeriodState.SUBMITTED, PeriodState.RESTATED));

    private final Set<String> roles;
    private final Set<PeriodState> states;

    PeriodAction(Set<String> roles, Set<PeriodState> states) {
        this.roles = roles;
        this.states = states;
    }

    /** Whether a period in this state may take this action (whoever asks). */
    public boolean allowedIn(PeriodState state) {
        return states.contains(state);
    }

    /** Whether one of these roles may take this action. */
    public boolean allowedTo(Collection<String> callerRoles) {
        return callerRoles.stream().anyMatch(roles::contains);
    }

    /** The actions a caller with these roles may take on a period in this state now. */
    public static List<PeriodAction> available(PeriodState state, Collection<String> callerRoles) {
        return EnumSet.allOf(PeriodAction.class).stream().filter(a -> a.allowedIn(state) && a.allowedTo(callerRoles)).toList();
    }
}
