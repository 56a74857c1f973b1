package io.solarmrv.jobs.sink;

import io.solarmrv.attestation.Sha256;
import io.solarmrv.attestation.log.TiledLog;
import io.solarmrv.attestation.note.Checkpoint;
import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.LogCheckpoint;
import io.solarmrv.jobs.LogLeaf;
import io.solarmrv.ledger.Anchor;
import io.solarmrv.ledger.AnchorClient;
import io.solarmrv.ledger.ChainConfig;
import io.solarmrv.results.IndexedReading;
import io.solarmrv.results.LogCheckpoints;
import io.solarmrv.results.LogIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase two of {@link LogCommitSink}: runs after the Flink checkpoint holding a batch completed.
 * Leaves first into the log's tiles ({@link TiledLog}, C2SP tlog-tiles: the log itself, envelopes
 * and hashes): appended where the tiles end, checked where they already hold a leaf (a replayed
 * commit), and fsynced. Then the same leaves into the results database's index ({@link LogIndex},
 * one row per device-hour; a replay records nothing twice). Then each log checkpoint: anchored on
 * chain with its consistency proof (idempotent by content; earlier anchors the chain lost are sent
 * again from {@code log_checkpoints}), then recorded. So nothing is indexed that the tiles do not
 * hold, and nothing anchored that is not in both.
 *
 * <p>A lost database connection (PostgreSQL restarted or failed over, the network cut, even in
 * the middle of COMMIT) is reopened and the transaction run again, with backoff, for up to
 * {@link #RECONNECT_FOR}; every write is idempotent, so a transaction that did commit before the
 * connection died changes nothing the second time. Past that, the commit fails and Flink restarts
 * the job from its checkpoint.
 */
final class LogCommitter implements Committer<LogCommittable> {
    /** How long a lost database connection is tried again before the commit fails. */
    static final Duration RECONNECT_FOR = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(LogCommitter.class);

    private final String jdbcUrl;
    private Connection connection;
    private final AnchorClient anchors;
    private final TiledLog tiles;

    LogCommitter(String jdbcUrl, ChainConfig chain, String anchorContract, java.nio.file.Path tilesDir) throws IOException {
        if (tilesDir == null) {
            throw new IllegalArgumentException("the log's tiles directory is required (--log-tiles): the log is stored there");
        }
        this.jdbcUrl = jdbcUrl;
        this.tiles = TiledLog.open(tilesDir);
        try {
            this.connection = open();
            this.anchors = AnchorClient.connect(chain, anchorContract);
            anchors.remember(knownAnchors());
        } catch (SQLException e) {
            throw new IOException("cannot open the results database: " + e.getMessage(), e);
        }
    }

    private Connection open() throws SQLException {
        Connection opened = DriverManager.getConnection(jdbcUrl);
        opened.setAutoCommit(false);
        return opened;
    }

    /** One transaction's statements; the caller commits. */
    private interface Transaction {
        void run(Connection c) throws SQLException;
    }

    /**
     * Runs the transaction and commits it; on a lost connection (SQLSTATE class 08, or 57P01-57P03:
     * the server shut down, crashed or is starting) opens a new one and runs it again.
     */
    private void inTransaction(String what, Transaction transaction) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RECONNECT_FOR.toNanos();
        long backoffMillis = 200;
        while (true) {
            try {
                if (connection == null) {
                    connection = open();
                }
                transaction.run(connection);
                connection.commit();
                return;
            } catch (SQLException e) {
                rollback();
                if (!isConnectionLost(e) || System.nanoTime() > deadline) {
                    throw new IOException(what + " failed: " + e.getMessage(), e);
                }
                LOG.warn("{}: the results database connection was lost ({}); reconnecting in {} ms", what, e.getMessage(), backoffMillis);
                closeQuietly();
                Thread.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    static boolean isConnectionLost(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            String state = next.getSQLState();
            if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
                return true;
            }
        }
        return false;
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }

    @Override
    public void commit(Collection<CommitRequest<LogCommittable>> requests) throws IOException, InterruptedException {
        List<CommitRequest<LogCommittable>> inLogOrder = new ArrayList<>(requests);
        inLogOrder.sort(Comparator.comparingLong(r -> r.getCommittable().firstPosition()));
        for (CommitRequest<LogCommittable> request : inLogOrder) {
            LogCommittable batch = request.getCommittable();
            writeTiles(batch.leaves());
            writeIndex(batch.leaves());
            for (LogCheckpoint checkpoint : batch.checkpoints()) {
                anchorAndRecord(checkpoint);
            }
        }
    }

    private void writeIndex(List<LogLeaf> leaves) throws IOException, InterruptedException {
        if (leaves.isEmpty()) {
            return;
        }
        List<IndexedReading> readings = new ArrayList<>(leaves.size());
        for (LogLeaf leaf : leaves) {
            AcceptedReading r = leaf.reading();
            readings.add(new IndexedReading(leaf.index(), r.deviceId(), r.sequence(), r.timestampMillis(), r.energyRegisterWh()));
        }
        inTransaction("indexing " + leaves.size() + " log leaves", c -> new LogIndex(c).record(readings));
    }

    /**
     * The batch's leaves into the tiles, committed (fsynced). A leaf the tiles already hold must be
     * the same leaf (a commit replayed after a restore); anything else means the job's log state does
     * not continue the tiles' log, e.g. a job started without the checkpoint of the run that wrote
     * them, or another log's directory: stopping is the only safe answer, as carrying on would drop
     * these readings from the log while the job believes they are in it.
     */
    private void writeTiles(List<LogLeaf> leaves) throws IOException {
        if (leaves.isEmpty()) {
            return;
        }
        List<LogLeaf> inOrder = new ArrayList<>(leaves);
        inOrder.sort(Comparator.comparingLong(LogLeaf::index));
        long next = tiles.size();
        for (LogLeaf leaf : inOrder) {   // all checked before any is appended: a refused batch leaves nothing behind
            if (leaf.index() < tiles.size()) {
                if (!java.security.MessageDigest.isEqual(tiles.leafHash(leaf.index()), leaf.leafHash())) {
                    throw new IllegalStateException("the log's tiles already hold a different leaf at index " + leaf.index()
                            + ": this job's Merkle log does not continue the tiles' (was it started without the checkpoint of"
                            + " the run that wrote them, or given another log's directory?); refusing to commit "
                            + leaf.reading().deviceId() + " #" + leaf.reading().sequence());
                }
            } else if (leaf.index() == next) {
                next++;
            } else {
                throw new IllegalStateException("the log's tiles end at leaf " + next + " but the batch goes on at leaf "
                        + leaf.index() + ": the tiles directory is not this log's (lost, or another's); refusing to commit");
            }
        }
        for (LogLeaf leaf : inOrder) {
            if (leaf.index() >= tiles.size()) {
                tiles.append(leaf.reading().envelope());
            }
        }
        tiles.commit();
    }

    private void anchorAndRecord(LogCheckpoint checkpoint) throws IOException, InterruptedException {
        AnchorClient.AnchorReceipt receipt = anchors.anchor(toAnchor(checkpoint.treeSize(), checkpoint.root(),
                checkpoint.signedNote(), checkpoint.previousSize(), checkpoint.proofNodes()));
        inTransaction("recording the anchor of tree size " + checkpoint.treeSize(), c -> new LogCheckpoints(c).record(
                new LogCheckpoints.Entry(checkpoint.treeSize(), checkpoint.root(), anchors.contractAddress(), receipt.transactionHash(),
                        receipt.blockNumber(), checkpoint.signedNote(), checkpoint.previousSize(), checkpoint.proofNodes())));
    }

    /** The latest anchors recorded, as many as the anchor client keeps: a year of checkpoints is not read at start. */
    private List<Anchor> knownAnchors() throws SQLException {
        List<Anchor> known = new ArrayList<>();
        new LogCheckpoints(connection).forEachOfLatest(AnchorClient.JOURNAL_LIMIT, checkpoint -> known.add(toAnchor(checkpoint.treeSize(), checkpoint.root(),
                checkpoint.signedNote(), checkpoint.previousSize(), checkpoint.proof())));
        connection.commit();
        return known;
    }

    private static Anchor toAnchor(long treeSize, byte[] root, String signedNote, long previousSize, byte[] proofNodes) {
        return new Anchor(AnchorClient.logIdOf(Checkpoint.originOf(signedNote)), treeSize, root, Sha256.hash(signedNote.getBytes(StandardCharsets.UTF_8)),
                previousSize, new LogCheckpoint(treeSize, root, signedNote, previousSize, proofNodes).proof());
    }

    private void rollback() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the failure being reported says why
        }
    }

    @Override
    public void close() throws SQLException, IOException {
        tiles.close();
        anchors.close();
        if (connection != null) {
            connection.close();
        }
    }
}
