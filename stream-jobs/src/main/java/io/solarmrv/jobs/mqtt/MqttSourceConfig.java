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
 */
public record MqttSourceConfig(String brokerUri, String topicFilter, String clientIdPrefix, Duration idleTimeout)
        implements Serializable {

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
