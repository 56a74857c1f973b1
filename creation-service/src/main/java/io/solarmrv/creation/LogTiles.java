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
 */
@Singleton
public class LogTiles {
    private final Path directory;

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

    /** The signed envelope at this leaf of an open log, decoded; a leaf that does not decode is named. */
    public static SignedReading signedReading(TiledLog log, long leafIndex, String deviceId) throws SQLException {
        try {
            return SignedReading.fromWire(log.entry(leafIndex));
        } catch (RuntimeException e) {
            throw new SQLException("the log's entry " + leafIndex + " (" + deviceId + ") does not decode: " + e.getMessage(), e);
        }
    }
}
