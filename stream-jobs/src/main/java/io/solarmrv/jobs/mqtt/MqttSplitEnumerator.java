package io.solarmrv.jobs.mqtt;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/** Hands each reader its own subscription split, once. */
final class MqttSplitEnumerator implements SplitEnumerator<MqttSplit, Set<Integer>> {
    private final SplitEnumeratorContext<MqttSplit> context;
    private final Set<Integer> assigned;
    private final Set<Integer> resumed = new java.util.HashSet<>();

    MqttSplitEnumerator(SplitEnumeratorContext<MqttSplit> context, Set<Integer> assigned) {
        this.context = context;
        this.assigned = new HashSet<>(assigned);
    }

    @Override
    public void start() {
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
    }

    @Override
    public void addSplitsBack(List<MqttSplit> splits, int subtaskId) {
        splits.forEach(split -> {
            assigned.remove(split.subtask());
            if (split.resumed()) {
                resumed.add(split.subtask());
            }
        });
    }

    @Override
    public void addReader(int subtaskId) {
        if (assigned.add(subtaskId)) {
            context.assignSplit(new MqttSplit(subtaskId, resumed.contains(subtaskId)), subtaskId);
        }
    }

    @Override
    public Set<Integer> snapshotState(long checkpointId) {
        return Set.copyOf(assigned);
    }

    @Override
    public void close() {
    }
}
