package io.solarmrv.creation.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.creation.allocation.AllocationPlan.Share;
import io.solarmrv.creation.allocation.CreditAllocation.Allocated;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CreditAllocationTest {
    @Test
    void sharesThatWrapRoundAnIntToTenThousandAreRefused() {
        // 2 x 2,147,483,647 + 10,002 = 2^32 + 10,000: summed in an int, exactly 10,000, and before each was accepted.
        AllocationPlan plan = new AllocationPlan(false, List.of(new Share("a", Party.JAPANESE_PARTICIPANT, Integer.MAX_VALUE),
                new Share("b", Party.JAPANESE_PARTICIPANT, Integer.MAX_VALUE), new Share("c", Party.PARTNER_PARTICIPANT, 10_002)));
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, plan::check);
        assertEquals("share of a: 'basisPoints' must be 1 to 10000", refused.getMessage());
    }

    @Test
    void anExactSplitGivesEachAccountAContiguousRunOfSerials() {
        AllocationPlan plan = new AllocationPlan(false, List.of(new Share("pp-jp", Party.JAPANESE_PARTICIPANT, 5_000),
                new Share("pp-mn", Party.PARTNER_PARTICIPANT, 2_500), new Share("gov-mn", Party.PARTNER_GOVERNMENT, 2_500)));
        assertEquals(List.of(new Allocated("pp-jp", Party.JAPANESE_PARTICIPANT, 50, 101, 150),
                new Allocated("pp-mn", Party.PARTNER_PARTICIPANT, 25, 151, 175),
                new Allocated("gov-mn", Party.PARTNER_GOVERNMENT, 25, 176, 200)), CreditAllocation.split(101, 200, plan));
    }

    @Test
    void leftoverCreditsGoToTheLargestRemaindersButTheJapaneseGovernmentFirstWhenItFunded() {
        List<Share> shares = List.of(new Share("gov-jp", Party.JAPAN_GOVERNMENT, 2_500), new Share("pp-jp", Party.JAPANESE_PARTICIPANT, 2_500),
                new Share("gov-mn", Party.PARTNER_GOVERNMENT, 5_000));
        // one credit: exact shares 0.25, 0.25, 0.5
        assertEquals(List.of(0L, 0L, 1L), credits(CreditAllocation.split(1, 1, new AllocationPlan(false, shares))));
        assertEquals(List.of(1L, 0L, 0L), credits(CreditAllocation.split(1, 1, new AllocationPlan(true, shares))),
                "a model project's one credit goes to the Japanese government, keeping its at-least-half of Japan's share");
    }

    @Test
    void randomPlansAlwaysSplitEveryCreditWithinOneOfTheExactShareAndKeepTheGovernmentRule() {
        Random random = new Random(42);
        Party[] parties = Party.values();
        for (int trial = 0; trial < 2_000; trial++) {
            int accounts = 1 + random.nextInt(5);
            List<Share> shares = new ArrayList<>();
            int left = 10_000;
            for (int a = 0; a < accounts; a++) {
                int bp = a == accounts - 1 ? left : 1 + random.nextInt(left - (accounts - a - 1));
                left -= bp;
                shares.add(new Share("acct-" + a, parties[random.nextInt(parties.length)], bp));
            }
            AllocationPlan plan = new AllocationPlan(false, shares);
            boolean funded = governmentRuleHolds(shares);
            if (funded) {
                plan = new AllocationPlan(true, shares);
            }
            long total = 1 + random.nextInt(1_000);
            List<Allocated> split = CreditAllocation.split(1_000, 999 + total, plan);
            long next = 1_000;
            long sum = 0;
            for (int i = 0; i < split.size(); i++) {
                Allocated a = split.get(i);
                assertEquals(next, a.firstSerial(), "contiguous serials");
                assertEquals(a.firstSerial() + a.credits() - 1, a.lastSerial());
                double exact = total * shares.get(i).basisPoints() / 10_000.0;
                assertTrue(Math.abs(a.credits() - exact) < 1.0, a + " vs exact " + exact);
                next += a.credits();
                sum += a.credits();
            }
            assertEquals(total, sum, "every credit allocated once");
            if (funded) {
                long japan = split.stream().filter(a -> a.party().japanese()).mapToLong(Allocated::credits).sum();
                long government = split.stream().filter(a -> a.party() == Party.JAPAN_GOVERNMENT).mapToLong(Allocated::credits).sum();
                assertTrue(2 * government >= japan, "government " + government + " of Japan's " + japan + " in " + split);
            }
        }
    }

    @Test
    void plansThatBreakTheRulesAreRefusedWithTheReason() {
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class, () -> new AllocationPlan(false,
                List.of(new Share("a", Party.JAPANESE_PARTICIPANT, 9_000))).check());
        assertEquals("shares must sum to 10000 basis points (100%), they sum to 9000", sum.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> new AllocationPlan(false,
                List.of(new Share("a", Party.JAPANESE_PARTICIPANT, 5_000), new Share("a", Party.PARTNER_GOVERNMENT, 5_000))).check());
        assertEquals("account a appears twice", twice.getMessage());
        IllegalArgumentException government = assertThrows(IllegalArgumentException.class, () -> new AllocationPlan(true,
                List.of(new Share("gov", Party.JAPAN_GOVERNMENT, 2_000), new Share("pp", Party.JAPANESE_PARTICIPANT, 3_000),
                        new Share("mn", Party.PARTNER_GOVERNMENT, 5_000))).check());
        assertTrue(government.getMessage().startsWith("a government-funded project gives at least half of Japan's share (5000 bp)"),
                government.getMessage());
    }

    private static boolean governmentRuleHolds(List<Share> shares) {
        int japan = shares.stream().filter(s -> s.party().japanese()).mapToInt(Share::basisPoints).sum();
        int government = shares.stream().filter(s -> s.party() == Party.JAPAN_GOVERNMENT).mapToInt(Share::basisPoints).sum();
        return japan > 0 && 2 * government >= japan;
    }

    private static List<Long> credits(List<Allocated> split) {
        return split.stream().map(Allocated::credits).toList();
    }
}
