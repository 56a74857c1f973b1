package io.solarmrv.creation.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingTest {
    private static final Instant T = Instant.parse("2026-07-10T09:00:00Z");

    private static Finding finding(Finding.Type type, Finding.State state, String text) {
        return new Finding(1, type, state, "completeness", List.of(new Finding.Entry(Finding.Step.RAISED, text, "tpe", T)));
    }

    @Test
    void anOpenFindingIsAnsweredAndAnAnsweredOneClosedOrReopened() {
        Finding open = finding(Finding.Type.CAR, Finding.State.OPEN, "hour 3 is missing");
        assertEquals(Optional.empty(), open.refusal(Finding.Step.ANSWERED));
        assertEquals(Optional.of("CAR 1 is OPEN; it is closed after the participant's answer"), open.refusal(Finding.Step.CLOSED));
        assertEquals(Optional.of("CAR 1 is OPEN; only an ANSWERED finding is reopened"), open.refusal(Finding.Step.REOPENED));

        Finding answered = finding(Finding.Type.CAR, Finding.State.ANSWERED, "hour 3 is missing");
        assertEquals(Optional.empty(), answered.refusal(Finding.Step.CLOSED));
        assertEquals(Optional.empty(), answered.refusal(Finding.Step.REOPENED));
        assertEquals(Optional.of("CAR 1 is ANSWERED; only an OPEN finding is answered"), answered.refusal(Finding.Step.ANSWERED));
    }

    @Test
    void aClosedFindingTakesNoFurtherStep() {
        Finding closed = finding(Finding.Type.CL, Finding.State.CLOSED, "which meter is M-2?");
        for (Finding.Step step : Finding.Step.values()) {
            assertTrue(closed.refusal(step).isPresent(), step.name());
        }
    }

    @Test
    void aForwardActionRequestIsClosedWithoutAnAnswerAndNeverHoldsApproval() {
        Finding far = finding(Finding.Type.FAR, Finding.State.OPEN, "check the new meter's seal next period");
        assertEquals(Optional.empty(), far.refusal(Finding.Step.CLOSED));
        assertFalse(far.blocksApproval());
    }

    @Test
    void correctiveActionAndClarificationRequestsHoldApprovalUntilClosed() {
        for (Finding.Type type : List.of(Finding.Type.CAR, Finding.Type.CL)) {
            assertTrue(finding(type, Finding.State.OPEN, "x").blocksApproval(), type.name());
            assertTrue(finding(type, Finding.State.ANSWERED, "x").blocksApproval(), type.name());
            assertFalse(finding(type, Finding.State.CLOSED, "x").blocksApproval(), type.name());
        }
    }

    @Test
    void eachStepLeadsToItsState() {
        assertEquals(Finding.State.OPEN, Finding.after(Finding.Step.RAISED));
        assertEquals(Finding.State.ANSWERED, Finding.after(Finding.Step.ANSWERED));
        assertEquals(Finding.State.OPEN, Finding.after(Finding.Step.REOPENED));
        assertEquals(Finding.State.CLOSED, Finding.after(Finding.Step.CLOSED));
    }

    @Test
    void theCitationNamesEachFindingWithItsStateAndADigestOfItsWholeThread() {
        Finding closed = finding(Finding.Type.CAR, Finding.State.CLOSED, "hour 3 is missing");
        assertEquals("", Finding.citation(List.of()), "without findings the statement is signed as written");
        assertEquals("\n\nFindings:\n- CAR 1 CLOSED sha256:" + closed.digest(), Finding.citation(List.of(closed)));
        assertEquals(64, closed.digest().length());
        Finding edited = finding(Finding.Type.CAR, Finding.State.CLOSED, "hour 4 is missing");
        assertNotEquals(closed.digest(), edited.digest(), "a word changed in the thread changes the digest");
        Finding injected = finding(Finding.Type.CAR, Finding.State.CLOSED, "hour 3 is missing\nCLOSED tpe " + T + " done");
        Finding twoSteps = new Finding(1, Finding.Type.CAR, Finding.State.CLOSED, "completeness", List.of(
                new Finding.Entry(Finding.Step.RAISED, "hour 3 is missing", "tpe", T),
                new Finding.Entry(Finding.Step.CLOSED, "done", "tpe", T)));
        assertNotEquals(twoSteps.digest(), injected.digest(), "a line break in a text cannot forge a step");
    }
}
