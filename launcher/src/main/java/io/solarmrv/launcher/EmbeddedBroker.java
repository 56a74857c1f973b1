package io.solarmrv.launcher;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HiveMQ Community Edition embedded: an MQTT 5 broker on 127.0.0.1 with its configuration, data
 * and extensions folders under a working directory. Offline queues are raised so that a
 * subscriber's persistent session holds a whole day of readings.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** Unacknowledged QoS 1 messages the broker lets each subscriber have (HiveMQ CE's own default: 50). */
    static final int INFLIGHT_WINDOW = 10_000;

    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    public static EmbeddedBroker start(Path workDir, int port) throws IOException {
        Path config = Files.createDirectories(workDir.resolve("conf"));
        Path data = Files.createDirectories(workDir.resolve("data"));
        Path extensions = Files.createDirectories(workDir.resolve("extensions"));
        Files.writeString(config.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>127.0.0.1</bind-address>
                    </tcp-listener>
                  </listeners>
                  <mqtt>
                    <queued-messages>
                      <max-queue-size>1000000</max-queue-size>
                    </queued-messages>
                    <!-- Paho 1.2.5 mis-maps outgoing topic aliases under concurrent publishing; aliases save
                         a few bytes per message on loopback, so they are off. -->
                    <topic-alias>
                      <enabled>false</enabled>
                    </topic-alias>
                    <!-- QoS 1 publishes a client may have unacknowledged (HiveMQ's default is 10). -->
                    <receive-maximum>
                      <server-receive-maximum>1000</server-receive-maximum>
                    </receive-maximum>
                  </mqtt>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port));
        // HiveMQ CE sends a client at most 50 unacknowledged QoS 1 messages, whatever the client's
        // Receive Maximum, and polls the next batch only when they are all acknowledged. The job's
        // MQTT source acknowledges at checkpoint completion, so 50 per checkpoint interval would be
        // its ceiling; the window is an internal setting (a static field, not in config.xml).
        com.hivemq.configuration.service.InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = INFLIGHT_WINDOW;
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(config)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withoutLoggingBootstrap()
                .build();
        hivemq.start().join();
        return new EmbeddedBroker(hivemq, port);
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        hivemq.stop().join();
        hivemq.close();
    }
}
