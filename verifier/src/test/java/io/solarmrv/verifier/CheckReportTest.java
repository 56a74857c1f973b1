package io.solarmrv.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.solarmrv.attestation.BundleVerifier.Check;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckReportTest {
    @Test
    void aFewChecksOfAKindArePrintedOneByOne() {
        List<Check> checks = List.of(new Check("append-only", true, "2 checkpoints"), new Check("chain inv-1", true, "10 readings"),
                new Check("chain inv-2", false, "GAP between #3 and #5"));
        assertEquals(List.of("ok    append-only: 2 checkpoints", "ok    chain inv-1: 10 readings", "FAIL  chain inv-2: GAP between #3 and #5"),
                CheckReport.lines(checks));
    }

    @Test
    void manyChecksOfAKindAreOneLineWithEveryFailureInFull() {
        List<Check> checks = new ArrayList<>();
        for (int m = 0; m < 1_000; m++) {
            checks.add(new Check("energy dev-" + m, m != 7, "recomputed " + m + " Wh"));
        }
        checks.add(0, new Check("emission factor", true, "0.5"));
        checks.add(new Check("emission reductions", true, "1 t"));
        checks.add(new Check("total energy", true, "recomputed"));
        assertEquals(List.of("ok    emission factor: 0.5", "FAIL  energy (1000): 999 hold, 1 fail:", "      FAIL  energy dev-7: recomputed 7 Wh",
                "ok    emission reductions: 1 t", "ok    total energy: recomputed"), CheckReport.lines(checks),
                "a kind of many is one line where its first stood; the others keep their order");
        checks.set(8, new Check("energy dev-7", true, "recomputed 7 Wh"));
        assertEquals("ok    energy (1000): 1000 hold; e.g. energy dev-0: recomputed 0 Wh", CheckReport.lines(checks).get(1));
    }
}
