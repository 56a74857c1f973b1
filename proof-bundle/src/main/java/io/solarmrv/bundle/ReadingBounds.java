package io.solarmrv.bundle;

import io.solarmrv.attestation.BundleReadings;
import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.attestation.ProofBundle;
import io.solarmrv.attestation.log.TiledLog;
import io.solarmrv.results.IndexedReading;
import io.solarmrv.results.LogIndex;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;

/**
 * The log's readings, found by the results database's index ({@link LogIndex}) and read from the
 * log's tiles, for a bundle of bounds and samples ({@link BundleReadings}): each lookup reads the
 * index rows of the hours or sequence runs it needs, whatever the log's size. Only leaves below the
 * bundle's tree size are read.
 */
final class ReadingBounds implements BundleReadings.ChainIndex {
    private final LogIndex index;
    private final TiledLog log;
    private final long treeSize;

    ReadingBounds(LogIndex index, TiledLog log, long treeSize) {
        this.index = index;
        this.log = log;
        this.treeSize = treeSize;
    }

    /** Adds each of the device's readings with these sequences that the log has, with its inclusion proof, to {@code readings}. */
    void prove(String deviceId, SortedSet<Long> sequences, List<ProofBundle.ProvenReading> readings) throws SQLException {
        for (IndexedReading reading : index.withSequences(deviceId, sequences, treeSize)) {
            readings.add(proven(log, reading.leafIndex(), treeSize));
        }
    }

    /** The entry at {@code leafIndex} with its inclusion proof in the tree of {@code treeSize} leaves. */
    static ProofBundle.ProvenReading proven(TiledLog log, long leafIndex, long treeSize) {
        return new ProofBundle.ProvenReading(leafIndex, log.entry(leafIndex), treeSize, MerkleTree.inclusionProof(log, treeSize, leafIndex));
    }

    @Override
    public OptionalLong firstAtOrAfter(String deviceId, long timestampMillis) {
        return sequenceOf(deviceId, () -> index.first(deviceId, timestampMillis, Long.MAX_VALUE, treeSize));
    }

    @Override
    public OptionalLong lastAtOrBefore(String deviceId, long timestampMillis) {
        return sequenceOf(deviceId, () -> index.last(deviceId, Long.MIN_VALUE, timestampMillis, treeSize));
    }

    @Override
    public OptionalLong lastBefore(String deviceId, long timestampMillis) {
        return sequenceOf(deviceId, () -> index.last(deviceId, Long.MIN_VALUE, timestampMillis - 1, treeSize));
    }

    private interface Lookup {
        Optional<IndexedReading> run() throws SQLException;
    }

    private static OptionalLong sequenceOf(String deviceId, Lookup lookup) {
        try {
            return lookup.run().map(r -> OptionalLong.of(r.sequence())).orElse(OptionalLong.empty());
        } catch (SQLException e) {
            throw new IllegalStateException("looking up " + deviceId + "'s readings in the log's index: " + e.getMessage(), e);
        }
    }
}
