package io.solarmrv.jobs.mqtt;

import java.io.Serializable;
import java.time.Duration;

/**
 * What the MQTT source subscribes to.
 *
 * @param brokerUri        e.g. {@code tcp://127.0.0.1:1883}
 * @param topicFilter      e.g. {@code mrv/readings/+}
 * @param clientIdPrefix   reader {@code i} connects as {@code <prefix>-<i>} with a persistent session
 * @param idleTimeout      if set, the source ends once it has received at least one message and then
 *                         none for this long (demos and tests); if null it runs forever
 * @param username         the job's broker account, so the broker's ACL can let only the job subscribe
 *                         (null: anonymous)
 * @param password         its password (null with no account); never printed
 */
public record MqttSourceConfig(String brokerUri, String topicFilter, String clientIdPrefix, Duration idleTimeout,
                               String username, String password) implements Serializable {

    /** Without a broker account. */
    public MqttSourceConfig(String brokerUri, String topicFilter, String clientIdPrefix, Duration idleTimeout) {
        this(brokerUri, topicFilter, clientIdPrefix, idleTimeout, null, null);
    }

    /** The same, signing in as {@code username} with {@code password}. */
    public MqttSourceConfig withLogin(String username, String password) {
        return new MqttSourceConfig(brokerUri, topicFilter, clientIdPrefix, idleTimeout, username, password);
    }

    @Override
    public String toString() {
        return "MqttSourceConfig[" + brokerUri + ", " + topicFilter + ", " + clientIdPrefix + ", idle " + idleTimeout
                + (username == null ? "" : ", as " + username) + "]";
    }

    public MqttSourceConfig {
        if (brokerUri == null || !(brokerUri.startsWith("tcp://") || brokerUri.startsWith("ssl://"))) {
            throw new IllegalArgumentException("broker URI must start with tcp:// or ssl://, was " + brokerUri);
        }
        if (topicFilter == null || topicFilter.isBlank()) {
            throw new IllegalArgumentException("topic filter must not be blank");
        }
        if (clientIdPrefix == null || clientIdPrefix.isBlank()) {
            throw new IllegalArgumentException("client id prefix must not be blank");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("a broker account needs both a username and a password");
        }
    }

    public boolean bounded() {
        return idleTimeout != null;
    }

    String clientId(int subtask) {
        return clientIdPrefix + "-" + subtask;
    }

    /** With more than one reader the subscription is shared, so each message reaches one reader. */
    String subscription(int parallelism) {
        return parallelism > 1 ? "$share/" + clientIdPrefix + "/" + topicFilter : topicFilter;
    }
}
