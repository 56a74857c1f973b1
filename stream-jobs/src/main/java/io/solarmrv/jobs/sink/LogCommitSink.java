package io.solarmrv.jobs.sink;

import io.solarmrv.jobs.LogCheckpoint;
import io.solarmrv.jobs.LogEntry;
import io.solarmrv.jobs.LogLeaf;
import io.solarmrv.ledger.ChainConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The Merkle log's exactly-once sink, in two phases. Phase one (the writer) only collects the
 * leaves and log checkpoints of the current Flink checkpoint interval and hands them to Flink as
 * a committable stored in that checkpoint. Phase two (the {@link LogCommitter}) runs only once the
 * Flink checkpoint is complete: it writes the leaves to the log's tiles (C2SP tlog-tiles, fsynced)
 * and indexes them in the results database, then anchors each log checkpoint on chain and records
 * it in {@code log_checkpoints}. A failure before completion
 * discards phase one, and the replay from the last checkpoint appends the same readings again, in
 * whatever order they come: nothing that could be replaced was ever written or anchored. A commit
 * interrupted half way is committed again after recovery, and every step of it is idempotent.
 * Run with parallelism 1 (one log, one order).
 */
public final class LogCommitSink implements Sink<LogEntry>, SupportsCommitter<LogCommittable> {
    private final String jdbcUrl;
    private final ChainConfig chain;
    private final String anchorContract;
    private final String tilesDir;

    /** @param tilesDir where the log is stored as tiles (required) */
    public LogCommitSink(String jdbcUrl, ChainConfig chain, String anchorContract, String tilesDir) {
        if (tilesDir == null) {
            throw new IllegalArgumentException("the job needs a directory for the log's tiles (--log-tiles): the log is stored there");
        }
        this.jdbcUrl = jdbcUrl;
        this.chain = chain;
        this.anchorContract = anchorContract;
        this.tilesDir = tilesDir;
    }

    @Override
    public CommittingSinkWriter<LogEntry, LogCommittable> createWriter(WriterInitContext context) {
        return new Collector();
    }

    @Override
    public Committer<LogCommittable> createCommitter(CommitterInitContext context) throws IOException {
        return new LogCommitter(jdbcUrl, chain, anchorContract, java.nio.file.Path.of(tilesDir));
    }

    @Override
    public SimpleVersionedSerializer<LogCommittable> getCommittableSerializer() {
        return new LogCommittableSerializer();
    }

    /** Phase one: collect, write nothing. */
    private static final class Collector implements CommittingSinkWriter<LogEntry, LogCommittable> {
        private final List<LogLeaf> leaves = new ArrayList<>();
        private final List<LogCheckpoint> checkpoints = new ArrayList<>();

        @Override
        public void write(LogEntry entry, Context context) {
            if (entry.leaf() != null) {
                leaves.add(entry.leaf());
            } else {
                checkpoints.add(entry.checkpoint());
            }
        }

        @Override
        public Collection<LogCommittable> prepareCommit() {
            if (leaves.isEmpty() && checkpoints.isEmpty()) {
                return List.of();
            }
            LogCommittable committable = new LogCommittable(leaves, checkpoints);
            leaves.clear();
            checkpoints.clear();
            return List.of(committable);
        }

        @Override
        public void flush(boolean endOfInput) {
        }

        @Override
        public void close() {
        }
    }
}
