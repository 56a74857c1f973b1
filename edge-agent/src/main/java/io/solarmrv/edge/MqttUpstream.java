package io.solarmrv.edge;

import io.solarmrv.attestation.ReadingBundle;
import io.solarmrv.attestation.SignedReading;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishes stored signed readings with Eclipse Paho (MQTT v5, QoS 1) to {@code <prefix>/<device id>};
 * {@link #publishStored} returns only after the broker's PUBACK (or throws after 10 s without one), and
 * reconnects first when the connection was lost.
 */
public final class MqttUpstream implements Upstream {
    public static final String DEFAULT_TOPIC_PREFIX = "mrv/readings";
    private static final long PUBACK_TIMEOUT_MILLIS = 10_000;

    private final String brokerUri;
    private final String clientId;
    private MqttClient client;
    private final MqttConnectionOptions options;
    private final String topicPrefix;

    public MqttUpstream(String brokerUri, String clientId, String topicPrefix) throws MqttException {
        this(brokerUri, clientId, topicPrefix, null);
    }

    /** As above, connecting through {@code socketFactory} (TLS settings for an ssl:// broker; null: Paho's default). */
    public MqttUpstream(String brokerUri, String clientId, String topicPrefix, javax.net.SocketFactory socketFactory)
            throws MqttException {
        this(brokerUri, clientId, topicPrefix, socketFactory, null, null);
    }

    /**
     * As above, signing in as {@code username} with {@code password} (null: anonymously), so the
     * broker's ACL can hold the gateway to its own topics.
     */
    public MqttUpstream(String brokerUri, String clientId, String topicPrefix, javax.net.SocketFactory socketFactory,
                        String username, byte[] password) throws MqttException {
        this.topicPrefix = topicPrefix;
        this.brokerUri = brokerUri;
        this.clientId = clientId;
        this.client = newClient();
        options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(7L * 24 * 3600);
        // Reconnection is ours (on the next publish, paced by the forwarder's backoff): Paho's
        // automatic reconnect was seen to give up for good after a broker restart.
        options.setAutomaticReconnect(false);
        if (socketFactory != null) {
            options.setSocketFactory(socketFactory);
        }
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password);
        }
        try {
            client.connect(options);
        } catch (MqttException e) {
            // The broker may be down when the gateway starts; readings wait in the store.
        }
    }

    /**
     * Publishes stored readings (either wire form): one alone to {@code <prefix>/<its device id>},
     * several as one {@link ReadingBundle} to {@code <prefix>/bundle}.
     */
    public void publishStored(java.util.List<byte[]> storedReadings) throws MqttException {
        if (storedReadings.size() == 1) {
            byte[] only = storedReadings.get(0);
            publish(SignedReading.fromWire(only).reading().deviceId(), only);
        } else {
            publish("bundle", ReadingBundle.pack(storedReadings));
        }
    }

    private MqttClient newClient() throws MqttException {
        MqttClient fresh = new MqttClient(brokerUri, clientId, new MemoryPersistence());
        fresh.setTimeToWait(PUBACK_TIMEOUT_MILLIS);
        return fresh;
    }

    private synchronized void publish(String topicSuffix, byte[] payload) throws MqttException {
        if (!client.isConnected()) {
            // A new client object per connection: Paho 1.2.5 keeps its outgoing topic aliases across a
            // reconnect, which the broker (aliases are per connection) answers by disconnecting.
            client.close(true);
            client = newClient();
            client.connect(options);
        }
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        client.publish(topicPrefix + "/" + topicSuffix, message);
    }

    @Override
    public synchronized void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
