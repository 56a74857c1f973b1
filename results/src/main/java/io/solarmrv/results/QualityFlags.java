package io.solarmrv.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Table {@code quality_flags} (migration V1): the quality rules a reading tripped, flagged and never
 * deleted (docs/QUALITY.md; rule names are attestation's {@code QualityRule}). The job upserts a
 * reading's flags when its solar day is checked, again if it is checked again ({@link #UPSERT},
 * {@link #bind}); the service reads a device's flags in a period ({@link #forEach}).
 */
public final class QualityFlags {
    private final Connection db;

    /** On a connection the caller owns (and closes); every call is one statement. */
    public QualityFlags(Connection db) {
        this.db = db;
    }

    /** The device's flagged readings timed in [fromMillis, toMillis], by time then sequence, streamed. */
    public void forEach(String deviceId, long fromMillis, long toMillis, EachRow<Flag> each) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT seq, ts_ms, flags FROM quality_flags"
                + " WHERE device_id = ? AND ts_ms >= ? AND ts_ms <= ? ORDER BY ts_ms, seq")) {
            select.setFetchSize(10_000);
            select.setString(1, deviceId);
            select.setLong(2, fromMillis);
            select.setLong(3, toMillis);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    each.accept(new Flag(deviceId, rows.getLong(1), rows.getLong(2), rows.getString(3)));
                }
            }
        }
    }

    /** The quality rules a reading tripped (names joined by ';'): the job's output and this table's row. */
    public record Flag(String deviceId, long sequence, long timestampMillis, String flags) {
    }

    /** The upsert of one {@link Flag}: a reading checked again has its flags replaced. */
    public static final String UPSERT = "INSERT INTO quality_flags (device_id, seq, ts_ms, flags) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (device_id, seq) DO UPDATE SET flags = EXCLUDED.flags";

    /** Sets a flag's values on the statement {@link #UPSERT} made. */
    public static void bind(PreparedStatement upsert, Flag flag) throws SQLException {
        upsert.setString(1, flag.deviceId());
        upsert.setLong(2, flag.sequence());
        upsert.setLong(3, flag.timestampMillis());
        upsert.setString(4, flag.flags());
    }
}
