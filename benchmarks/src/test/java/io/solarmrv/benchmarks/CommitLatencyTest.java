package io.solarmrv.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CommitLatencyTest {
    private static final long MS = 1_000_000L;

    @Test
    void aMessageIsCommittedWhenTheLeafCountFirstCoversItsReadings() {
        // three messages of 2 readings each, sent at 0, 10 and 20 ms
        long[] sent = {0, 10 * MS, 20 * MS};
        long[] upTo = {2, 4, 6};
        // leaf count 0 at 5 ms, 4 at 100 ms, 6 at 300 ms
        long[] seenAt = {5 * MS, 100 * MS, 300 * MS};
        long[] leaves = {0, 4, 6};
        assertArrayEquals(new double[] {90, 100, 280}, CommitLatency.perMessageMillis(sent, upTo, seenAt, leaves), 1e-9);
    }

    @Test
    void messagesNeverSeenCommittedAreLeftOut() {
        long[] sent = {0, 10 * MS};
        assertArrayEquals(new double[] {50}, CommitLatency.perMessageMillis(sent, new long[] {1, 2},
                new long[] {50 * MS}, new long[] {1}), 1e-9);
    }

    @Test
    void quantilesByNearestRank() {
        double[] sorted = new double[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertEquals(50, CommitLatency.quantile(sorted, 0.5));
        assertEquals(99, CommitLatency.quantile(sorted, 0.99));
        assertEquals(100, CommitLatency.quantile(sorted, 1.0));
        assertEquals(Double.NaN, CommitLatency.quantile(new double[0], 0.5));
    }
}
