package io.solarmrv.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Table {@code log_checkpoints} (migration V1): each checkpoint of the Merkle log the job signed and
 * anchored, where it was anchored, and its consistency proof from the checkpoint before. The job
 * records one after its anchoring transaction is final ({@link #record}); the service, the bundle
 * export and the job after a restart read them ({@link #forEach}, {@link #latest}). Reads stream, in
 * tree-size order: a year of checkpoints is never held here.
 */
public final class LogCheckpoints {
    private static final String COLUMNS = "SELECT tree_size, root, contract_address, tx_hash, block_number, signed_note,"
            + " previous_size, proof FROM log_checkpoints";

    private final Connection db;

    /** On a connection the caller owns (and closes); every call is one statement. */
    public LogCheckpoints(Connection db) {
        this.db = db;
    }

    /**
     * An anchored checkpoint.
     *
     * @param signedNote   the C2SP checkpoint signed by the log's key
     * @param previousSize the checkpoint before it (0 for the first)
     * @param proof        the RFC 9162 consistency proof from that one, 32-byte nodes end to end
     */
    public record Entry(long treeSize, byte[] root, String contractAddress, String transactionHash, long blockNumber,
                        String signedNote, long previousSize, byte[] proof) {
    }

    /** Records an anchored checkpoint; recording the same tree size again changes nothing (a replayed commit). */
    public void record(Entry checkpoint) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO log_checkpoints (tree_size, root, contract_address,"
                + " tx_hash, block_number, signed_note, previous_size, proof) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tree_size) DO NOTHING")) {
            insert.setLong(1, checkpoint.treeSize());
            insert.setBytes(2, checkpoint.root());
            insert.setString(3, checkpoint.contractAddress());
            insert.setString(4, checkpoint.transactionHash());
            insert.setLong(5, checkpoint.blockNumber());
            insert.setString(6, checkpoint.signedNote());
            insert.setLong(7, checkpoint.previousSize());
            insert.setBytes(8, checkpoint.proof());
            insert.executeUpdate();
        }
    }

    /** Every checkpoint of at most {@code treeSize} leaves, smallest first ({@link LogIndex#ALL} for all). */
    public void forEach(long treeSize, EachRow<Entry> each) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(COLUMNS + " WHERE tree_size <= ? ORDER BY tree_size")) {
            select.setFetchSize(1_000);
            select.setLong(1, treeSize);
            each(select, each);
        }
    }

    /** The newest {@code count} checkpoints, smallest first: what a restarted job needs, never the whole table. */
    public void forEachOfLatest(int count, EachRow<Entry> each) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT * FROM (" + COLUMNS + " ORDER BY tree_size DESC LIMIT ?) latest"
                + " ORDER BY tree_size")) {
            select.setInt(1, count);
            each(select, each);
        }
    }

    private static void each(PreparedStatement select, EachRow<Entry> each) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                each.accept(entry(rows));
            }
        }
    }

    /** The newest (largest) anchored checkpoint, if any. */
    public Optional<Entry> latest() throws SQLException {
        try (PreparedStatement select = db.prepareStatement(COLUMNS + " ORDER BY tree_size DESC LIMIT 1");
             ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(entry(row)) : Optional.empty();
        }
    }

    private static Entry entry(ResultSet row) throws SQLException {
        return new Entry(row.getLong(1), row.getBytes(2), row.getString(3), row.getString(4), row.getLong(5), row.getString(6),
                row.getLong(7), row.getBytes(8));
    }
}
