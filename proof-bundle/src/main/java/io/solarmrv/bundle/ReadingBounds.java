package io.solarmrv.bundle;

import io.solarmrv.attestation.BundleReadings;
import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.attestation.ProofBundle;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedSet;

/**
 * The log's readings in the results database, looked up for a bundle of bounds and samples
 * ({@link BundleReadings}): each lookup one indexed query on (device, time) or (device, sequence),
 * whatever the log's size. Only leaves below the bundle's tree size are read.
 */
final class ReadingBounds implements BundleReadings.ChainIndex {
    private final Connection db;
    private final long treeSize;

    ReadingBounds(Connection db, long treeSize) {
        this.db = db;
        this.treeSize = treeSize;
    }

    /** Adds each of the device's readings with these sequences that the log has, with its inclusion proof, to {@code readings}. */
    void prove(String deviceId, SortedSet<Long> sequences, MerkleTree.SubtreeHashes hashes, List<ProofBundle.ProvenReading> readings)
            throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT leaf_index, envelope FROM log_leaves"
                + " WHERE device_id = ? AND leaf_index < ? AND seq = ANY (?) ORDER BY seq")) {
            Array array = db.createArrayOf("bigint", sequences.toArray());
            select.setString(1, deviceId);
            select.setLong(2, treeSize);
            select.setArray(3, array);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long index = rows.getLong(1);
                    readings.add(new ProofBundle.ProvenReading(index, rows.getBytes(2), treeSize,
                            MerkleTree.inclusionProof(hashes, treeSize, index)));
                }
            }
        }
    }

    @Override
    public OptionalLong firstAtOrAfter(String deviceId, long timestampMillis) {
        return one("SELECT seq FROM log_leaves WHERE device_id = ? AND leaf_index < ? AND ts_ms >= ? ORDER BY ts_ms, seq LIMIT 1",
                deviceId, timestampMillis);
    }

    @Override
    public OptionalLong lastAtOrBefore(String deviceId, long timestampMillis) {
        return one("SELECT seq FROM log_leaves WHERE device_id = ? AND leaf_index < ? AND ts_ms <= ? ORDER BY ts_ms DESC, seq DESC LIMIT 1",
                deviceId, timestampMillis);
    }

    @Override
    public OptionalLong lastBefore(String deviceId, long timestampMillis) {
        return one("SELECT seq FROM log_leaves WHERE device_id = ? AND leaf_index < ? AND ts_ms < ? ORDER BY ts_ms DESC, seq DESC LIMIT 1",
                deviceId, timestampMillis);
    }

    private OptionalLong one(String sql, String deviceId, long timestampMillis) {
        try (PreparedStatement select = db.prepareStatement(sql)) {
            select.setString(1, deviceId);
            select.setLong(2, treeSize);
            select.setLong(3, timestampMillis);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking up " + deviceId + "'s readings in log_leaves: " + e.getMessage(), e);
        }
    }
}
