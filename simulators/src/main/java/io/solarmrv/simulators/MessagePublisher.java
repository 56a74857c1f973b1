package io.solarmrv.simulators;

import java.util.ArrayDeque;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishes prepared messages ({@link SignedMessages}) at QoS 1 as fast as the broker acknowledges
 * them, or at a set rate, with a bounded in-flight window: a fleet of gateways' traffic from one
 * client, for load and the pipeline's tests.
 */
public final class MessagePublisher implements AutoCloseable {

    private static final int WINDOW = 1_000;
    private final MqttAsyncClient client;
    private final int window;

    public MessagePublisher(String brokerUri, String clientId) throws Exception {
        client = new MqttAsyncClient(brokerUri, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setReceiveMaximum(WINDOW);
        IMqttToken connected = client.connect(options);
        connected.waitForCompletion(10_000);
        // QoS 1 publishes in flight may not exceed the broker's Receive Maximum (HiveMQ CE: 10).
        Integer brokerMaximum = connected.getResponseProperties() == null ? null
                : connected.getResponseProperties().getReceiveMaximum();
        window = Math.min(WINDOW, brokerMaximum == null ? 65_535 : brokerMaximum);
    }

    /** Publishes every message (topic prefix + its topic) and returns once the broker acknowledged all. */
    public void publishAll(String topicPrefix, List<SignedMessages.Message> messages) throws Exception {
        publishAll(topicPrefix, messages, 0, new long[messages.size()]);
    }

    /**
     * Publishes every message at {@code perSecond} messages a second (0: as fast as the broker
     * acknowledges), records in {@code sentAtNanos} when each was handed to the client, and returns
     * once the broker acknowledged all.
     */
    public void publishAll(String topicPrefix, List<SignedMessages.Message> messages, int perSecond, long[] sentAtNanos) throws Exception {
        ArrayDeque<IMqttToken> inFlight = new ArrayDeque<>();
        long start = System.nanoTime();
        for (int i = 0; i < messages.size(); i++) {
            SignedMessages.Message m = messages.get(i);
            if (perSecond > 0) {
                long due = start + i * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
            if (inFlight.size() >= window) {
                inFlight.removeFirst().waitForCompletion(30_000);
            }
            MqttMessage message = new MqttMessage(m.payload());
            message.setQos(1);
            while (true) {
                try {
                    sentAtNanos[i] = System.nanoTime();
                    inFlight.addLast(client.publish(topicPrefix + m.topic(), message));
                    break;
                } catch (org.eclipse.paho.mqttv5.common.MqttException full) {
                    // Paho counts a publish as in flight a moment after its token completes.
                    if (full.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                        throw full;
                    }
                    if (!inFlight.isEmpty()) {
                        inFlight.removeFirst().waitForCompletion(30_000);
                    } else {
                        Thread.sleep(1);
                    }
                }
            }
        }
        while (!inFlight.isEmpty()) {
            inFlight.removeFirst().waitForCompletion(30_000);
        }
    }

    @Override
    public void close() throws Exception {
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }
}
