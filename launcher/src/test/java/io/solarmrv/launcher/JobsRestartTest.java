package io.solarmrv.launcher;

import io.solarmrv.simulators.MessagePublisher;
import io.solarmrv.simulators.SignedMessages;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.ledger.AnchorClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mrv jobs} (the job on a local Flink in its own JVM) killed with SIGKILL mid-stream and
 * started again with the same checkpoint directory: it resumes from its last complete checkpoint,
 * and every reading is in the log exactly once, with dense indexes and the anchored root equal to
 * the root of the committed leaves.
 */
class JobsRestartTest {
    private static final int DEVICES = 20;
    private static final int READINGS_PER_DEVICE = 90; // into a second hour, so the first is anchored

    @Test
    void aKilledJobsProcessResumesFromItsCheckpointWithNothingLostOrCountedTwice(@TempDir Path workDir) throws Exception {
        Path repositoryRoot = Path.of("").toAbsolutePath().getParent();
        try (LocalPipeline pipeline = LocalPipeline.start(workDir.resolve("pipeline"), repositoryRoot, null)) {
            List<String> ids = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                ids.add(String.format("dev-%03d", d));
            }
            Path registry = Files.writeString(workDir.resolve("registry.txt"), pipeline.registryText(ids));
            Path logKey = Files.writeString(workDir.resolve("log.key"), pipeline.logSignerKey());
            Path checkpoints = workDir.resolve("checkpoints");
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    Path.of("target/classes").toAbsolutePath() + File.pathSeparator
                            + Files.readString(Path.of("target/runtime-classpath.txt")).strip(),
                    "io.solarmrv.launcher.Mrv", "jobs", "--broker", pipeline.brokerUri(), "--registry", registry.toString(),
                    "--jdbc-url", pipeline.jdbcUrl(), "--rpc", pipeline.chain().rpcUrl(),
                    "--chain-id", Long.toString(pipeline.chain().chainId()), "--contract", pipeline.anchorContract(),
                    "--log-key", logKey.toString(), "--checkpoint-interval", "PT1S", "--checkpoint-dir", checkpoints.toString(),
                    "--log-tiles", workDir.resolve("tiles").toString());
            List<SignedMessages.Message> messages = SignedMessages.chained(pipeline.gatewayKey(), ids,
                    READINGS_PER_DEVICE, 1);
            long expected = (long) DEVICES * READINGS_PER_DEVICE;
            int half = messages.size() / 2;
            try (Connection db = DriverManager.getConnection(pipeline.jdbcUrl()); Statement sql = db.createStatement();
                 MessagePublisher publisher = new MessagePublisher(pipeline.brokerUri(), "restart-test-publisher")) {
                // The job's MQTT session exists from its first start on (mrv jobs creates it the same way),
                // so the broker keeps what is published while the job starts or is down.
                io.solarmrv.jobs.mqtt.MqttSessions.provision(new io.solarmrv.jobs.mqtt.MqttSourceConfig(pipeline.brokerUri(),
                        "mrv/readings/+", "mrv-jobs", null), 1);
                Process first = start(command, pipeline.chain().privateKeyHex(), workDir.resolve("jobs-1.log"));
                publisher.publishAll("mrv/readings/", messages.subList(0, half));
                awaitLeaves(sql, 200, first, workDir.resolve("jobs-1.log"));
                first.destroyForcibly().waitFor();   // SIGKILL, mid-stream
                publisher.publishAll("mrv/readings/", messages.subList(half, messages.size()));
                Process second = start(command, pipeline.chain().privateKeyHex(), workDir.resolve("jobs-2.log"));
                try {
                    awaitLeaves(sql, expected, second, workDir.resolve("jobs-2.log"));
                    Thread.sleep(3_000); // a few more checkpoints: nothing more may arrive
                    assertTrue(Files.readString(workDir.resolve("jobs-2.log")).contains("resuming from checkpoint"),
                            "the second run resumed from the first one's checkpoint");
                } finally {
                    second.destroyForcibly().waitFor();
                }
                assertEquals(expected, count(sql, "SELECT count(*) FROM " + CommittedLog.READINGS), "every reading in the log");
                assertEquals(expected, count(sql, "SELECT count(DISTINCT (device_id, seq)) FROM " + CommittedLog.READINGS), "each once");
                List<byte[]> leafHashes = CommittedLog.leafHashesWithDenseIndexes(sql, workDir.resolve("tiles"));
                AnchorClient.LatestAnchor latest = CommittedLog.latestAnchor(sql, pipeline);
                assertArrayEquals(MerkleTree.root(leafHashes.subList(0, (int) latest.treeSize())), latest.root(),
                        "the anchored root is the root of the committed leaves it covers");
                CommittedLog.assertTilesHold(workDir.resolve("tiles"), leafHashes, latest);
            }
        }
    }

    private static Process start(List<String> command, String chainKey, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MRV_CHAIN_PRIVATE_KEY", chainKey);
        return builder.start();
    }

    private static void awaitLeaves(Statement sql, long atLeast, Process job, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (CommittedLog.leaves(sql) < atLeast) {
            if (!job.isAlive()) {
                throw new AssertionError("mrv jobs exited with " + job.exitValue() + ":\n" + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + atLeast + " leaves within 120 s; log:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    private static long count(Statement sql, String query) throws Exception {
        return CommittedLog.count(sql, query);
    }
}
