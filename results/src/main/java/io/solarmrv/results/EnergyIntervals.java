package io.solarmrv.results;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Tables {@code hourly_energy} and {@code quarter_hour_energy} (migration V1): energy per device per
 * UTC interval, from register deltas. The job upserts an interval's row each time late readings
 * restate it ({@link #upsert}, {@link #bind}); the service sums them ({@link #summedHours},
 * {@link #hoursWithReadings}).
 */
public final class EnergyIntervals {
    /** Which table: the interval's length. */
    public enum Span {
        HOUR("hourly_energy", "hour_start_ms"),
        QUARTER_HOUR("quarter_hour_energy", "quarter_start_ms");

        private final String table;
        private final String startColumn;

        Span(String table, String startColumn) {
            this.table = table;
            this.startColumn = startColumn;
        }
    }

    /** One device's interval: its readings' count, first and last reading, and the energy between registers. */
    public record Interval(String deviceId, long startMillis, int readings, long firstTimestampMillis, long firstRegisterWh,
                           long lastTimestampMillis, long lastRegisterWh, long energyWh) {
    }

    /** The upsert of one {@link Interval} into {@code span}'s table: a restated interval replaces its row. */
    public static String upsert(Span span) {
        return "INSERT INTO " + span.table + " (device_id, " + span.startColumn + ", readings, first_ts_ms, first_register_wh,"
                + " last_ts_ms, last_register_wh, energy_wh) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (device_id, " + span.startColumn + ") DO UPDATE SET readings = EXCLUDED.readings,"
                + " first_ts_ms = EXCLUDED.first_ts_ms, first_register_wh = EXCLUDED.first_register_wh,"
                + " last_ts_ms = EXCLUDED.last_ts_ms, last_register_wh = EXCLUDED.last_register_wh,"
                + " energy_wh = EXCLUDED.energy_wh";
    }

    /** Sets an interval's values on the statement {@link #upsert} made. */
    public static void bind(PreparedStatement upsert, Interval interval) throws SQLException {
        upsert.setString(1, interval.deviceId());
        upsert.setLong(2, interval.startMillis());
        upsert.setInt(3, interval.readings());
        upsert.setLong(4, interval.firstTimestampMillis());
        upsert.setLong(5, interval.firstRegisterWh());
        upsert.setLong(6, interval.lastTimestampMillis());
        upsert.setLong(7, interval.lastRegisterWh());
        upsert.setLong(8, interval.energyWh());
    }

    private final Connection db;

    /** On a connection the caller owns (and closes); every call is one statement. */
    public EnergyIntervals(Connection db) {
        this.db = db;
    }

    /** Hours summed into a longer interval, with how many readings of those hours a quality rule flagged. */
    public record Summed(long startMillis, int readings, long energyWh, int flaggedReadings) {
    }

    /**
     * The device's hours starting in [fromMillis, toMillis), summed into UTC intervals of
     * {@code intervalMillis}, each with the count of flagged readings timed in [flagsFromMillis,
     * flagsToMillis) and the same interval (the readings those hours' energy rests on). A reading whose
     * every rule is in {@code tagRules} (a tag, not a flag) is not counted.
     */
    public List<Summed> summedHours(String deviceId, long fromMillis, long toMillis, long intervalMillis,
                                    long flagsFromMillis, long flagsToMillis, Collection<String> tagRules) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT e.bucket, e.readings, e.energy, coalesce(f.flagged, 0) FROM"
                + " (SELECT (hour_start_ms / ?) * ? AS bucket, sum(readings) AS readings, sum(energy_wh) AS energy FROM hourly_energy"
                + "  WHERE device_id = ? AND hour_start_ms >= ? AND hour_start_ms < ? GROUP BY 1) e"
                + " LEFT JOIN (SELECT (ts_ms / ?) * ? AS bucket, count(*) AS flagged FROM quality_flags"
                + "  WHERE device_id = ? AND ts_ms >= ? AND ts_ms < ? AND NOT string_to_array(flags, ';') <@ ?::text[]"
                + "  GROUP BY 1) f ON f.bucket = e.bucket ORDER BY 1")) {
            select.setLong(1, intervalMillis);
            select.setLong(2, intervalMillis);
            select.setString(3, deviceId);
            select.setLong(4, fromMillis);
            select.setLong(5, toMillis);
            select.setLong(6, intervalMillis);
            select.setLong(7, intervalMillis);
            select.setString(8, deviceId);
            select.setLong(9, flagsFromMillis);
            select.setLong(10, flagsToMillis);
            Array tags = db.createArrayOf("text", tagRules.toArray());
            select.setArray(11, tags);
            List<Summed> intervals = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    intervals.add(new Summed(rows.getLong(1), rows.getInt(2), rows.getLong(3), rows.getInt(4)));
                }
            }
            return intervals;
        }
    }

    /** How many hours starting in [fromMillis, toMillis) hold at least one of the device's readings. */
    public long hoursWithReadings(String deviceId, long fromMillis, long toMillis) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT count(*) FROM hourly_energy WHERE device_id = ?"
                + " AND hour_start_ms >= ? AND hour_start_ms < ? AND readings > 0")) {
            select.setString(1, deviceId);
            select.setLong(2, fromMillis);
            select.setLong(3, toMillis);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
