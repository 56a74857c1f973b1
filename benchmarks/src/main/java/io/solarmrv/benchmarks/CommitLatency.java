package io.solarmrv.benchmarks;

import java.util.Arrays;

/**
 * Publish-to-commit latency per message, from when each message was published and when the count of
 * committed log leaves was seen to reach each value. A message's readings are committed when the
 * leaf count first reaches the number of readings published up to and including it: this assumes
 * the log takes messages in publish order (true for one publisher and one source reader).
 */
final class CommitLatency {
    private CommitLatency() {
    }

    /**
     * @param sentAtNanos      when message i was published
     * @param readingsUpTo     readings in messages 0..i (cumulative)
     * @param seenAtNanos      when the leaf count was read, ascending
     * @param leavesSeen       the leaf count read then, not decreasing
     * @return latency per message in milliseconds, sorted; a message never seen committed is left out
     */
    static double[] perMessageMillis(long[] sentAtNanos, long[] readingsUpTo, long[] seenAtNanos, long[] leavesSeen) {
        double[] latencies = new double[sentAtNanos.length];
        int n = 0;
        int observation = 0;
        for (int i = 0; i < sentAtNanos.length; i++) {
            while (observation < leavesSeen.length && leavesSeen[observation] < readingsUpTo[i]) {
                observation++;
            }
            if (observation == leavesSeen.length) {
                break;
            }
            latencies[n++] = (seenAtNanos[observation] - sentAtNanos[i]) / 1e6;
        }
        double[] seen = Arrays.copyOf(latencies, n);
        Arrays.sort(seen);
        return seen;
    }

    /** The q-quantile (0..1) of sorted values, nearest rank. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
