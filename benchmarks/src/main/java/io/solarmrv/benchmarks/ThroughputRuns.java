package io.solarmrv.benchmarks;

import io.solarmrv.attestation.SignedReading;
import io.solarmrv.jobs.quality.DeviceQuality;
import io.solarmrv.jobs.quality.QualityProfiles;
import io.solarmrv.jobs.quality.QualityThresholds;
import io.solarmrv.launcher.LocalPipeline;
import io.solarmrv.results.LogIndex;
import io.solarmrv.simulators.MessagePublisher;
import io.solarmrv.simulators.SignedMessages;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;

/**
 * The timed runs of {@code bench-throughput} on a {@link LocalPipeline}: the job over its broker,
 * measured from the first publish until every reading's leaf is committed, or fed from memory.
 */
final class ThroughputRuns {
    private ThroughputRuns() {
    }

    /**
     * What {@link #overBroker} measured: leaves committed to the log, seconds from first publish to
     * the last commit, and each message's publish-to-commit latency in ms, sorted.
     */
    record MessagesRun(long leaves, double seconds, double[] commitLatenciesMillis) {
    }

    /**
     * Runs the job over prepared messages (topic suffix = device id) published at {@code perSecond}
     * messages a second (0: as fast as the broker takes them), and measures until every reading's
     * leaf is committed (or the job ends), reading the leaf count every 10 ms.
     */
    static MessagesRun overBroker(LocalPipeline pipeline, List<String> deviceIds, List<SignedMessages.Message> messages,
                                  Duration checkpointInterval, int perSecond) throws Exception {
        long[] readingsUpTo = readingsUpTo(messages);
        long expected = readingsUpTo.length == 0 ? 0 : readingsUpTo[readingsUpTo.length - 1];
        JobClient job = pipeline.startJob(deviceIds, benchQuality(deviceIds), checkpointInterval);
        ExecutorService publishing = Executors.newSingleThreadExecutor();
        try (MessagePublisher publisher = new MessagePublisher(pipeline.brokerUri(), "bench-" + Long.toHexString(System.nanoTime()))) {
            Thread.sleep(3_000); // the job's source subscribes
            long[] sentAt = new long[messages.size()];
            long start = System.nanoTime();
            Future<?> published = publishing.submit(() -> {
                publisher.publishAll("mrv/readings/", messages, perSecond, sentAt);
                return null;
            });
            List<long[]> seen = watchLeaves(pipeline, job, expected);
            long leaves = seen.isEmpty() ? 0 : seen.get(seen.size() - 1)[1];
            double seconds = (System.nanoTime() - start) / 1e9;
            published.get();
            job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
            double[] latencies = CommitLatency.perMessageMillis(sentAt, readingsUpTo,
                    seen.stream().mapToLong(s -> s[0]).toArray(), seen.stream().mapToLong(s -> s[1]).toArray());
            return new MessagesRun(leaves, seconds, latencies);
        } catch (Exception e) {
            job.cancel();
            throw e;
        } finally {
            publishing.shutdownNow();
        }
    }

    /**
     * Runs the job without the broker, the messages fed from memory into the stages after the
     * source. Seconds from submission until every reading's leaf is committed.
     */
    static double fromMemory(LocalPipeline pipeline, List<String> deviceIds, List<SignedMessages.Message> messages,
                             Duration checkpointInterval, int parallelism) throws Exception {
        long[] upTo = readingsUpTo(messages);
        long expected = upTo.length == 0 ? 0 : upTo[upTo.length - 1];
        long start = System.nanoTime();
        JobClient job = pipeline.startJobFromMemory(deviceIds, messages.stream().map(SignedMessages.Message::payload).toList(),
                benchQuality(deviceIds), checkpointInterval, parallelism);
        List<long[]> seen = watchLeaves(pipeline, job, expected);
        double seconds = (System.nanoTime() - start) / 1e9;
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);   // throws the failure, if it failed
        long leaves = seen.isEmpty() ? 0 : seen.get(seen.size() - 1)[1];
        if (leaves < expected) {
            throw new IllegalStateException("the job ended with " + leaves + " of " + expected + " readings in the log");
        }
        return seconds;
    }

    /** Element i: how many readings messages 0..i carry. */
    private static long[] readingsUpTo(List<SignedMessages.Message> messages) {
        long[] upTo = new long[messages.size()];
        long readings = 0;
        for (int i = 0; i < messages.size(); i++) {
            readings += SignedReading.unpack(messages.get(i).payload()).size();
            upTo[i] = readings;
        }
        return upTo;
    }

    /**
     * Reads the committed leaf count every 10 ms until it reaches {@code expected} or the job ends;
     * returns each look as {nanoTime, leaves}.
     */
    private static List<long[]> watchLeaves(LocalPipeline pipeline, JobClient job, long expected) throws Exception {
        List<long[]> seen = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(pipeline.jdbcUrl())) {
            LogIndex index = new LogIndex(db);   // leaves are indexed last, once in the tiles
            long leaves = 0;
            while (leaves < expected && !job.getJobStatus().get().isTerminalState()) {
                Thread.sleep(10);
                leaves = index.end();
                seen.add(new long[] {System.nanoTime(), leaves});
            }
        }
        return seen;
    }

    /**
     * The benchmark's devices checked as a real project's would be: the daily quality rules run for
     * each (5 kW nameplate, read every minute, default thresholds), so their cost is in the figures.
     */
    private static QualityProfiles benchQuality(List<String> deviceIds) {
        Map<String, DeviceQuality> devices = new LinkedHashMap<>();
        deviceIds.forEach(id -> devices.put(id, new DeviceQuality("bench", 5_000, null, null, Duration.ofMinutes(1),
                QualityThresholds.defaults())));
        return QualityProfiles.of(devices);
    }
}
