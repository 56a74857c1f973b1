package io.solarmrv.jobs.mqtt;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Persistent MQTT sessions for the source's readers. */
public final class MqttSessions {
    /** The most unacknowledged QoS 1 messages a reader lets the broker send it (MQTT 5 Receive Maximum). */
    static final int RECEIVE_MAXIMUM = 10_000;

    private MqttSessions() {
    }

    static MqttConnectionOptions persistentSession(MqttSourceConfig config, long expirySeconds) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        if (config.username() != null) {
            options.setUserName(config.username());
            options.setPassword(config.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        options.setCleanStart(false);
        options.setSessionExpiryInterval(expirySeconds);
        options.setAutomaticReconnect(true);
        // Messages the broker may have outstanding (unacknowledged) at this reader: they are
        // acknowledged only when the checkpoint holding them completes, so this window over the
        // checkpoint interval bounds the source's rate (stream-jobs README, "Throughput").
        options.setReceiveMaximum(RECEIVE_MAXIMUM);
        return options;
    }

    /**
     * Creates (or keeps) each reader's persistent session and subscription before the job starts, so
     * the broker queues readings published while the job is still starting instead of dropping them.
     */
    public static void provision(MqttSourceConfig config, int parallelism) throws MqttException {
        for (int subtask = 0; subtask < parallelism; subtask++) {
            MqttClient client = new MqttClient(config.brokerUri(), config.clientId(subtask), new MemoryPersistence());
            try {
                client.connect(persistentSession(config, 7L * 24 * 3600));
                client.subscribe(config.subscription(parallelism), 1);
                client.disconnect();
            } finally {
                client.close();
            }
        }
    }
}
