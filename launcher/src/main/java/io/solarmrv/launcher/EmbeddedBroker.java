package io.solarmrv.launcher;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HiveMQ Community Edition embedded: an MQTT 5 broker on 127.0.0.1 with its configuration, data
 * and extensions folders under a working directory. Offline queues are raised so that a
 * subscriber's persistent session holds a whole day of readings.
 *
 * <p>Started with {@link BrokerAccounts} (as the demo does), it refuses anonymous clients, holds
 * each account to its topics ({@link BrokerAccess}) and closes the connection of a client sending a
 * packet above {@link #MAX_PACKET_BYTES}. Started without, it is open to any client on loopback:
 * for tests and benchmarks of the parts, never for readings that earn credits.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** Unacknowledged QoS 1 messages the broker lets each subscriber have (HiveMQ CE's own default: 50). */
    static final int INFLIGHT_WINDOW = 10_000;
    /** The largest packet an account may send: far above a bundle of 50 readings, as in docs/SECURITY.md. */
    public static final int MAX_PACKET_BYTES = 65_536;

    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    /** An open broker: any client, any topic. For tests and benchmarks of the parts on loopback. */
    public static EmbeddedBroker start(Path workDir, int port) throws IOException {
        return start(workDir, port, null);
    }

    /** A broker that admits only these accounts, each to its own topics (null: open, as {@link #start(Path, int)}). */
    public static EmbeddedBroker start(Path workDir, int port, BrokerAccounts accounts) throws IOException {
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
                    %s
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
                """.formatted(port, accounts == null ? "" : "<packets><max-packet-size>" + MAX_PACKET_BYTES + "</max-packet-size></packets>"));
        // HiveMQ CE sends a client at most 50 unacknowledged QoS 1 messages, whatever the client's
        // Receive Maximum, and polls the next batch only when they are all acknowledged. The job's
        // MQTT source acknowledges at checkpoint completion, so 50 per checkpoint interval would be
        // its ceiling; the window is an internal setting (a static field, not in config.xml).
        com.hivemq.configuration.service.InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = INFLIGHT_WINDOW;
        var builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(config)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withoutLoggingBootstrap();
        if (accounts != null) {
            builder.withEmbeddedExtension(EmbeddedExtension.builder().withId("solar-mrv-access").withName("solar-mrv broker access")
                    .withVersion("1").withPriority(1_000).withStartPriority(1_000)
                    .withExtensionMain(new BrokerAccess(accounts)).build());
        }
        EmbeddedHiveMQ hivemq = builder.build();
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
