package io.solarmrv.jobs.mqtt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Flink source (FLIP-27) of MQTT message payloads. Each parallel reader holds one persistent
 * QoS 1 subscription (shared when parallelism is above one) and acknowledges messages to the broker
 * only after the checkpoint that holds them completes.
 */
public final class MqttSource implements Source<byte[], MqttSplit, Set<Integer>> {
    private final MqttSourceConfig config;

    public MqttSource(MqttSourceConfig config) {
        this.config = config;
    }

    @Override
    public Boundedness getBoundedness() {
        return config.bounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<byte[], MqttSplit> createReader(SourceReaderContext context) {
        return new MqttSourceReader(config, context.currentParallelism());
    }

    @Override
    public SplitEnumerator<MqttSplit, Set<Integer>> createEnumerator(SplitEnumeratorContext<MqttSplit> context) {
        return new MqttSplitEnumerator(context, Set.of());
    }

    @Override
    public SplitEnumerator<MqttSplit, Set<Integer>> restoreEnumerator(SplitEnumeratorContext<MqttSplit> context,
                                                                      Set<Integer> assigned) {
        return new MqttSplitEnumerator(context, assigned);
    }

    @Override
    public SimpleVersionedSerializer<MqttSplit> getSplitSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 2;
            }

            @Override
            public byte[] serialize(MqttSplit split) {
                return new byte[] {(byte) (split.subtask() >> 24), (byte) (split.subtask() >> 16),
                    (byte) (split.subtask() >> 8), (byte) split.subtask(), (byte) (split.resumed() ? 1 : 0)};
            }

            @Override
            public MqttSplit deserialize(int version, byte[] bytes) throws IOException {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
                int subtask = in.readInt();
                return new MqttSplit(subtask, version >= 2 && in.readBoolean());
            }
        };
    }

    @Override
    public SimpleVersionedSerializer<Set<Integer>> getEnumeratorCheckpointSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(Set<Integer> assigned) throws IOException {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeInt(assigned.size());
                for (int subtask : assigned) {
                    out.writeInt(subtask);
                }
                out.flush();
                return bytes.toByteArray();
            }

            @Override
            public Set<Integer> deserialize(int version, byte[] bytes) throws IOException {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
                Set<Integer> assigned = new HashSet<>();
                for (int i = in.readInt(); i > 0; i--) {
                    assigned.add(in.readInt());
                }
                return assigned;
            }
        };
    }
}
