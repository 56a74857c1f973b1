package io.solarmrv.creation.period;

import io.solarmrv.results.LogCheckpoints;
import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.attestation.log.TiledLog;
import io.solarmrv.attestation.note.Checkpoint;
import io.solarmrv.creation.LogTiles;
import io.solarmrv.results.IndexedReading;
import io.solarmrv.results.LogIndex;
import jakarta.inject.Singleton;
import java.sql.Connection;
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
 * The stream job's Merkle log: its latest anchored checkpoint (results database), its readings
 * (found by the log's index, {@link LogIndex}; their envelopes in its tiles) and inclusion and
 * consistency proofs (RFC 9162), read from the log's C2SP tlog-tiles directory ({@link LogTiles}):
 * O(log n) tiles per proof, whatever the log's size.
 */
@Singleton
public class AnchoredLog {
    /** A checkpoint: size, root and the origin line of its signed note (which names the log). */
    public record LatestCheckpoint(long treeSize, byte[] root, String origin) {
    }

    private final DataSource dataSource;
    private final LogTiles tiles;

    public AnchoredLog(DataSource dataSource, LogTiles tiles) {
        this.dataSource = dataSource;
        this.tiles = tiles;
    }

    /** The log's tiles for proofs and entries up to a tree size; close it when done. */
    public interface Proofs extends AutoCloseable {
        TiledLog log();

        @Override
        void close() throws SQLException;
    }

    /**
     * The log as last committed, which holds every anchored size (the job writes the tiles before
     * anchoring), checked to hold at least {@code size} leaves.
     */
    public Proofs proofs(long size) throws SQLException {
        TiledLog log = tiles.open();
        if (log.size() < size) {
            long held = log.size();
            closeQuietly(log);
            throw new SQLException("the log's tiles hold " + held + " leaves, fewer than the anchored size " + size);
        }
        return new Proofs() {
            @Override
            public TiledLog log() {
                return log;
            }

            @Override
            public void close() throws SQLException {
                try {
                    log.close();
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
        try (Connection c = dataSource.getConnection()) {
            return new LogCheckpoints(c).latest()
                    .map(latest -> new LatestCheckpoint(latest.treeSize(), latest.root(), Checkpoint.originOf(latest.signedNote())));
        }
    }

    /** The newest anchored checkpoint's signed note (C2SP tlog-checkpoint), as the job signed it. */
    public Optional<String> latestSignedNote() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return new LogCheckpoints(c).latest().map(LogCheckpoints.Entry::signedNote);
        }
    }

    /** A tile or entry bundle path as C2SP tlog-tiles names it: level 0-63 or entries, 3-digit groups, optional .p/1-255. */
    private static final java.util.regex.Pattern TILE_PATH = java.util.regex.Pattern.compile(
            "tile/(0|[1-9]|[1-5][0-9]|6[0-3]|entries)/(x[0-9]{3}/)*[0-9]{3}(\\.p/([1-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5]))?");

    /** Whether the log's tiles are configured here. */
    public boolean servesTiles() {
        return tiles.configured();
    }

    /**
     * The bytes of a tile or entry bundle ({@code tile/...}, relative to the log's prefix), empty if
     * the name is no tlog-tiles name or nothing of that name was written.
     */
    public Optional<byte[]> tile(String relative) throws java.io.IOException {
        if (tiles.directory().isEmpty() || !TILE_PATH.matcher(relative).matches()) {
            return Optional.empty();
        }
        java.nio.file.Path tilesDir = tiles.directory().get();
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
            return MerkleTree.consistencyProof(proofs.log(), toSize, fromSize);
        }
    }

    /** A sampled reading: where it is in the log, its signed envelope, and its inclusion proof (hex). */
    @Serdeable
    public record ProvenReading(long leafIndex, String deviceId, long sequence, Instant timestamp, String envelope,
                                List<String> inclusionProof) {
    }

    /**
     * The leaf indexes of the devices' readings in [from, to] within the first {@code size} leaves,
     * ascending. One long per reading: the population a sample is drawn from.
     */
    public List<Long> leavesOf(Collection<String> deviceIds, Instant from, Instant to, long size) throws SQLException {
        List<Long> leaves = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            LogIndex index = new LogIndex(c);
            for (String deviceId : deviceIds) {
                index.forEach(deviceId, from.toEpochMilli(), to.toEpochMilli(), size, r -> leaves.add(r.leafIndex()));
            }
        }
        java.util.Collections.sort(leaves);
        return leaves;
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
        List<IndexedReading> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            LogIndex index = new LogIndex(c);
            Optional<IndexedReading> last = index.last(deviceId, Long.MIN_VALUE, at.toEpochMilli(), size);
            if (last.isEmpty()) {
                return List.of();
            }
            found.add(last.get());
            index.withSequence(deviceId, last.get().sequence() + 1, size).ifPresent(found::add);
        }
        HexFormat hex = HexFormat.of();
        List<LoggedReading> logged = new ArrayList<>();
        for (IndexedReading r : found) {
            logged.add(new LoggedReading(r.leafIndex(), r.sequence(), Instant.ofEpochMilli(r.timestampMillis()),
                    hex.formatHex(tiles.entry(r.leafIndex(), deviceId))));
        }
        return logged;
    }

    /** The readings at these leaves, each with its inclusion proof in the tree of {@code size} leaves. */
    public List<ProvenReading> prove(List<Long> leafIndexes, long size) throws SQLException {
        HexFormat hex = HexFormat.of();
        List<ProvenReading> proven = new ArrayList<>();
        try (Proofs proofs = proofs(size)) {
            for (long index : leafIndexes) {
                io.solarmrv.attestation.SignedReading signed = LogTiles.signedReading(proofs.log(), index, "leaf " + index);
                io.solarmrv.attestation.Reading r = signed.reading();
                proven.add(new ProvenReading(index, r.deviceId(), r.sequence(), Instant.ofEpochMilli(r.timestampMillis()),
                        hex.formatHex(proofs.log().entry(index)),
                        MerkleTree.inclusionProof(proofs.log(), size, index).stream().map(hex::formatHex).toList()));
            }
        }
        return proven;
    }
}
