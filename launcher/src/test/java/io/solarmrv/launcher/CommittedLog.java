package io.solarmrv.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.MerkleHash;
import io.solarmrv.attestation.note.Checkpoint;
import io.solarmrv.ledger.AnchorClient;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the failure tests check of the committed Merkle log in its tiles, the results database's index and on chain. */
final class CommittedLog {
    /**
     * The log's index (one row per device-hour) as one row per reading, for the tests' checks:
     * {@code leaf_index, device_id, seq, ts_ms, energy_register_wh}.
     */
    static final String READINGS = "(SELECT u.leaf AS leaf_index, i.device_id, u.seq, u.ts AS ts_ms, u.reg AS energy_register_wh"
            + " FROM log_index i, unnest(i.leaf_index, i.seq, i.ts_ms, i.energy_register_wh) AS u(leaf, seq, ts, reg)) AS readings";

    private CommittedLog() {
    }

    static long count(Statement sql, String query) throws Exception {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    static long leaves(Statement sql) throws Exception {
        return count(sql, "SELECT count(*) FROM " + READINGS);
    }

    /**
     * The leaf hashes of the tiles' entries at the indexed leaves, in index order, asserting that the
     * index holds each leaf once, densely from 0.
     */
    static List<byte[]> leafHashesWithDenseIndexes(Statement sql, java.nio.file.Path tiles) throws Exception {
        List<byte[]> leafHashes = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("SELECT leaf_index FROM " + READINGS + " ORDER BY leaf_index");
             io.solarmrv.attestation.log.TiledLog log = io.solarmrv.attestation.log.TiledLog.openForReading(tiles)) {
            while (rows.next()) {
                assertEquals(leafHashes.size(), rows.getLong(1), "log indexes are dense");
                leafHashes.add(MerkleHash.leafHash(log.entry(rows.getLong(1))));
            }
        }
        return leafHashes;
    }

    /** The chain's latest anchor of the log whose newest checkpoint is recorded in log_checkpoints. */
    static AnchorClient.LatestAnchor latestAnchor(Statement sql, LocalPipeline pipeline) throws Exception {
        String note;
        try (ResultSet last = sql.executeQuery("SELECT signed_note FROM log_checkpoints ORDER BY tree_size DESC LIMIT 1")) {
            assertTrue(last.next(), "a checkpoint of the log was anchored");
            note = last.getString(1);
        }
        try (AnchorClient chain = AnchorClient.connect(pipeline.chain(), pipeline.anchorContract())) {
            return chain.latest(AnchorClient.logIdOf(Checkpoint.originOf(note)));
        }
    }

    /**
     * The job's tiles (C2SP tlog-tiles) hold exactly the database's leaves, and give the anchored
     * checkpoint's root at its size.
     */
    static void assertTilesHold(java.nio.file.Path tiles, List<byte[]> leafHashes, AnchorClient.LatestAnchor anchored)
            throws Exception {
        try (io.solarmrv.attestation.log.TiledLog log = io.solarmrv.attestation.log.TiledLog.openForReading(tiles)) {
            assertEquals(leafHashes.size(), log.size(), "the tiles hold every committed leaf, once");
            for (int i = 0; i < leafHashes.size(); i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(leafHashes.get(i), log.leafHash(i), "tile leaf " + i);
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(anchored.root(), log.root(anchored.treeSize()),
                    "the tiles give the anchored root");
        }
    }
}
