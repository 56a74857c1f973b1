package io.solarmrv.creation.period;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.security.annotation.Secured;
import io.solarmrv.creation.access.Roles;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PeriodActionTest {
    @Test
    void aVerifierDecidesASubmittedOrRestatedPeriodOnly() {
        assertEquals(List.of(PeriodAction.RESTATE, PeriodAction.DECIDE), PeriodAction.available(PeriodState.SUBMITTED, Set.of(Roles.VERIFIER)));
        assertEquals(List.of(PeriodAction.RESTATE, PeriodAction.DECIDE), PeriodAction.available(PeriodState.RESTATED, Set.of(Roles.VERIFIER)));
        assertEquals(List.of(PeriodAction.RESTATE), PeriodAction.available(PeriodState.APPROVED, Set.of(Roles.VERIFIER)));
    }

    @Test
    void theParticipantRequestsIssuanceOfAnApprovedPeriodAndTheAdministratorIssuesARequestedOne() {
        assertEquals(List.of(PeriodAction.RESTATE, PeriodAction.REQUEST_ISSUANCE),
                PeriodAction.available(PeriodState.APPROVED, Set.of(Roles.CREATOR)));
        assertEquals(List.of(PeriodAction.RESTATE), PeriodAction.available(PeriodState.APPROVED, Set.of(Roles.ADMIN)));
        assertEquals(List.of(PeriodAction.RESTATE, PeriodAction.ISSUE),
                PeriodAction.available(PeriodState.ISSUANCE_REQUESTED, Set.of(Roles.ADMIN)));
    }

    @Test
    void aRestatedPeriodIsResubmittedByItsParticipantOrTheAdministrator() {
        assertEquals(List.of(PeriodAction.RESTATE, PeriodAction.RESUBMIT), PeriodAction.available(PeriodState.RESTATED, Set.of(Roles.CREATOR)));
        assertEquals(List.of(), PeriodAction.available(PeriodState.RESTATED, Set.of(Roles.AUDITOR, Roles.OPERATOR)));
    }

    @Test
    void nothingIsDoneToARejectedOrWithdrawnPeriod() {
        for (PeriodState end : List.of(PeriodState.REJECTED, PeriodState.WITHDRAWN)) {
            assertEquals(List.of(), PeriodAction.available(end, Roles.ALL));
        }
    }

    @Test
    void eachActionsRolesAreItsRoutesSecuredRoles() {
        Map<PeriodAction, String> routes = Map.of(PeriodAction.RESTATE, "restate", PeriodAction.DECIDE, "decide",
                PeriodAction.RESUBMIT, "resubmit", PeriodAction.REQUEST_ISSUANCE, "requestIssuance", PeriodAction.ISSUE, "issue");
        for (PeriodAction action : PeriodAction.values()) {
            Method route = Arrays.stream(PeriodController.class.getMethods()).filter(m -> m.getName().equals(routes.get(action)))
                    .findFirst().orElseThrow();
            Set<String> secured = Set.of(route.getAnnotation(Secured.class).value());
            Set<String> allowed = Roles.ALL.stream().filter(role -> action.allowedTo(Set.of(role))).collect(Collectors.toSet());
            assertEquals(secured, allowed, action + " and " + route.getName());
        }
    }
}
