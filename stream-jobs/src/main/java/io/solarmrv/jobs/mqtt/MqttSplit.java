package io.solarmrv.jobs.mqtt;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One reader's subscription; the split carries no offsets: the broker's session holds them.
 * {@code resumed}: the reader already received messages before a restart, so a bounded source's
 * idle timeout runs from the restart instead of waiting for a first message that may never come
 * (another reader of a shared subscription may take all that is left).
 */
public record MqttSplit(int subtask, boolean resumed) implements SourceSplit {
    public MqttSplit(int subtask) {
        this(subtask, false);
    }

    @Override
    public String splitId() {
        return "mqtt-subscription-" + subtask;
    }
}
