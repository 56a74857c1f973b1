package io.solarmrv.creation.period;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link PeriodState#mayBecome}: the period's one transition table. */
class PeriodStateTest {

    private static Set<PeriodState> next(PeriodState from) {
        Set<PeriodState> next = EnumSet.noneOf(PeriodState.class);
        for (PeriodState to : PeriodState.values()) {
            if (from.mayBecome(to)) {
                next.add(to);
            }
        }
        return next;
    }

    @Test
    void aSubmittedPeriodIsDecidedOrRestated() {
        assertEquals(EnumSet.of(PeriodState.APPROVED, PeriodState.REJECTED, PeriodState.RESTATED), next(PeriodState.SUBMITTED));
    }

    @Test
    void anApprovedPeriodIsRequestedForIssuanceOrRestatedAndARequestedOneIssuedOrRestated() {
        assertEquals(EnumSet.of(PeriodState.ISSUANCE_REQUESTED, PeriodState.RESTATED), next(PeriodState.APPROVED));
        assertEquals(EnumSet.of(PeriodState.ISSUED, PeriodState.RESTATED), next(PeriodState.ISSUANCE_REQUESTED));
    }

    @Test
    void aRestatedPeriodIsOnlyRejectedWithdrawnOrRestatedAgain() {
        assertEquals(EnumSet.of(PeriodState.RESTATED, PeriodState.REJECTED, PeriodState.WITHDRAWN), next(PeriodState.RESTATED));
    }

    @Test
    void issuedStaysIssuedAndRejectedAndWithdrawnAreFinal() {
        assertEquals(EnumSet.of(PeriodState.ISSUED), next(PeriodState.ISSUED));
        assertEquals(EnumSet.noneOf(PeriodState.class), next(PeriodState.REJECTED));
        assertEquals(EnumSet.noneOf(PeriodState.class), next(PeriodState.WITHDRAWN));
    }
}
