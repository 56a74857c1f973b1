package io.solarmrv.results;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Table {@code late_for_hourly_energy} (migration V1): accepted readings that arrived after their
 * UTC hour could still be restated. They are in the log and in period totals (which come from
 * registers), but not in {@code hourly_energy}; listed so the gap can be reported and restated.
 */
public final class LateReadings {
    private static final long HOUR_MILLIS = 3_600_000L;

    private LateReadings() {
    }

    /** A late reading, by device and sequence, with its time and energy register. */
    public record Late(String deviceId, long sequence, long timestampMillis, long energyRegisterWh) {
        /** The start of the UTC hour the reading's time lies in. */
        public long hourStartMillis() {
            return Math.floorDiv(timestampMillis, HOUR_MILLIS) * HOUR_MILLIS;
        }
    }

    /** The insert of one {@link Late}; listing a reading again changes nothing. */
    public static final String INSERT = "INSERT INTO late_for_hourly_energy (device_id, seq, ts_ms, hour_start_ms, energy_register_wh)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id, seq) DO NOTHING";

    /** Sets a late reading's values on the statement {@link #INSERT} made. */
    public static void bind(PreparedStatement insert, Late late) throws SQLException {
        insert.setString(1, late.deviceId());
        insert.setLong(2, late.sequence());
        insert.setLong(3, late.timestampMillis());
        insert.setLong(4, late.hourStartMillis());
        insert.setLong(5, late.energyRegisterWh());
    }
}
