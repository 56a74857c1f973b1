package io.solarmrv.creation;

import io.micronaut.context.annotation.Value;
import io.solarmrv.attestation.SignedReading;
import io.solarmrv.attestation.log.TiledLog;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The stream job's Merkle log as it stores it: a C2SP tlog-tiles directory ({@code mrv.log.tiles-dir},
 * MRV_LOG_TILES_DIR: the job's {@code --log-tiles}), read-only. The readings' signed envelopes are
 * there and only there (the results database indexes them by leaf, {@code LogIndex}); so are the
 * hashes every proof reads. Each {@link #open} sees the log as last committed by the job.
 *
 * <p>Single readings ({@link #signedReading(long, String)}) are read through one shared reader,
 * opened again only when asked for a leaf past the size it saw (the index names only leaves the
 * tiles already hold): opening the log reads its commit record and partial tiles, which a report
 * asking for thousands of boundary readings should not do each time. Its entry bundles are cached
 * (TiledLog keeps the last 512); access is serialised.
 */
@Singleton
public class LogTiles {
    private final Path directory;
    private TiledLog shared;

    public LogTiles(@Value("${mrv.log.tiles-dir:}") String directory) {
        this.directory = directory.isBlank() ? null : Path.of(directory);
    }

    /** Whether the tiles directory is configured. */
    public boolean configured() {
        return directory != null;
    }

    /** The directory, if configured. */
    public java.util.Optional<Path> directory() {
        return java.util.Optional.ofNullable(directory);
    }

    /** The log as last committed; close it when done. */
    public TiledLog open() throws SQLException {
        if (directory == null) {
            throw new SQLException("the log's tiles are not configured: set MRV_LOG_TILES_DIR to the directory the stream job"
                    + " writes (its --log-tiles); the readings' envelopes are stored there");
        }
        try {
            return TiledLog.openForReading(directory);
        } catch (IOException | RuntimeException e) {
            throw new SQLException("the log's tiles at " + directory + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The entry (signed envelope) at this leaf, as stored, read through the shared reader. */
    public synchronized byte[] entry(long leafIndex, String deviceId) throws SQLException {
        if (shared == null || leafIndex >= shared.size()) {
            if (shared != null) {
                try {
                    shared.close();
                } catch (IOException ignored) {
                    // a reader only: nothing to flush
                }
            }
            shared = null;   // not a closed reader, should opening fail
            shared = open();
        }
        if (leafIndex >= shared.size()) {
            throw new SQLException("the log's tiles hold " + shared.size() + " leaves; leaf " + leafIndex + " (" + deviceId
                    + ") is not among them");
        }
        return shared.entry(leafIndex);
    }

    /** The signed envelope at this leaf, decoded, read through the shared reader. */
    public SignedReading signedReading(long leafIndex, String deviceId) throws SQLException {
        return decoded(entry(leafIndex, deviceId), leafIndex, deviceId);
    }

    /** The signed envelope at this leaf of an open log, decoded; a leaf that does not decode is named. */
    public static SignedReading signedReading(TiledLog log, long leafIndex, String deviceId) throws SQLException {
        return decoded(log.entry(leafIndex), leafIndex, deviceId);
    }

    private static SignedReading decoded(byte[] entry, long leafIndex, String deviceId) throws SQLException {
        try {
            return SignedReading.fromWire(entry);
        } catch (RuntimeException e) {
            throw new SQLException("the log's entry " + leafIndex + " (" + deviceId + ") does not decode: " + e.getMessage(), e);
        }
    }
}
