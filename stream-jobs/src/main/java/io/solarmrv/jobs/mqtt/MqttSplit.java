package io.solarmrv.jobs.mqtt;

import org.apache.flink.api.connector.source.SourceSplit;

/** One reader's subscription; the split carries no offsets: the broker's session holds them. */
public record MqttSplit(int subtask) implements SourceSplit {
    @Override
    public String splitId() {
        return "mqtt-subscription-" + subtask;
    }
}
