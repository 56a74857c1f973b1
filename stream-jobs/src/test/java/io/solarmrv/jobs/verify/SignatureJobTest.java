package io.solarmrv.jobs.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.solarmrv.attestation.ClockSync;
import io.solarmrv.attestation.CoseAlgorithm;
import io.solarmrv.attestation.DeviceRegistry;
import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.ReadingSigner;
import io.solarmrv.attestation.SignedReading;
import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.RejectedReading;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/** {@link DecodeAndVerifySignature} in a real (local) Flink job. */
class SignatureJobTest {

    private static byte[] signed(String device, ReadingSigner key) {
        Reading reading = new Reading(device, "SN-" + device, 0, 1_780_000_000_000L, 1_000, null, 100, ClockSync.NTP, 0,
                Reading.genesisHash(), new byte[Reading.SALT_LENGTH]);
        return SignedReading.sign(reading, key).toWire();
    }

    /** Runs the job and lists what became of each reading, accepted or rejected, in the words the two functions give. */
    private static List<String> outcomes(SingleOutputStreamOperator<AcceptedReading> verified, OutputTag<RejectedReading> rejects,
                                         org.apache.flink.api.common.functions.MapFunction<AcceptedReading, String> accepted,
                                         org.apache.flink.api.common.functions.MapFunction<RejectedReading, String> rejected)
            throws Exception {
        DataStream<String> outcomes = verified.map(accepted).union(verified.getSideOutput(rejects).map(rejected));
        List<String> seen = new ArrayList<>();
        try (CloseableIterator<String> out = outcomes.executeAndCollect()) {
            out.forEachRemaining(seen::add);
        }
        return seen;
    }

    /** Signs with {@code key} but names {@code claimed} as its public key (so the envelope's key id is that key's). */
    private static ReadingSigner naming(byte[] claimed, GatewayKey key) {
        return new ReadingSigner() {
            @Override
            public CoseAlgorithm algorithm() {
                return key.algorithm();
            }

            @Override
            public byte[] publicKey() {
                return claimed.clone();
            }

            @Override
            public byte[] sign(byte[] message) {
                return key.sign(message);
            }
        };
    }

    @Test
    void aRegistryLineWithAKeyThatIsNoPointIsLeftOutAndTheJobRunsOn() throws Exception {
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        // Before, the job's registry took inv-2's 32 zero bytes (no Ed25519 point), and Bouncy Castle threw on a
        // reading naming that key: the job failed, restarted from its checkpoint and met the same reading again.
        byte[] noPoint = new byte[32];
        String registry = "inv-2 ed25519:" + "00".repeat(32) + "\n" + DeviceRegistry.registrationLine("inv-1", key);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        OutputTag<RejectedReading> rejects = new OutputTag<>("rejects") { };
        SingleOutputStreamOperator<AcceptedReading> verified = env.fromData(signed("inv-2", naming(noPoint, key)), signed("inv-1", key))
                .process(new DecodeAndVerifySignature(registry, rejects));
        List<String> seen = outcomes(verified, rejects, r -> "accepted " + r.deviceId(), r -> "rejected " + r.deviceId() + " " + r.reason());
        assertEquals(List.of("accepted inv-1", "rejected inv-2 UNKNOWN_DEVICE"), seen.stream().sorted().toList());
    }

    @Test
    void aReadingCarryingAnotherMetersSerialIsRejectedWithBoth() throws Exception {
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        // inv-3's id signs for a meter that is not inv-3's: the same meter under two ids would be credited twice.
        String registry = DeviceRegistry.registrationLine("inv-1", key) + "\n" + DeviceRegistry.registrationLine("inv-3", key) + "\n"
                + new DeviceRegistry.MeterSerial("inv-1", "SN-inv-1", 0).line() + "\n"
                + new DeviceRegistry.MeterSerial("inv-3", "SN-elsewhere", 0).line();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        OutputTag<RejectedReading> rejects = new OutputTag<>("rejects") { };
        SingleOutputStreamOperator<AcceptedReading> verified = env.fromData(signed("inv-1", key), signed("inv-3", key))
                .process(new DecodeAndVerifySignature(registry, rejects));
        List<String> seen = outcomes(verified, rejects, r -> "accepted " + r.deviceId(), r -> "rejected " + r.deviceId() + " " + r.reason() + ": " + r.detail());
        assertEquals(List.of("accepted inv-1", "rejected inv-3 WRONG_METER: inv-3 #0: carries a meter serial other than the one"
                + " registered behind the device at its sequence: one meter, one device (carries SN-inv-3, registered SN-elsewhere)"),
                seen.stream().sorted().toList());
    }

    @Test
    void theSameDeviceIdSentByASecondGatewayIsRejectedAndTheRegisteredGatewaysReadingCounts() throws Exception {
        GatewayKey registered = GatewayKey.generate(new SecureRandom());
        GatewayKey other = GatewayKey.generate(new SecureRandom());   // a second gateway (misconfigured, or an impostor)
        String registry = DeviceRegistry.registrationLine("inv-1", registered) + "\n" + DeviceRegistry.registrationLine("inv-9", other);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        OutputTag<RejectedReading> rejects = new OutputTag<>("rejects") { };
        SingleOutputStreamOperator<AcceptedReading> verified = env.fromData(signed("inv-1", other), signed("inv-1", registered))
                .process(new DecodeAndVerifySignature(registry, rejects));
        List<String> seen = outcomes(verified, rejects, r -> "accepted " + r.deviceId(), r -> "rejected " + r.deviceId() + " " + r.reason());
        assertEquals(List.of("accepted inv-1", "rejected inv-1 UNKNOWN_KEY"), seen.stream().sorted().toList(),
                "a key registered for another device signs nothing for this one");
    }

    @Test
    void aRevokedKeysReadingReceivedAfterTheRevocationIsRejectedWhateverTimeItCarries() throws Exception {
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        long stamped = 1_780_000_000_000L;                  // signed() stamps every reading at this time
        long revokedAt = stamped + 60_000;
        String registry = DeviceRegistry.registrationLine("inv-1", key) + " revoked-at=" + java.time.Instant.ofEpochMilli(revokedAt)
                + "\n" + DeviceRegistry.registrationLine("inv-2", key);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        OutputTag<RejectedReading> rejects = new OutputTag<>("rejects") { };
        // inv-1 received a minute after the revocation (a key stolen and backdating), inv-2 by the same key but never revoked for it
        SingleOutputStreamOperator<AcceptedReading> verified = env.fromData(signed("inv-1", key), signed("inv-2", key))
                .assignTimestampsAndWatermarks(org.apache.flink.api.common.eventtime.WatermarkStrategy.<byte[]>noWatermarks()
                        .withTimestampAssigner((message, previous) -> revokedAt + 60_000))
                .process(new DecodeAndVerifySignature(registry, rejects));
        List<String> seen = outcomes(verified, rejects, r -> "accepted " + r.deviceId(), r -> "rejected " + r.deviceId() + " " + r.reason());
        assertEquals(List.of("accepted inv-2", "rejected inv-1 KEY_REVOKED"), seen.stream().sorted().toList());
    }

    /** Where {@link #aKeyRegisteredWhileTheJobRunsCountsWithoutARestart} keeps its registry file, for the map below. */
    private static java.nio.file.Path registryFile;
    private static String registryAfter;

    @Test
    void aKeyRegisteredWhileTheJobRunsCountsWithoutARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        String before = DeviceRegistry.registrationLine("inv-1", key) + "\n";
        registryAfter = before + DeviceRegistry.registrationLine("inv-2", key) + "\n";
        registryFile = dir.resolve("registry.txt");
        java.nio.file.Files.writeString(registryFile, before);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        OutputTag<RejectedReading> rejects = new OutputTag<>("rejects") { };
        // inv-2's first reading arrives before its key is registered, its second after the operator registered it
        DataStream<byte[]> messages = env.fromData(signed("inv-2", key), signed("inv-1", key), signedAt("inv-2", key, 1))
                .map(message -> {
                    if (SignedReading.fromWire(message).reading().deviceId().equals("inv-1")) {
                        java.nio.file.Path next = registryFile.resolveSibling("registry.txt.new");
                        java.nio.file.Files.writeString(next, registryAfter);
                        java.nio.file.Files.move(next, registryFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                        Thread.sleep(1_500);   // a few refreshes of 200 ms
                    }
                    return message;
                });
        SingleOutputStreamOperator<AcceptedReading> verified = messages.process(new DecodeAndVerifySignature(before,
                registryFile.toString(), java.time.Duration.ofMillis(200), rejects));
        List<String> seen = outcomes(verified, rejects, r -> "accepted " + r.deviceId() + " #" + r.sequence(), r -> "rejected " + r.deviceId() + " #" + r.sequence() + " " + r.reason());
        assertEquals(List.of("accepted inv-1 #0", "accepted inv-2 #1", "rejected inv-2 #0 UNKNOWN_DEVICE"), seen.stream().sorted().toList());
    }

    private static byte[] signedAt(String device, ReadingSigner key, long sequence) {
        Reading reading = new Reading(device, "SN-" + device, sequence, 1_780_000_000_000L + sequence, 1_000, null, 100, ClockSync.NTP, 0,
                Reading.genesisHash(), new byte[Reading.SALT_LENGTH]);
        return SignedReading.sign(reading, key).toWire();
    }
}
