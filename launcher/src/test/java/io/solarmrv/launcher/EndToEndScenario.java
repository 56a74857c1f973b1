package io.solarmrv.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.solarmrv.attestation.ClockSync;
import io.solarmrv.simulators.Fault;
import java.time.Instant;
import java.util.Map;
import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.SignedReading;
import io.solarmrv.ledger.AnchorClient;
import io.solarmrv.attestation.methodology.EmissionFactor;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The walking skeleton's end-to-end check, shared by the embedded-broker and Mosquitto tests: one
 * simulated day through simulators, agent, broker, Flink job, chain and service, with one tampered
 * reading injected.
 */
final class EndToEndScenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A 64-byte signature as a CBOR byte string: 0x58 0x40 and the bytes. */
    static final int SIGNATURE_BSTR = 2 + 64;

    private EndToEndScenario() {
    }

    /** What a test does with the pipeline and the report after the day, before everything stops. */
    interface AfterDay {
        void check(LocalPipeline pipeline, JsonNode report, Path workDir) throws Exception;
    }

    static void run(Path workDir, String brokerUri) throws Exception {
        run(workDir, brokerUri, 0, (pipeline, report, dir) -> { });
    }

    /** @param failJobOnceAfterMessages if above 0, the Flink job fails once mid-day and recovers */
    static void run(Path workDir, String brokerUri, long failJobOnceAfterMessages, AfterDay afterDay) throws Exception {
        DayPlan clean = new DayPlan(DayPlan.tokyoSummerDay().date(), 35.68, 139.77, DayPlan.tokyoSummerDay().zone(),
                List.of(5_000L, 7_500L), 2880, Duration.ofMinutes(2));
        // inv-2's readings freeze from 10:00 to 13:00 local time: stale values the quality rules must flag
        Instant stuckFrom = clean.start().plus(Duration.ofHours(10));
        DayPlan plan = clean.withFaults(Map.of("inv-2",
                List.of(new Fault(Fault.Kind.STUCK, stuckFrom, stuckFrom.plus(Duration.ofHours(3)), 0))));
        Path repositoryRoot = Path.of("").toAbsolutePath().getParent();
        try (LocalPipeline pipeline = LocalPipeline.start(workDir, repositoryRoot, brokerUri)) {
            publishTamperedReading(pipeline, plan);

            DayRun run = pipeline.runDay(plan, failJobOnceAfterMessages);
            pipeline.registerProject("e2e", "End-to-end PV", new EmissionFactor(new BigDecimal("0.533"),
                    plan.date().withDayOfMonth(1), null, "test fixture value"), plan.deviceIds(), plan.nameplatesW(), plan.latitude(), plan.longitude(),
                    plan.zone(), plan.date().withDayOfMonth(1));
            JsonNode report = JSON.readTree(pipeline.report("e2e", plan.start(), plan.end()));

            // the profiles the service writes for the job parse, and say what the job was given by hand
            io.solarmrv.jobs.quality.QualityProfiles profiles = io.solarmrv.jobs.quality.QualityProfiles.parse(pipeline.qualityProfiles());
            for (int i = 0; i < plan.deviceIds().size(); i++) {
                io.solarmrv.jobs.quality.DeviceQuality device = profiles.forDevice(plan.deviceIds().get(i));
                assertEquals(plan.nameplatesW().get(i), device.nameplateW());
                assertEquals(plan.latitude(), device.latitude());
                assertEquals(plan.longitude(), device.longitude());
            }

            assertTrue(run.totalSimulatorEnergyWh() > 10_000, "a clear summer day generates energy");
            assertEquals(run.totalSimulatorEnergyWh(), report.get("totalEnergyWh").asLong(),
                    "report energy equals the simulators' own register deltas");
            for (JsonNode device : report.get("devices")) {
                assertEquals(run.simulatorEnergyWh().get(device.get("deviceId").asText()), device.get("energyWh").asLong());
            }
            int staleInv1 = report.get("devices").get(0).get("qualityFlags").path("stale").asInt(0);
            int staleInv2 = report.get("devices").get(1).get("qualityFlags").path("stale").asInt(0);
            assertTrue(staleInv2 >= 50 && staleInv2 > staleInv1 + 40,
                    "the three frozen hours of inv-2 are flagged stale (inv-1 " + staleInv1 + ", inv-2 " + staleInv2 + ")");
            for (JsonNode device : report.get("devices")) {
                JsonNode flags = device.get("qualityFlags");
                System.out.println("e2e quality flags of " + device.get("deviceId").asText() + ": " + flags);
                for (String rule : List.of("night_generation", "timestamp_shift", "incomplete_day", "out_of_range")) {
                    assertEquals(0, flags.path(rule).asInt(0), rule + " on a clear day at the site the job was given: " + flags);
                }
            }
            assertTrue(report.get("devices").get(0).has("voidedSequences"), "the report states empty lists too");
            long excludedInv1 = report.get("devices").get(0).get("excludedEnergyWh").asLong();
            long excludedInv2 = report.get("devices").get(1).get("excludedEnergyWh").asLong();
            assertTrue(excludedInv2 > excludedInv1 && excludedInv2 > run.simulatorEnergyWh().get("inv-2") / 10,
                    "the frozen hours' energy (caught up after the freeze) is excluded: inv-1 " + excludedInv1
                            + " Wh, inv-2 " + excludedInv2 + " Wh");
            long credited = run.totalSimulatorEnergyWh() - excludedInv1 - excludedInv2;
            assertEquals(credited, report.get("creditedEnergyWh").asLong());
            BigDecimal tonnes = BigDecimal.valueOf(credited).multiply(new BigDecimal("0.533")).movePointLeft(6);
            assertEquals(0, tonnes.compareTo(report.get("emissionReductionsTco2").decimalValue()),
                    "ER = credited energy x EF: flagged energy never reaches a credit figure");
            assertEquals(tonnes.longValue(), report.get("creditsTco2").asLong(), "credits are floored");

            try (Connection db = DriverManager.getConnection(pipeline.jdbcUrl()); Statement sql = db.createStatement()) {
                for (String device : plan.deviceIds()) {
                    long hours = sum(sql, "SELECT sum(energy_wh) FROM hourly_energy WHERE device_id = '" + device + "'");
                    long quarters = sum(sql, "SELECT sum(energy_wh) FROM quarter_hour_energy WHERE device_id = '" + device + "'");
                    assertEquals(run.simulatorEnergyWh().get(device), hours, device + ": the hours sum to the register delta");
                    assertEquals(hours, quarters, device + ": so do the quarter hours");
                }
                try (ResultSet rejects = sql.executeQuery("SELECT reason, detail FROM rejected_readings")) {
                    assertTrue(rejects.next(), "the tampered reading is in the rejects store");
                    assertEquals("BAD_SIGNATURE", rejects.getString(1));
                    assertTrue(rejects.getString(2).contains("inv-1"), rejects.getString(2));
                    assertTrue(!rejects.next(), "exactly one reading was rejected");
                }
                List<byte[]> leafHashes = CommittedLog.leafHashesWithDenseIndexes(sql, pipeline.logTiles());
                assertEquals(run.storedReadings(), leafHashes.size(), "every reading the agent stored is in the log, once");
                String lastNote;
                try (ResultSet notes = sql.executeQuery("SELECT signed_note FROM log_checkpoints ORDER BY tree_size DESC LIMIT 1")) {
                    assertTrue(notes.next(), "checkpoints were anchored");
                    lastNote = notes.getString(1);
                }
                byte[] logId = AnchorClient.logIdOf(io.solarmrv.attestation.note.Checkpoint.originOf(lastNote));
                try (AnchorClient chain = AnchorClient.connect(pipeline.chain(), pipeline.anchorContract())) {
                    AnchorClient.LatestAnchor latest = chain.latest(logId);
                    assertEquals(leafHashes.size(), latest.treeSize(), "the last checkpoint covers the whole log");
                    assertEquals(countRows(sql, "log_checkpoints"), latest.count(),
                            "every checkpoint anchored once, each with a consistency proof the chain checked");
                    assertArrayEquals(MerkleTree.root(leafHashes), chain.rootAt(logId, leafHashes.size()).orElseThrow(),
                            "the root anchored on chain equals the root recomputed from the accepted readings");
                }
                assertEquals(report.get("checkpoints").size(), countRows(sql, "log_checkpoints"));
            }
            afterDay.check(pipeline, report, workDir);
        }
    }

    /** A genuine signed reading of inv-1 with one byte of its energy register flipped after signing. */
    private static void publishTamperedReading(LocalPipeline pipeline, DayPlan plan) throws Exception {
        Reading reading = new Reading("inv-1", "SN-inv-1", 0, plan.start().toEpochMilli(), 9_999_999, null, 0,
                ClockSync.UNSYNCHRONIZED, 0, Reading.genesisHash(), new byte[Reading.SALT_LENGTH]);
        byte[] wire = SignedReading.sign(reading, pipeline.gatewayKey()).toWire();
        int lastPayloadByte = wire.length - SIGNATURE_BSTR - 1;   // the salt's last byte
        wire[lastPayloadByte] ^= 0x01;
        MqttClient client = new MqttClient(pipeline.brokerUri(), "tamperer", new MemoryPersistence());
        client.connect();
        MqttMessage message = new MqttMessage(wire);
        message.setQos(1);
        client.publish("mrv/readings/inv-1", message);
        client.disconnect();
        client.close();
    }

    private static long sum(Statement sql, String query) throws Exception {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static long countRows(Statement sql, String table) throws Exception {
        try (ResultSet count = sql.executeQuery("SELECT count(*) FROM " + table)) {
            count.next();
            return count.getLong(1);
        }
    }
}
