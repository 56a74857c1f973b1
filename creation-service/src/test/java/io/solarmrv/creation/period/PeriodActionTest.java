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
        assertEquals(List.of(PeriodAction.RESTATE, PeriodAction.DECIDE, PeriodAction.RAISE_FINDING),
                PeriodAction.available(PeriodState.SUBMITTED, Set.of(Roles.VERIFIER)));
        assertEquals(List.of(PeriodAction.RESTATE, PeriodAction.DECIDE, PeriodAction.RAISE_FINDING),
                PeriodAction.available(PeriodState.RESTATED, Set.of(Roles.VERIFIER)));
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
        assertEquals(List.of(PeriodAction.RESTATE, PeriodAction.RESUBMIT, PeriodAction.ANSWER_FINDING),
                PeriodAction.available(PeriodState.RESTATED, Set.of(Roles.CREATOR)));
        assertEquals(List.of(), PeriodAction.available(PeriodState.RESTATED, Set.of(Roles.AUDITOR, Roles.OPERATOR)));
    }

    @Test
    void nothingIsDoneToARejectedOrWithdrawnPeriod() {
        for (PeriodState end : List.of(PeriodState.REJECTED, PeriodState.WITHDRAWN)) {
            assertEquals(List.of(), PeriodAction.available(end, Roles.ALL));
        }
    }

    @Test
    void aFindingIsRaisedByTheVerifierAndAnsweredByTheParticipantOnlyWhileThePeriodWaitsForItsDecision() {
        assertEquals(List.of(PeriodAction.ANSWER_FINDING), PeriodAction.available(PeriodState.SUBMITTED, Set.of(Roles.CREATOR)).stream()
                .filter(a -> a.name().endsWith("FINDING")).toList());
        for (PeriodState decided : List.of(PeriodState.APPROVED, PeriodState.REJECTED, PeriodState.ISSUED)) {
            assertEquals(List.of(), PeriodAction.available(decided, Roles.ALL).stream().filter(a -> a.name().endsWith("FINDING")).toList());
        }
    }

    @Test
    void eachActionsRolesAreItsRoutesSecuredRoles() {
        Map<PeriodAction, List<Method>> routes = Map.of(PeriodAction.RESTATE, routes(PeriodController.class, "restate"),
                PeriodAction.DECIDE, routes(PeriodController.class, "decide"),
                PeriodAction.RESUBMIT, routes(PeriodController.class, "resubmit"),
                PeriodAction.REQUEST_ISSUANCE, routes(PeriodController.class, "requestIssuance"),
                PeriodAction.ISSUE, routes(PeriodController.class, "issue"),
                PeriodAction.RAISE_FINDING, routes(FindingController.class, "raise", "close", "reopen"),
                PeriodAction.ANSWER_FINDING, routes(FindingController.class, "answer"));
        for (PeriodAction action : PeriodAction.values()) {
            for (Method route : routes.get(action)) {
                Set<String> secured = Set.of(route.getAnnotation(Secured.class).value());
                Set<String> allowed = Roles.ALL.stream().filter(role -> action.allowedTo(Set.of(role))).collect(Collectors.toSet());
                assertEquals(secured, allowed, action + " and " + route.getName());
            }
        }
    }

    private static List<Method> routes(Class<?> controller, String... names) {
        List<Method> found = Arrays.stream(controller.getMethods()).filter(m -> List.of(names).contains(m.getName())).toList();
        assertEquals(names.length, found.size(), controller.getSimpleName() + " " + List.of(names));
        return found;
    }
}
