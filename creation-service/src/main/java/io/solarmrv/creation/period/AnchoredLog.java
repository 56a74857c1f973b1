package io.solarmrv.creation.period;

import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.attestation.note.Checkpoint;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The stream job's Merkle log: its latest anchored checkpoint (results database), and inclusion
 * and consistency proofs (RFC 9162). Proofs come from the log's C2SP tlog-tiles directory where one
 * is configured ({@code mrv.log.tiles-dir}, MRV_LOG_TILES_DIR: the job's {@code --log-tiles}),
 * reading O(log n) tiles; without one, from every leaf hash in {@code log_leaves}, in memory (a
 * demo-sized log only).
 */
@Singleton
public class AnchoredLog {
    /** A checkpoint: size, root and the origin line of its signed note (which names the log). */
    public record LatestCheckpoint(long treeSize, byte[] root, String origin) {
    }

    private final DataSource dataSource;
    private final java.nio.file.Path tilesDir;

    public AnchoredLog(DataSource dataSource, @io.micronaut.context.annotation.Value("${mrv.log.tiles-dir:}") String tilesDir) {
        this.dataSource = dataSource;
        this.tilesDir = tilesDir.isBlank() ? null : java.nio.file.Path.of(tilesDir);
    }

    /** The log's hashes for proofs up to a tree size; close it when done (it may hold the tiles open). */
    public interface Proofs extends AutoCloseable {
        MerkleTree.SubtreeHashes hashes();

        @Override
        void close() throws SQLException;
    }

    /**
     * Hashes for proofs in trees of up to {@code size} leaves: the tiles as last committed (which
     * hold every anchored size: the job writes them before anchoring), or the leaf hashes in memory.
     */
    public Proofs proofs(long size) throws SQLException {
        if (tilesDir == null) {
            List<byte[]> leaves = leafHashes(size);
            MerkleTree.SubtreeHashes inMemory = MerkleTree.inMemory(leaves);
            return new Proofs() {
                @Override
                public MerkleTree.SubtreeHashes hashes() {
                    return inMemory;
                }

                @Override
                public void close() {
                }
            };
        }
        io.solarmrv.attestation.log.TiledLog tiles;
        try {
            tiles = io.solarmrv.attestation.log.TiledLog.openForReading(tilesDir);
        } catch (java.io.IOException e) {
            throw new SQLException("the log's tiles at " + tilesDir + " cannot be read: " + e.getMessage(), e);
        }
        if (tiles.size() < size) {
            long held = tiles.size();
            closeQuietly(tiles);
            throw new SQLException("the log's tiles at " + tilesDir + " hold " + held + " leaves, fewer than the anchored size " + size);
        }
        return new Proofs() {
            @Override
            public MerkleTree.SubtreeHashes hashes() {
                return tiles;
            }

            @Override
            public void close() throws SQLException {
                try {
                    tiles.close();
                } catch (java.io.IOException e) {
                    throw new SQLException(e);
                }
            }
        };
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception ignored) {
            // reporting the reason it was closed for
        }
    }

    public Optional<LatestCheckpoint> latest() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT tree_size, root, signed_note FROM log_checkpoints ORDER BY tree_size DESC LIMIT 1");
             ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(new LatestCheckpoint(row.getLong(1), row.getBytes(2), Checkpoint.originOf(row.getString(3))))
                    : Optional.empty();
        }
    }

    /** The newest anchored checkpoint's signed note (C2SP tlog-checkpoint), as the job signed it. */
    public Optional<String> latestSignedNote() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT signed_note FROM log_checkpoints ORDER BY tree_size DESC LIMIT 1");
             ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        }
    }

    /** A tile or entry bundle path as C2SP tlog-tiles names it: level 0-63 or entries, 3-digit groups, optional .p/1-255. */
    private static final java.util.regex.Pattern TILE_PATH = java.util.regex.Pattern.compile(
            "tile/(0|[1-9]|[1-5][0-9]|6[0-3]|entries)/(x[0-9]{3}/)*[0-9]{3}(\\.p/([1-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5]))?");

    /** Whether the log's tiles are configured here. */
    public boolean servesTiles() {
        return tilesDir != null;
    }

    /**
     * The bytes of a tile or entry bundle ({@code tile/...}, relative to the log's prefix), empty if
     * the name is no tlog-tiles name or nothing of that name was written.
     */
    public Optional<byte[]> tile(String relative) throws java.io.IOException {
        if (tilesDir == null || !TILE_PATH.matcher(relative).matches()) {
            return Optional.empty();
        }
        java.nio.file.Path file = tilesDir.resolve(relative).normalize();
        if (!file.startsWith(tilesDir.normalize()) || !java.nio.file.Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(java.nio.file.Files.readAllBytes(file));
    }

    /** The consistency proof from {@code fromSize} to {@code toSize} (empty when equal). */
    public List<byte[]> consistency(long fromSize, long toSize) throws SQLException {
        if (fromSize == toSize) {
            return List.of();
        }
        try (Proofs proofs = proofs(toSize)) {
            return MerkleTree.consistencyProof(proofs.hashes(), toSize, fromSize);
        }
    }

    /** A sampled reading: where it is in the log, its signed envelope, and its inclusion proof (hex). */
    @Serdeable
    public record ProvenReading(long leafIndex, String deviceId, long sequence, Instant timestamp, String envelope,
                                List<String> inclusionProof) {
    }

    /** The leaf indexes of the devices' readings in [from, to] within the first {@code size} leaves, ascending. */
    public List<Long> leavesOf(Collection<String> deviceIds, Instant from, Instant to, long size) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT leaf_index FROM log_leaves WHERE device_id = ANY (?)"
                     + " AND ts_ms >= ? AND ts_ms <= ? AND leaf_index < ? ORDER BY leaf_index")) {
            select.setArray(1, c.createArrayOf("text", deviceIds.toArray()));
            select.setLong(2, from.toEpochMilli());
            select.setLong(3, to.toEpochMilli());
            select.setLong(4, size);
            List<Long> leaves = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    leaves.add(rows.getLong(1));
                }
            }
            return leaves;
        }
    }

    /** A logged reading as stored: where it is in the log, its sequence and time, and its signed envelope (hex). */
    @Serdeable
    public record LoggedReading(long leafIndex, long sequence, Instant timestamp, String envelope) {
    }

    /**
     * The device's last reading at or before {@code at} among the first {@code size} leaves, and the
     * one after it in its chain if the log has it there (which shows there is no later one at or
     * before {@code at}); empty if the device has none so early.
     */
    public List<LoggedReading> readingAt(String deviceId, Instant at, long size) throws SQLException {
        HexFormat hex = HexFormat.of();
        List<LoggedReading> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement last = c.prepareStatement("SELECT leaf_index, seq, ts_ms, envelope FROM log_leaves WHERE device_id = ?"
                     + " AND ts_ms <= ? AND leaf_index < ? ORDER BY ts_ms DESC, seq DESC LIMIT 1");
             PreparedStatement next = c.prepareStatement("SELECT leaf_index, seq, ts_ms, envelope FROM log_leaves WHERE device_id = ?"
                     + " AND seq = ? AND leaf_index < ?")) {
            last.setString(1, deviceId);
            last.setLong(2, at.toEpochMilli());
            last.setLong(3, size);
            try (ResultSet row = last.executeQuery()) {
                if (!row.next()) {
                    return found;
                }
                found.add(new LoggedReading(row.getLong(1), row.getLong(2), Instant.ofEpochMilli(row.getLong(3)), hex.formatHex(row.getBytes(4))));
            }
            next.setString(1, deviceId);
            next.setLong(2, found.get(0).sequence() + 1);
            next.setLong(3, size);
            try (ResultSet row = next.executeQuery()) {
                if (row.next()) {
                    found.add(new LoggedReading(row.getLong(1), row.getLong(2), Instant.ofEpochMilli(row.getLong(3)), hex.formatHex(row.getBytes(4))));
                }
            }
        }
        return found;
    }

    /** The readings at these leaves, each with its inclusion proof in the tree of {@code size} leaves. */
    public List<ProvenReading> prove(List<Long> leafIndexes, long size) throws SQLException {
        HexFormat hex = HexFormat.of();
        List<ProvenReading> proven = new ArrayList<>();
        try (Proofs proofs = proofs(size); Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT device_id, seq, ts_ms, envelope FROM log_leaves WHERE leaf_index = ?")) {
            for (long index : leafIndexes) {
                select.setLong(1, index);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    proven.add(new ProvenReading(index, row.getString(1), row.getLong(2), Instant.ofEpochMilli(row.getLong(3)),
                            hex.formatHex(row.getBytes(4)),
                            MerkleTree.inclusionProof(proofs.hashes(), size, index).stream().map(hex::formatHex).toList()));
                }
            }
        }
        return proven;
    }

    /** The first {@code size} leaf hashes, in memory: without tiles, a demo-sized log only. */
    private List<byte[]> leafHashes(long size) throws SQLException {
        List<byte[]> leafHashes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT leaf_hash FROM log_leaves WHERE leaf_index < ? ORDER BY leaf_index")) {
            select.setLong(1, size);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    leafHashes.add(rows.getBytes(1));
                }
            }
        }
        if (leafHashes.size() != size) {
            throw new SQLException("the log holds " + leafHashes.size() + " leaves, fewer than the anchored size " + size);
        }
        return leafHashes;
    }
}
