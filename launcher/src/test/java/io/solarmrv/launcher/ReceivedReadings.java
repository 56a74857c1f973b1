package io.solarmrv.launcher;

import io.solarmrv.simulators.MessageArrivals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.SignedReading;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A test subscriber (persistent QoS 1 session) that keeps every
 * reading it receives, in arrival order, and checks what a verifier would: per device, after
 * dropping duplicates, sequences 0..n with no gap, arriving in order, each linked to the one before.
 */
final class ReceivedReadings implements AutoCloseable {
    private final List<SignedReading> arrivals = Collections.synchronizedList(new ArrayList<>());
    private final MqttClient client;
    private final MqttConnectionOptions options = new MqttConnectionOptions();

    ReceivedReadings(String brokerUri) throws MqttException {
        client = new MqttClient(brokerUri, "test-subscriber-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MessageArrivals(message -> arrivals.addAll(SignedReading.unpack(message.getPayload()))));
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        client.connect(options);
        client.subscribe("mrv/readings/+", 1);
    }

    /** Reconnects (persistent session, so the broker kept what arrived meanwhile) after a broker restart. */
    void reconnect() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!client.isConnected()) {
            try {
                client.connect(options);
                client.subscribe("mrv/readings/+", 1);
            } catch (MqttException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    int count() {
        return arrivals.size();
    }

    /** Checks the verifier's view and returns the number of distinct readings per device. */
    Map<String, Integer> assertCompleteOrderedChains() {
        Map<String, TreeMap<Long, SignedReading>> byDevice = new LinkedHashMap<>();
        Map<String, Long> lastNewSequence = new LinkedHashMap<>();
        synchronized (arrivals) {
            for (SignedReading reading : arrivals) {
                String device = reading.reading().deviceId();
                long seq = reading.reading().sequence();
                TreeMap<Long, SignedReading> chain = byDevice.computeIfAbsent(device, d -> new TreeMap<>());
                if (chain.putIfAbsent(seq, reading) == null) {
                    Long previous = lastNewSequence.put(device, seq);
                    assertTrue(previous == null || seq > previous, device + ": #" + seq + " arrived after #" + previous);
                }
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        byDevice.forEach((device, chain) -> {
            assertEquals(0L, chain.firstKey(), device + " starts at sequence 0");
            assertEquals(chain.size() - 1L, chain.lastKey(), device + ": no sequence missing between 0 and " + chain.lastKey());
            SignedReading previous = null;
            for (SignedReading reading : chain.values()) {
                if (previous != null) {
                    assertArrayEquals(previous.readingHash(), reading.reading().previousHash(),
                            device + " #" + reading.reading().sequence() + " links to the reading before it");
                }
                previous = reading;
            }
            counts.put(device, chain.size());
        });
        return counts;
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
