package io.solarmrv.launcher;

import io.solarmrv.simulators.MessageArrivals;
import io.solarmrv.simulators.SignedMessages;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.SignedReading;
import io.solarmrv.edge.CoapUpstream;
import io.solarmrv.edge.store.Forwarder;
import io.solarmrv.edge.store.ReadingStore;
import io.solarmrv.jobs.coap.CoapIngest;
import io.solarmrv.jobs.coap.CoapIngestConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's CoAP upstream against the pipeline's CoAP ingest over DTLS (real sockets, the
 * embedded MQTT broker behind it): the agent's store drains through it, a wrong key gets nothing
 * in, and an ingest that is down leaves the readings in the store.
 */
class CoapUpstreamTest {
    private static final byte[] PSK = "gateway-7-secret-key".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theStoreDrainsOverDtlsAndNothingIsTakenWithoutTheIngestsAcknowledgement(@TempDir Path dir) throws Exception {
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        List<SignedMessages.Message> messages = SignedMessages.chained(key, List.of("inv-c1", "inv-c2"), 10, 1);
        EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), FreePort.pick());
        try (CoapIngest ingest = CoapIngest.start(CoapIngestConfig.dtls(new InetSocketAddress("127.0.0.1", 0),
                Map.of("gateway-7", PSK), broker.uri()));
             ReadingStore store = ReadingStore.open(dir.resolve("store"), 16L << 20, 1L << 20)) {
            String uri = "coaps://127.0.0.1:" + ingest.address().getPort() + "/readings";
            LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
            MqttClient subscriber = new MqttClient(broker.uri(), "coap-upstream-sub", new MemoryPersistence());
            subscriber.setCallback(new MessageArrivals(message -> received.add(message.getPayload())));
            subscriber.connect();
            subscriber.subscribe("mrv/readings/#", 1);

            try (CoapUpstream intruder = new CoapUpstream(uri, "gateway-7", "not-the-right-key-20".getBytes(StandardCharsets.US_ASCII))) {
                IOException refused = assertThrows(IOException.class, () -> intruder.publishStored(List.of(messages.get(0).payload())));
                assertTrue(refused.getMessage().contains("no answer") || refused.getMessage().contains("failed"), refused.getMessage());
            }
            assertNull(received.poll(1, TimeUnit.SECONDS), "a wrong key gets nothing in");

            for (SignedMessages.Message message : messages) {
                store.append(message.payload());
            }
            try (CoapUpstream upstream = new CoapUpstream(uri, "gateway-7", PSK)) {
                Forwarder forwarder = new Forwarder(store, upstream::publishStored, 1_000, Duration.ofSeconds(1));
                Thread forwarding = new Thread(forwarder, "coap-forwarder");
                forwarding.start();
                Set<String> arrived = new HashSet<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (arrived.size() < messages.size() && System.nanoTime() < deadline) {
                    byte[] payload = received.poll(1, TimeUnit.SECONDS);
                    if (payload != null) {
                        for (SignedReading r : SignedReading.unpack(payload)) {
                            arrived.add(r.reading().deviceId() + "#" + r.reading().sequence());
                        }
                    }
                }
                assertEquals(messages.size(), arrived.size(), "every stored reading reached the broker: " + arrived);
                long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (store.pending() > 0 && System.nanoTime() < waitUntil) {
                    Thread.sleep(100);
                }
                assertEquals(0, store.pending(), "acknowledged by the ingest, so gone from the store");
                forwarder.stop();
                forwarding.join(5_000);
            }
            subscriber.disconnect();
            subscriber.close();

            // Nothing listening there: no acknowledgement, an error (the forwarder keeps the readings and backs off).
            try (CoapUpstream nowhere = new CoapUpstream("coaps://127.0.0.1:" + FreePort.pick() + "/readings", "gateway-7", PSK)) {
                byte[] last = messages.get(0).payload();
                assertThrows(IOException.class, () -> nowhere.publishStored(List.of(last)), "no ingest, no acknowledgement");
            }
        } finally {
            broker.close();
        }
    }
}
