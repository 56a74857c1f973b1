package io.solarmrv.jobs.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's MQTT source against a real HiveMQ restarted while the source holds messages it has
 * received but not yet acknowledged (it acknowledges at checkpoint completion): the broker's
 * persistent session delivers them again, and every message published, before and after the
 * restart, reaches the job (a second copy is harmless: the job drops duplicates by device and
 * sequence).
 */
class MqttSourceBrokerRestartTest {
    private static final int MESSAGES = 400;

    @Test
    void messagesInFlightWhenTheBrokerRestartsAreDeliveredAgainAndNoneIsLost(@TempDir Path dir) throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedHiveMQ broker = start(dir, port);
        String uri = "tcp://127.0.0.1:" + port;
        MqttSourceConfig config = new MqttSourceConfig(uri, "restart/+", "restart-job", Duration.ofSeconds(12));
        MqttSessions.provision(config, 1);
        publish(uri, 0, MESSAGES / 2);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(1_000);
        Set<Integer> received = new ConcurrentSkipListSet<>();
        AtomicInteger deliveries = new AtomicInteger();
        CloseableIterator<String> out = env.fromSource(new MqttSource(config), WatermarkStrategy.noWatermarks(), "mqtt")
                .map(payload -> new String(payload, StandardCharsets.UTF_8)).executeAndCollect();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> out.forEachRemaining(message -> {
            received.add(Integer.parseInt(message));
            deliveries.incrementAndGet();
        }));
        while (received.size() < 100) {
            Thread.sleep(10);
        }
        broker.stop().join();   // with messages received and not yet acknowledged (checkpoints every second; HiveMQ lets 50 be unacknowledged)
        broker.close();
        Thread.sleep(1_000);
        broker = start(dir, port);
        publish(uri, MESSAGES / 2, MESSAGES);
        try {
            reading.get(3, TimeUnit.MINUTES);
        } finally {
            out.close();
            broker.stop().join();
            broker.close();
        }
        Set<Integer> expected = new TreeSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            expected.add(i);
        }
        assertEquals(expected, new TreeSet<>(received), "every message reached the job (" + deliveries + " deliveries)");
    }

    private static EmbeddedHiveMQ start(Path dir, int port) throws Exception {
        Path config = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(config.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners><tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener></listeners>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port));
        EmbeddedHiveMQ broker = EmbeddedHiveMQ.builder().withConfigurationFolder(config)
                .withDataFolder(Files.createDirectories(dir.resolve("data")))
                .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions"))).withoutLoggingBootstrap().build();
        broker.start().join();
        return broker;
    }

    private static void publish(String uri, int from, int to) throws Exception {
        MqttClient publisher = new MqttClient(uri, "restart-publisher", new MemoryPersistence());
        publisher.connect();
        for (int i = from; i < to; i++) {
            byte[] payload = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
            while (true) {
                try {
                    publisher.publish("restart/dev", payload, 1, false);
                    break;
                } catch (org.eclipse.paho.mqttv5.common.MqttException full) {
                    // Paho counts a publish as in flight a moment after its token completes.
                    if (full.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                        throw full;
                    }
                    Thread.sleep(1);
                }
            }
        }
        publisher.disconnect();
        publisher.close();
    }
}
