package io.solarmrv.jobs.sink;

import io.solarmrv.jobs.LogCheckpoint;
import io.solarmrv.jobs.LogLeaf;
import java.util.List;

/** What the log appended between two Flink checkpoints: its leaves and its log checkpoints, in order. */
public record LogCommittable(List<LogLeaf> leaves, List<LogCheckpoint> checkpoints) {
    public LogCommittable {
        leaves = List.copyOf(leaves);
        checkpoints = List.copyOf(checkpoints);
    }

    /** Where this batch begins in the log, to commit batches in log order. */
    long firstPosition() {
        if (!leaves.isEmpty()) {
            return leaves.get(0).index();
        }
        return checkpoints.isEmpty() ? Long.MAX_VALUE : checkpoints.get(0).treeSize();
    }
}
