package io.solarmrv.edge;

import io.solarmrv.attestation.SignedReading;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishes signed readings with Eclipse Paho (MQTT v5, QoS 1) to {@code <prefix>/<device id>};
 * {@link #publish} returns only after the broker's PUBACK.
 */
public final class MqttUpstream implements AutoCloseable {
    public static final String DEFAULT_TOPIC_PREFIX = "mrv/readings";

    private final MqttClient client;
    private final String topicPrefix;

    public MqttUpstream(String brokerUri, String clientId, String topicPrefix) throws MqttException {
        this.topicPrefix = topicPrefix;
        this.client = new MqttClient(brokerUri, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(7L * 24 * 3600);
        options.setAutomaticReconnect(true);
        client.connect(options);
    }

    public void publish(SignedReading reading) throws MqttException {
        MqttMessage message = new MqttMessage(reading.toWire());
        message.setQos(1);
        client.publish(topicPrefix + "/" + reading.reading().deviceId(), message);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
