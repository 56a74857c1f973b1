package io.solarmrv.launcher;

import io.solarmrv.attestation.ClockSync;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.ReadingCodec;
import io.solarmrv.attestation.Sha256;
import io.solarmrv.attestation.SignedBatch;
import io.solarmrv.attestation.SignedReading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mrv bench-throughput}: how many signed readings per second the whole readings job takes
 * on this machine, next to what the same broker moves to a plain subscriber in the same run.
 * Readings are signed before the clock starts; the job runs on the embedded pipeline (HiveMQ,
 * Flink MiniCluster at parallelism 1, PostgreSQL, anvil), from the first publish until the last
 * reading's leaf is committed to the log.
 */
@Command(name = "bench-throughput", mixinStandardHelpOptions = true,
        description = "Readings/s through the whole job, one or more readings per envelope, next to the broker's raw rate.")
public final class ThroughputCommand implements Callable<Integer> {
    @Option(names = "--devices", defaultValue = "200", description = "Devices (default: ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--readings-per-device", defaultValue = "100", description = "Readings per device (default: ${DEFAULT-VALUE})")
    int readingsPerDevice;

    @Option(names = "--per-envelope", defaultValue = "1", description = "Readings per signed envelope: 1, or a batch (default: ${DEFAULT-VALUE})")
    int perEnvelope;

    @Option(names = "--checkpoint-interval", defaultValue = "PT1S", description = "Flink checkpoint interval (default: ${DEFAULT-VALUE})")
    java.time.Duration checkpointInterval;

    @Option(names = "--rate", defaultValue = "0",
            description = "Messages published per second; 0 publishes as fast as the broker takes them (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--without-broker",
            description = "Instead, run the job fed from memory, no broker: the job's own rate (includes job start-up)")
    boolean withoutBroker;

    @Option(names = "--parallelism", defaultValue = "1",
            description = "With --without-broker: parallelism of the stages between source and log (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        Path workDir = Files.createTempDirectory("mrv-bench-throughput");
        Path repositoryRoot = Path.of(System.getProperty("mrv.home", ".")).toAbsolutePath().normalize();
        try (LocalPipeline pipeline = LocalPipeline.start(workDir, repositoryRoot, null)) {
            List<String> ids = new ArrayList<>();
            for (int d = 0; d < devices; d++) {
                ids.add(String.format("dev-%05d", d));
            }
            long signStart = System.nanoTime();
            List<BenchPublisher.Message> messages = messages(pipeline, ids);
            double signSeconds = (System.nanoTime() - signStart) / 1e9;
            long readings = (long) devices * readingsPerDevice;

            if (withoutBroker) {
                double seconds = pipeline.runMessagesWithoutBroker(ids, messages, checkpointInterval, parallelism);
                System.out.printf("%d devices x %d readings, %d per envelope: %d readings in %d messages; checkpoints every %s;"
                        + " parallelism %d%n", devices, readingsPerDevice, perEnvelope, readings, messages.size(), checkpointInterval,
                        parallelism);
                System.out.printf("%-52s %12s %14s%n", "", "seconds", "readings/s");
                System.out.printf("%-52s %12.2f %14.0f%n", "job alone: submit -> last leaf committed", seconds, readings / seconds);
                return 0;
            }
            double rawSeconds = rawBrokerSeconds(pipeline.brokerUri(), messages);
            LocalPipeline.MessagesRun run = pipeline.runMessages(ids, messages, checkpointInterval, rate);

            System.out.printf("%d devices x %d readings, %d per envelope: %d readings in %d messages; checkpoints every %s; %s%n",
                    devices, readingsPerDevice, perEnvelope, readings, messages.size(), checkpointInterval,
                    rate > 0 ? "published at " + rate + " messages/s" : "published as fast as the broker takes them");
            System.out.printf("%-52s %12s %14s%n", "", "seconds", "readings/s");
            System.out.printf("%-52s %12.2f %14.0f%n", "signing, before the clock (one thread)", signSeconds, readings / signSeconds);
            System.out.printf("%-52s %12.2f %14.0f%n", "broker alone: publish -> plain subscriber (QoS 1)", rawSeconds, readings / rawSeconds);
            System.out.printf("%-52s %12.2f %14.0f%n", "whole job: first publish -> last leaf committed", run.seconds(),
                    run.leaves() / run.seconds());
            System.out.printf("leaves committed %d of %d readings%n", run.leaves(), readings);

            double[] latency = run.commitLatenciesMillis();
            System.out.printf("publish -> committed in the log, ms (%d messages): p50 %.0f  p99 %.0f  max %.0f%n",
                    latency.length, CommitLatency.quantile(latency, 0.5), CommitLatency.quantile(latency, 0.99),
                    CommitLatency.quantile(latency, 1.0));
            return run.leaves() == readings ? 0 : 1;
        }
    }

    private List<BenchPublisher.Message> messages(LocalPipeline pipeline, List<String> ids) {
        return signedMessages(pipeline.gatewayKey(), ids, readingsPerDevice, perEnvelope);
    }

    /**
     * Signed, chained readings for each device, one a minute from 2026-07-01T00:00Z, register +50 Wh
     * each (so a device's energy is 50 x (readings - 1) Wh), {@code perEnvelope} per message.
     */
    static List<BenchPublisher.Message> signedMessages(io.solarmrv.attestation.ReadingSigner key, List<String> ids,
                                                       int readingsPerDevice, int perEnvelope) {
        SecureRandom random = new SecureRandom();
        long t0 = 1_782_864_000_000L;
        List<BenchPublisher.Message> messages = new ArrayList<>();
        for (String id : ids) {
            byte[] previous = Reading.genesisHash();
            List<Reading> pending = new ArrayList<>();
            for (int i = 0; i < readingsPerDevice; i++) {
                byte[] salt = new byte[Reading.SALT_LENGTH];
                random.nextBytes(salt);
                Reading reading = new Reading(id, "SN-" + id, i, t0 + i * 60_000L, 1_000_000L + i * 50L, null, 3_000,
                        ClockSync.UNSYNCHRONIZED, 0, previous, salt);
                previous = Sha256.hash(ReadingCodec.encode(reading));
                pending.add(reading);
                if (pending.size() == perEnvelope || i == readingsPerDevice - 1) {
                    byte[] wire = pending.size() == 1 && perEnvelope == 1
                            ? SignedReading.sign(pending.get(0), key).toWire()
                            : SignedBatch.sign(pending, key).toWire();
                    messages.add(new BenchPublisher.Message(id, wire));
                    pending = new ArrayList<>();
                }
            }
        }
        return messages;
    }

    /** Publishes all messages on a side topic while a plain subscriber counts them; seconds until it has them all. */
    private static double rawBrokerSeconds(String brokerUri, List<BenchPublisher.Message> messages) throws Exception {
        CountDownLatch all = new CountDownLatch(messages.size());
        MqttClient subscriber = new MqttClient(brokerUri, "bench-raw-sub", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setReceiveMaximum(1_000);
        subscriber.setCallback(new MessageArrivals(message -> all.countDown()));
        subscriber.connect(options);
        // (Paho 1.2.5's subscribe(topic, qos, listener) recurses into itself: a callback counts instead.)
        subscriber.subscribe("bench/raw/#", 1);
        long start = System.nanoTime();
        try (BenchPublisher publisher = new BenchPublisher(brokerUri, "bench-raw-pub")) {
            publisher.publishAll("bench/raw/", messages);
            all.await();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        subscriber.disconnect();
        subscriber.close();
        return seconds;
    }
}
