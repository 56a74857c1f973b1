package io.solarmrv.launcher;

import io.solarmrv.simulators.MessagePublisher;
import io.solarmrv.simulators.SignedMessages;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.jobs.JobSettings;
import io.solarmrv.jobs.ReadingsJob;
import io.solarmrv.ledger.AnchorClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real Flink standalone cluster (JobManager and two TaskManagers as separate JVMs),
 * parallelism 2, one TaskManager killed with SIGKILL mid-stream: every reading is in the log once,
 * the energy per device is exact, and the chain holds the root of exactly those leaves.
 *
 * <p>What this test found (2026-11-23): a reader of a shared subscription that never got a message
 * never ended a bounded run (the reader now checks its idle clock on a timer); and after the kill,
 * the messages the dead reader had not acknowledged came back after later readings of the same
 * devices and were rejected as OUT_OF_ORDER, lost as evidence (ChainCheck now holds readings ahead
 * of a gap until it fills). Flink spreads the job over both TaskManagers
 * ({@code taskmanager.load-balance.mode: SLOTS}), so the kill always hits part of the job; the
 * test checks the job's exception history to be sure. Logs stay under target/flink-cluster-test.
 */
class FlinkClusterTest {
    private static final int DEVICES = 40;
    private static final int READINGS_PER_DEVICE = 120;

    @Test
    void theJobJarOnAStandaloneClusterSurvivesATaskManagerKilledMidStream(@TempDir Path workDir) throws Exception {
        Path flinkDir = Path.of("target/flink-cluster-test").toAbsolutePath(); // logs stay for a failed run
        Files.createDirectories(flinkDir);
        Path jobJar;
        try (var jars = Files.list(Path.of("../stream-jobs/target"))) {
            jobJar = jars.filter(p -> p.getFileName().toString().endsWith("-job.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("build stream-jobs first: its -job.jar is missing"));
        }
        Path repositoryRoot = Path.of("").toAbsolutePath().getParent();
        try (LocalPipeline pipeline = LocalPipeline.start(workDir.resolve("pipeline"), repositoryRoot, null);
             FlinkStandaloneCluster cluster = FlinkStandaloneCluster.start(flinkDir, 2, 2)) {
            List<String> ids = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                ids.add(String.format("dev-%03d", d));
            }
            List<SignedMessages.Message> messages = SignedMessages.chained(pipeline.gatewayKey(), ids,
                    READINGS_PER_DEVICE, 1);
            JobSettings settings = pipeline.externalJobSettings(ids, 2, Duration.ofSeconds(1), Duration.ofSeconds(30));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1",
                    cluster.restPort(), jobJar.toAbsolutePath().toString());
            env.setParallelism(2);
            ReadingsJob.define(env, settings);
            JobClient job = env.executeAsync("mrv-readings on a standalone cluster");

            long expected = (long) DEVICES * READINGS_PER_DEVICE;
            try (MessagePublisher publisher = new MessagePublisher(pipeline.brokerUri(), "cluster-test-publisher");
                 Connection db = DriverManager.getConnection(pipeline.jdbcUrl());
                 Statement sql = db.createStatement()) {
                Thread.sleep(5_000); // the readers subscribe
                int half = messages.size() / 2;
                publisher.publishAll("mrv/readings/", messages.subList(0, half));
                awaitLeaves(sql, 500, Duration.ofSeconds(120));
                cluster.killTaskManager(0);
                publisher.publishAll("mrv/readings/", messages.subList(half, messages.size()));
                try {
                    job.getJobExecutionResult().get(4, TimeUnit.MINUTES);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("the job did not finish: status " + job.getJobStatus().get() + ", "
                            + count(sql, "SELECT count(*) FROM " + CommittedLog.READINGS) + " of " + expected + " leaves; logs in " + flinkDir, e);
                }

                String exceptions = cluster.jobExceptions(job.getJobID().toHexString());
                assertTrue(exceptions.contains("\"entries\":[{"),
                        "the killed TaskManager ran part of the job, so the job failed over: " + exceptions);
                assertEquals(expected, count(sql, "SELECT count(*) FROM " + CommittedLog.READINGS),
                        () -> "every reading in the log; missing: " + missing(sql));
                assertEquals(expected, count(sql, "SELECT count(DISTINCT (device_id, seq)) FROM " + CommittedLog.READINGS), "each once");
                assertEquals(DEVICES * 50L * (READINGS_PER_DEVICE - 1),
                        count(sql, "SELECT sum(max_r - min_r) FROM (SELECT max(energy_register_wh) max_r,"
                                + " min(energy_register_wh) min_r FROM " + CommittedLog.READINGS + " GROUP BY device_id) t"),
                        "register deltas complete for every device");
                List<byte[]> leafHashes = CommittedLog.leafHashesWithDenseIndexes(sql, pipeline.logTiles());
                AnchorClient.LatestAnchor latest = CommittedLog.latestAnchor(sql, pipeline);
                assertEquals(expected, latest.treeSize(), "the last anchor covers the whole log");
                assertArrayEquals(MerkleTree.root(leafHashes), latest.root(),
                        "the anchored root is the root of exactly the committed leaves");
                CommittedLog.assertTilesHold(pipeline.logTiles(), leafHashes, latest);
            }
        }
    }

    private static void awaitLeaves(Statement sql, long atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (CommittedLog.leaves(sql) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + atLeast + " leaves committed within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /** Readings not in the log, per device as seq ranges: tells a lost batch from scattered losses. */
    private static String missing(Statement sql) {
        StringBuilder out = new StringBuilder();
        try (ResultSet rows = sql.executeQuery("SELECT d.id, s.seq FROM (SELECT DISTINCT device_id id FROM " + CommittedLog.READINGS + ") d"
                + " CROSS JOIN generate_series(0, " + (READINGS_PER_DEVICE - 1) + ") s(seq)"
                + " WHERE NOT EXISTS (SELECT 1 FROM " + CommittedLog.READINGS + " WHERE readings.device_id = d.id AND readings.seq = s.seq)"
                + " ORDER BY d.id, s.seq")) {
            while (rows.next()) {
                out.append(rows.getString(1)).append('#').append(rows.getLong(2)).append(' ');
            }
        } catch (Exception e) {
            out.append("(cannot list: ").append(e).append(')');
        }
        return out.toString();
    }

    private static long count(Statement sql, String query) throws Exception {
        return CommittedLog.count(sql, query);
    }
}
