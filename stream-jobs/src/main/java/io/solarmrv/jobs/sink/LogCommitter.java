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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * Leaves first (one database transaction; a row already there is the same row), then each log
 * checkpoint: anchored on chain with its consistency proof (idempotent by content; earlier
 * anchors the chain lost are sent again from {@code log_checkpoints}), then recorded.
 *
 * <p>Given a tiles directory ({@link TiledLog}), the leaves also go there, after the database and
 * before any anchor: appended where the tiles end, checked where they already hold a leaf (a replayed
 * commit), and fsynced. Tiles behind the database (the directory configured for a log that already
 * had leaves) are first filled from {@code log_leaves}, streamed in index order.
 *
 * <p>A lost database connection (PostgreSQL restarted or failed over, the network cut, even in
 * the middle of COMMIT) is reopened and the transaction run again, with backoff, for up to
 * {@link #RECONNECT_FOR}; every write is idempotent, so a transaction that did commit before the
 * connection died changes nothing the second time. Past that, the commit fails and Flink restarts
 * the job from its checkpoint.
 */
final class LogCommitter implements Committer<LogCommittable> {
    /**
     * All of a batch's leaves in one statement, as arrays unnested into rows (about three times
     * faster than a JDBC batch of single-row inserts, docs/BENCHMARKS.md); returns the indexes it
     * inserted, so the ones it did not (already there) can be checked.
     */
    private static final String INSERT_LEAVES = "INSERT INTO log_leaves (leaf_index, leaf_hash, device_id, seq, ts_ms,"
            + " energy_register_wh, power_w, envelope) SELECT * FROM unnest(?::bigint[], ?::bytea[], ?::text[], ?::bigint[],"
            + " ?::bigint[], ?::bigint[], ?::bigint[], ?::bytea[]) ON CONFLICT (leaf_index) DO NOTHING RETURNING leaf_index";
    private static final String RECORD_CHECKPOINT = "INSERT INTO log_checkpoints (tree_size, root, contract_address, tx_hash,"
            + " block_number, signed_note, previous_size, proof) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING";
    private static final String KNOWN_CHECKPOINTS = "SELECT tree_size, root, signed_note, previous_size, proof"
            + " FROM log_checkpoints ORDER BY tree_size";

    /** How long a lost database connection is tried again before the commit fails. */
    static final Duration RECONNECT_FOR = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(LogCommitter.class);

    private final String jdbcUrl;
    private Connection connection;
    private final AnchorClient anchors;
    private final TiledLog tiles;

    LogCommitter(String jdbcUrl, ChainConfig chain, String anchorContract, java.nio.file.Path tilesDir) throws IOException {
        this.jdbcUrl = jdbcUrl;
        this.tiles = tilesDir == null ? null : TiledLog.open(tilesDir);
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
            writeLeaves(batch.leaves());
            writeTiles(batch.leaves());
            for (LogCheckpoint checkpoint : batch.checkpoints()) {
                anchorAndRecord(checkpoint);
            }
        }
    }

    private void writeLeaves(List<LogLeaf> leaves) throws IOException, InterruptedException {
        if (leaves.isEmpty()) {
            return;
        }
        int n = leaves.size();
        Long[] index = new Long[n];
        byte[][] leafHash = new byte[n][];
        String[] device = new String[n];
        Long[] seq = new Long[n];
        Long[] ts = new Long[n];
        Long[] register = new Long[n];
        Long[] power = new Long[n];
        byte[][] envelope = new byte[n][];
        for (int i = 0; i < n; i++) {
            LogLeaf leaf = leaves.get(i);
            AcceptedReading r = leaf.reading();
            index[i] = leaf.index();
            leafHash[i] = leaf.leafHash();
            device[i] = r.deviceId();
            seq[i] = r.sequence();
            ts[i] = r.timestampMillis();
            register[i] = r.energyRegisterWh();
            power[i] = r.powerW();
            envelope[i] = r.envelope();
        }
        inTransaction("writing " + leaves.size() + " log leaves", c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT_LEAVES)) {
                insert.setArray(1, c.createArrayOf("bigint", index));
                insert.setArray(2, c.createArrayOf("bytea", leafHash));
                insert.setArray(3, c.createArrayOf("text", device));
                insert.setArray(4, c.createArrayOf("bigint", seq));
                insert.setArray(5, c.createArrayOf("bigint", ts));
                insert.setArray(6, c.createArrayOf("bigint", register));
                insert.setArray(7, c.createArrayOf("bigint", power));
                insert.setArray(8, c.createArrayOf("bytea", envelope));
                java.util.Set<Long> inserted = new java.util.HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getLong(1));
                    }
                }
                for (LogLeaf leaf : leaves) {
                    if (!inserted.contains(leaf.index())) {
                        requireSameLeaf(c, leaf);
                    }
                }
            }
        });
    }

    /** The batch's leaves into the tiles (if configured), the tiles first caught up with the database. */
    private void writeTiles(List<LogLeaf> leaves) throws IOException, InterruptedException {
        if (tiles == null || leaves.isEmpty()) {
            return;
        }
        List<LogLeaf> inOrder = new ArrayList<>(leaves);
        inOrder.sort(Comparator.comparingLong(LogLeaf::index));
        if (inOrder.get(0).index() > tiles.size()) {
            catchUpTiles(inOrder.get(0).index());
        }
        for (LogLeaf leaf : inOrder) {
            if (leaf.index() < tiles.size()) {
                if (!java.security.MessageDigest.isEqual(tiles.leafHash(leaf.index()), leaf.leafHash())) {
                    throw new IllegalStateException("the log's tiles hold a different leaf at index " + leaf.index()
                            + ": they do not continue this job's log; refusing to commit " + leaf.reading().deviceId() + " #"
                            + leaf.reading().sequence());
                }
            } else if (leaf.index() == tiles.size()) {
                tiles.append(leaf.reading().envelope());
            } else {
                throw new IllegalStateException("the batch skips from tile leaf " + tiles.size() + " to " + leaf.index());
            }
        }
        tiles.commit();
    }

    /** Appends to the tiles the database's leaves [tiles' size, upTo), streamed, and commits them. */
    private void catchUpTiles(long upTo) throws IOException, InterruptedException {
        long from = tiles.size();
        LOG.info("writing log leaves {}..{} from the database into the tiles", from, upTo - 1);
        inTransaction("reading log leaves " + from + ".." + (upTo - 1) + " for the tiles", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT leaf_index, envelope FROM log_leaves"
                    + " WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index")) {
                select.setFetchSize(10_000);
                select.setLong(1, tiles.size());     // a retry after a lost connection continues where this one stopped
                select.setLong(2, upTo);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        if (rows.getLong(1) != tiles.size()) {
                            throw new SQLException("log_leaves has no leaf " + tiles.size() + " (next is " + rows.getLong(1) + ")");
                        }
                        tiles.append(rows.getBytes(2));
                    }
                }
            }
        });
        if (tiles.size() != upTo) {
            throw new IOException("log_leaves ends at " + tiles.size() + ", before leaf " + upTo);
        }
        tiles.commit();
    }

    /**
     * A leaf already at this index is fine only if it is this leaf (a commit replayed after a
     * restore). Anything else means the job's log state does not continue the database's log, e.g. a
     * job started without the checkpoint of the run that wrote it: stopping is the only safe answer,
     * as carrying on would drop these readings from the log while the job believes they are in it.
     */
    private void requireSameLeaf(Connection c, LogLeaf leaf) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT leaf_hash FROM log_leaves WHERE leaf_index = ?")) {
            select.setLong(1, leaf.index());
            try (java.sql.ResultSet row = select.executeQuery()) {
                if (row.next() && !java.security.MessageDigest.isEqual(row.getBytes(1), leaf.leafHash())) {
                    rollback();
                    throw new IllegalStateException("log_leaves already holds a different leaf at index " + leaf.index()
                            + ": this job's Merkle log does not continue the database's (was it started without the"
                            + " checkpoint of the run that wrote the log?); refusing to commit " + leaf.reading().deviceId()
                            + " #" + leaf.reading().sequence());
                }
            }
        }
    }

    private void anchorAndRecord(LogCheckpoint checkpoint) throws IOException, InterruptedException {
        AnchorClient.AnchorReceipt receipt = anchors.anchor(toAnchor(checkpoint.treeSize(), checkpoint.root(),
                checkpoint.signedNote(), checkpoint.previousSize(), checkpoint.proofNodes()));
        inTransaction("recording the anchor of tree size " + checkpoint.treeSize(), c -> {
            try (PreparedStatement record = c.prepareStatement(RECORD_CHECKPOINT)) {
                record.setLong(1, checkpoint.treeSize());
                record.setBytes(2, checkpoint.root());
                record.setString(3, anchors.contractAddress());
                record.setString(4, receipt.transactionHash());
                record.setLong(5, receipt.blockNumber());
                record.setString(6, checkpoint.signedNote());
                record.setLong(7, checkpoint.previousSize());
                record.setBytes(8, checkpoint.proofNodes());
                record.executeUpdate();
            }
        });
    }

    private List<Anchor> knownAnchors() throws SQLException {
        List<Anchor> known = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(KNOWN_CHECKPOINTS);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                known.add(toAnchor(rows.getLong(1), rows.getBytes(2), rows.getString(3), rows.getLong(4), rows.getBytes(5)));
            }
        }
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
        if (tiles != null) {
            tiles.close();
        }
        anchors.close();
        if (connection != null) {
            connection.close();
        }
    }
}
