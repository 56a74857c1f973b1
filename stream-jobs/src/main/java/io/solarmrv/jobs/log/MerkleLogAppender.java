package io.solarmrv.jobs.log;

import io.solarmrv.attestation.CompactRange;
import io.solarmrv.attestation.MerkleHash;
import io.solarmrv.attestation.note.Checkpoint;
import io.solarmrv.attestation.note.NoteKeys;
import io.solarmrv.attestation.note.SignedNote;
import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.LogCheckpoint;
import io.solarmrv.jobs.LogLeaf;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Appends each accepted reading's envelope to one RFC 9162 Merkle log (run with a single constant
 * key, so there is one log and one order) and keeps only the log's compact range in state. When
 * the event-time watermark passes the end of an hour in which leaves were added, it emits a
 * checkpoint (tree size, root) on a side output; the end of input fires the last one.
 */
public final class MerkleLogAppender extends KeyedProcessFunction<Integer, AcceptedReading, LogLeaf> {
    private static final long HOUR_MILLIS = 3_600_000L;

    private final OutputTag<LogCheckpoint> checkpoints;
    private final String logSignerKey;
    private transient NoteKeys.SignerKey signer;
    private transient ValueState<Long> size;
    private transient ListState<byte[]> subtreeRoots;
    private transient ValueState<Long> lastCheckpointSize;

    /** @param logSignerKey the log's C2SP signer key ({@code PRIVATE+KEY+...}); its name is the checkpoints' origin */
    public MerkleLogAppender(OutputTag<LogCheckpoint> checkpoints, String logSignerKey) {
        this.checkpoints = checkpoints;
        this.logSignerKey = logSignerKey;
    }

    @Override
    public void open(OpenContext context) {
        signer = NoteKeys.parseSigner(logSignerKey);
        size = getRuntimeContext().getState(new ValueStateDescriptor<>("log-size", Long.class));
        subtreeRoots = getRuntimeContext().getListState(new ListStateDescriptor<>("log-subtree-roots", byte[].class));
        lastCheckpointSize = getRuntimeContext().getState(new ValueStateDescriptor<>("last-checkpoint-size", Long.class));
    }

    @Override
    public void processElement(AcceptedReading reading, Context ctx, Collector<LogLeaf> out) throws Exception {
        CompactRange range = loadRange();
        byte[] leafHash = MerkleHash.leafHash(reading.envelope());
        long index = range.size();
        range.append(leafHash);
        storeRange(range);
        out.collect(new LogLeaf(index, leafHash, reading));
        long hourEnd = Math.floorDiv(reading.timestampMillis(), HOUR_MILLIS) * HOUR_MILLIS + HOUR_MILLIS - 1;
        ctx.timerService().registerEventTimeTimer(Math.max(hourEnd, ctx.timerService().currentWatermark() + 1));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LogLeaf> out) throws Exception {
        CompactRange range = loadRange();
        Long last = lastCheckpointSize.value();
        if (range.size() > 0 && (last == null || range.size() > last)) {
            Checkpoint body = new Checkpoint(signer.name(), range.size(), range.root());
            ctx.output(checkpoints, new LogCheckpoint(range.size(), range.root(), SignedNote.sign(body.noteText(), signer)));
            lastCheckpointSize.update(range.size());
        }
    }

    private CompactRange loadRange() throws Exception {
        Long n = size.value();
        if (n == null) {
            return new CompactRange();
        }
        List<byte[]> roots = new ArrayList<>();
        subtreeRoots.get().forEach(roots::add);
        return CompactRange.restore(n, roots);
    }

    private void storeRange(CompactRange range) throws Exception {
        size.update(range.size());
        subtreeRoots.update(range.subtreeRoots());
    }
}
