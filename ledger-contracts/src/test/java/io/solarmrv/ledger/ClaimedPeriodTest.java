package io.solarmrv.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimedPeriodTest {
    private static final Instant FROM = Instant.parse("2026-07-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-08-01T00:00:00Z");
    private static final byte[] HASH = new byte[32];

    private static PeriodClaim recorded(String project, byte[] hash, long start, long kg, long credits) {
        return new PeriodClaim(PeriodClient.idOf(project), start, TO.getEpochSecond(), hash, new byte[32], 100, new byte[32], kg, credits);
    }

    @Test
    void theChainRecordingExactlyTheClaimShowsNoDifference() {
        ClaimedPeriod claimed = new ClaimedPeriod("plant", FROM, TO, HASH, 1_500, 1);
        assertEquals(List.of(), claimed.differencesFrom(recorded("plant", HASH, FROM.getEpochSecond(), 1_500, 1)));
    }

    @Test
    void eachDifferenceIsNamed() {
        byte[] other = new byte[32];
        other[0] = 1;
        ClaimedPeriod claimed = new ClaimedPeriod("plant", FROM, TO, HASH, 1_500, 1);
        assertEquals(List.of("the chain's report hash is not the hash of these claims", "project differs", "interval differs",
                "chain states 2500 kg and 2 credits"), claimed.differencesFrom(recorded("other", other, FROM.getEpochSecond() + 1, 2_500, 2)));
    }
}
