package io.solarmrv.launcher;

import io.solarmrv.simulators.MessageArrivals;
import io.solarmrv.simulators.SignedMessages;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.jobs.coap.CoapIngest;
import io.solarmrv.jobs.coap.CoapIngestConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CoAP ingest over real DTLS (Californium client with a pre-shared key) in front of the real
 * embedded broker: a device's messages reach the readings topic byte for byte, bad ones are
 * refused with a reason, a wrong key gets nothing in, and while the broker is down the device is
 * told to send again, which it does once the broker is back.
 */
class CoapIngestTest {
    private static final byte[] GATEWAY_PSK = "0123456789abcdef0123".getBytes(StandardCharsets.US_ASCII);

    @Test
    void readingsOverDtlsReachTheBrokerAndNothingElseDoes(@TempDir Path dir) throws Exception {
        int brokerPort = FreePort.pick();
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        List<SignedMessages.Message> single = SignedMessages.chained(key, List.of("inv-1"), 2, 1);
        List<SignedMessages.Message> batch = SignedMessages.chained(key, List.of("inv-2"), 5, 5);
        EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), brokerPort);
        try (CoapIngest ingest = CoapIngest.start(CoapIngestConfig.dtls(new InetSocketAddress("127.0.0.1", 0),
                Map.of("gateway-1", GATEWAY_PSK), broker.uri()))) {
            String uri = "coaps://127.0.0.1:" + ingest.address().getPort() + "/readings";
            LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
            MqttClient subscriber = subscribe(broker.uri(), received);
            CoapClient device = client(uri, "gateway-1", GATEWAY_PSK);

            CoapResponse ok = device.post(single.get(0).payload(), MediaTypeRegistry.APPLICATION_OCTET_STREAM);
            assertNotNull(ok, "no answer");
            assertEquals(ResponseCode.CHANGED, ok.getCode(), ok.getResponseText());
            assertArrayEquals(single.get(0).payload(), received.poll(10, TimeUnit.SECONDS), "the same bytes, on the device's topic");
            assertEquals(ResponseCode.CHANGED, device.post(batch.get(0).payload(), MediaTypeRegistry.APPLICATION_OCTET_STREAM).getCode());
            assertArrayEquals(batch.get(0).payload(), received.poll(10, TimeUnit.SECONDS), "a batch is handed on whole");

            CoapResponse bad = device.post("hello".getBytes(StandardCharsets.UTF_8), MediaTypeRegistry.TEXT_PLAIN);
            assertEquals(ResponseCode.BAD_REQUEST, bad.getCode());
            assertTrue(bad.getResponseText().startsWith("not a signed reading"), bad.getResponseText());
            assertEquals(ResponseCode.BAD_REQUEST, device.post(new byte[0], MediaTypeRegistry.APPLICATION_OCTET_STREAM).getCode());

            CoapClient intruder = client(uri, "gateway-1", "another-key-of-20-by".getBytes(StandardCharsets.US_ASCII));
            CoapResponse refused = null;
            try {
                refused = intruder.post(single.get(1).payload(), MediaTypeRegistry.APPLICATION_OCTET_STREAM);
            } catch (java.io.IOException | org.eclipse.californium.elements.exception.ConnectorException handshakeFailed) {
                // the DTLS handshake fails: no answer at all is the expected outcome too
            }
            assertNull(refused, "a wrong pre-shared key gets no answer");
            intruder.shutdown();
            assertNull(received.poll(1, TimeUnit.SECONDS), "nothing but the two good messages reached the broker");
            assertEquals(2, ingest.accepted());
            assertEquals(2, ingest.rejected());

            // The broker goes away: the device is told to send again (5.03), and it does once the broker is back.
            subscriber.disconnect();
            subscriber.close();
            broker.close();
            CoapResponse down = device.post(single.get(1).payload(), MediaTypeRegistry.APPLICATION_OCTET_STREAM);
            assertEquals(ResponseCode.SERVICE_UNAVAILABLE, down.getCode(), down.getResponseText());
            assertEquals(5L, down.getOptions().getMaxAge(), "with a hint of when to try again");
            broker = EmbeddedBroker.start(dir.resolve("broker-again"), brokerPort);
            subscriber = subscribe(broker.uri(), received);
            CoapResponse retried = down;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (retried.getCode() != ResponseCode.CHANGED && System.nanoTime() < deadline) {
                Thread.sleep(500);
                retried = device.post(single.get(1).payload(), MediaTypeRegistry.APPLICATION_OCTET_STREAM);
            }
            assertEquals(ResponseCode.CHANGED, retried.getCode(), "accepted once the broker is back");
            assertArrayEquals(single.get(1).payload(), received.poll(10, TimeUnit.SECONDS));
            assertTrue(ingest.unavailable() >= 1);
            device.shutdown();
            subscriber.disconnect();
            subscriber.close();
        } finally {
            broker.close();
        }
    }

    private static MqttClient subscribe(String brokerUri, LinkedBlockingQueue<byte[]> received) throws Exception {
        MqttClient subscriber = new MqttClient(brokerUri, "coap-test-sub-" + System.nanoTime(), new MemoryPersistence());
        subscriber.setCallback(new MessageArrivals(message -> received.add(message.getPayload())));
        subscriber.connect();
        subscriber.subscribe("mrv/readings/#", 1);
        return subscriber;
    }

    private static CoapClient client(String uri, String identity, byte[] key) {
        Configuration config = Configuration.createStandardWithoutFile();
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key))
                .build();
        CoapClient client = new CoapClient(uri);
        client.setEndpoint(new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build());
        client.setTimeout(5_000L);
        return client;
    }
}
