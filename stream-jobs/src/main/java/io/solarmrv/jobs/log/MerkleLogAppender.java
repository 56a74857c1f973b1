package io.solarmrv.jobs.log;

import io.solarmrv.attestation.internal.CompactRange;
import io.solarmrv.attestation.MerkleHash;
import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.attestation.note.Checkpoint;
import io.solarmrv.attestation.note.NoteKeys;
import io.solarmrv.attestation.note.SignedNote;
import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.LogCheckpoint;
import io.solarmrv.jobs.LogEntry;
import io.solarmrv.jobs.LogLeaf;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Appends each accepted reading's envelope to one RFC 9162 Merkle log (run with a single constant
 * key, so there is one log and one order). State is three compact ranges, O(log n) hashes each:
 * the whole log [0, n), the log at the last checkpoint [0, m), and what was appended since [m, n).
 * When the event-time watermark passes the end of an hour in which leaves were added, it emits a
 * checkpoint (tree size, root, signed note) with its consistency proof from the previous one; the
 * end of input fires the last one. Leaves and checkpoints leave in one stream, in order.
 */
public final class MerkleLogAppender extends KeyedProcessFunction<Integer, AcceptedReading, LogEntry> {
    private static final long HOUR_MILLIS = 3_600_000L;

    private final String logSignerKey;
    private transient NoteKeys.SignerKey signer;
    private transient StoredRange log;
    private transient StoredRange atCheckpoint;
    private transient StoredRange sinceCheckpoint;

    /** @param logSignerKey the log's C2SP signer key ({@code PRIVATE+KEY+...}); its name is the checkpoints' origin */
    public MerkleLogAppender(String logSignerKey) {
        this.logSignerKey = logSignerKey;
    }

    @Override
    public void open(OpenContext context) {
        signer = NoteKeys.parseSigner(logSignerKey);
        log = new StoredRange("log");
        atCheckpoint = new StoredRange("at-checkpoint");
        sinceCheckpoint = new StoredRange("since-checkpoint");
    }

    @Override
    public void processElement(AcceptedReading reading, Context ctx, Collector<LogEntry> out) throws Exception {
        byte[] leafHash = MerkleHash.leafHash(reading.envelope());
        CompactRange range = log.load(0);
        long index = range.end();
        range.append(leafHash);
        log.store(range);
        CompactRange since = sinceCheckpoint.load(atCheckpoint.end());
        since.append(leafHash);
        sinceCheckpoint.store(since);
        out.collect(LogEntry.of(new LogLeaf(index, leafHash, reading)));
        long hourEnd = Math.floorDiv(reading.timestampMillis(), HOUR_MILLIS) * HOUR_MILLIS + HOUR_MILLIS - 1;
        ctx.timerService().registerEventTimeTimer(Math.max(hourEnd, ctx.timerService().currentWatermark() + 1));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LogEntry> out) throws Exception {
        CompactRange range = log.load(0);
        CompactRange previous = atCheckpoint.load(0);
        if (range.size() == 0 || range.size() == previous.size()) {
            return;
        }
        CompactRange since = sinceCheckpoint.load(previous.end());
        List<byte[]> proof = previous.size() == 0 ? List.of() : MerkleTree.consistencyProof(previous, since);
        Checkpoint body = new Checkpoint(signer.name(), range.size(), range.root());
        out.collect(LogEntry.of(LogCheckpoint.of(range.size(), range.root(), SignedNote.sign(body.noteText(), signer),
                previous.size(), proof)));
        atCheckpoint.store(range);
        sinceCheckpoint.store(CompactRange.startingAt(range.end()));
    }

    /** A compact range in keyed state: where it begins and ends, and its subtree roots. */
    private final class StoredRange {
        private final ValueState<long[]> bounds;
        private final ListState<byte[]> roots;

        StoredRange(String name) {
            bounds = getRuntimeContext().getState(new ValueStateDescriptor<>(name + "-bounds", long[].class));
            roots = getRuntimeContext().getListState(new ListStateDescriptor<>(name + "-roots", byte[].class));
        }

        /** The stored range, or an empty one beginning at {@code emptyBegin} if none is stored. */
        CompactRange load(long emptyBegin) throws Exception {
            long[] stored = bounds.value();
            if (stored == null) {
                return CompactRange.startingAt(emptyBegin);
            }
            List<byte[]> hashes = new ArrayList<>();
            roots.get().forEach(hashes::add);
            return CompactRange.restore(stored[0], stored[1], hashes);
        }

        /** Where the stored range ends (0 if none is stored), without reading its hashes. */
        long end() throws Exception {
            long[] stored = bounds.value();
            return stored == null ? 0 : stored[1];
        }

        void store(CompactRange range) throws Exception {
            bounds.update(new long[] {range.begin(), range.end()});
            roots.update(range.subtreeRoots());
        }
    }
}
