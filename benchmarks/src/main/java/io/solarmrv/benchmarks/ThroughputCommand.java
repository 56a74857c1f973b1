package io.solarmrv.benchmarks;

import io.solarmrv.launcher.LocalPipeline;
import io.solarmrv.simulators.MessageArrivals;
import io.solarmrv.simulators.MessagePublisher;
import io.solarmrv.simulators.SignedMessages;
import java.nio.file.Files;
import java.nio.file.Path;
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
            List<SignedMessages.Message> messages = SignedMessages.chained(pipeline.gatewayKey(), ids, readingsPerDevice, perEnvelope);
            double signSeconds = (System.nanoTime() - signStart) / 1e9;
            long readings = (long) devices * readingsPerDevice;

            if (withoutBroker) {
                double seconds = ThroughputRuns.fromMemory(pipeline, ids, messages, checkpointInterval, parallelism);
                System.out.printf("%d devices x %d readings, %d per envelope: %d readings in %d messages; checkpoints every %s;"
                        + " parallelism %d%n", devices, readingsPerDevice, perEnvelope, readings, messages.size(), checkpointInterval,
                        parallelism);
                System.out.printf("%-52s %12s %14s%n", "", "seconds", "readings/s");
                System.out.printf("%-52s %12.2f %14.0f%n", "job alone: submit -> last leaf committed", seconds, readings / seconds);
                return 0;
            }
            double rawSeconds = rawBrokerSeconds(pipeline.brokerUri(), messages);
            ThroughputRuns.MessagesRun run = ThroughputRuns.overBroker(pipeline, ids, messages, checkpointInterval, rate);

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

    /** Publishes all messages on a side topic while a plain subscriber counts them; seconds until it has them all. */
    private static double rawBrokerSeconds(String brokerUri, List<SignedMessages.Message> messages) throws Exception {
        CountDownLatch all = new CountDownLatch(messages.size());
        MqttClient subscriber = new MqttClient(brokerUri, "bench-raw-sub", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setReceiveMaximum(1_000);
        subscriber.setCallback(new MessageArrivals(message -> all.countDown()));
        subscriber.connect(options);
        // (Paho 1.2.5's subscribe(topic, qos, listener) recurses into itself: a callback counts instead.)
        subscriber.subscribe("bench/raw/#", 1);
        long start = System.nanoTime();
        try (MessagePublisher publisher = new MessagePublisher(brokerUri, "bench-raw-pub")) {
            publisher.publishAll("bench/raw/", messages);
            all.await();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        subscriber.disconnect();
        subscriber.close();
        return seconds;
    }
}
