package io.solarmrv.creation.period;

import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.attestation.note.Checkpoint;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The stream job's Merkle log as the results database holds it: its latest anchored checkpoint,
 * and consistency proofs between sizes (RFC 9162), which a claim resting on an older checkpoint
 * than the chain's latest needs.
 */
@Singleton
public class AnchoredLog {
    /** A checkpoint: size, root and the origin line of its signed note (which names the log). */
    public record LatestCheckpoint(long treeSize, byte[] root, String origin) {
    }

    private final DataSource dataSource;

    public AnchoredLog(DataSource dataSource) {
        this.dataSource = dataSource;
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

    /** The consistency proof from {@code fromSize} to {@code toSize} (empty when equal). */
    public List<byte[]> consistency(long fromSize, long toSize) throws SQLException {
        if (fromSize == toSize) {
            return List.of();
        }
        List<byte[]> leafHashes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT leaf_hash FROM log_leaves WHERE leaf_index < ? ORDER BY leaf_index")) {
            select.setLong(1, toSize);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    leafHashes.add(rows.getBytes(1));
                }
            }
        }
        if (leafHashes.size() != toSize) {
            throw new SQLException("the log holds " + leafHashes.size() + " leaves, fewer than the anchored size " + toSize);
        }
        return MerkleTree.consistencyProof(leafHashes, (int) fromSize);
    }
}
