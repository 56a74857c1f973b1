package io.solarmrv.creation;

import io.solarmrv.creation.MonitoringReport.AnchoredCheckpoint;
import io.solarmrv.creation.MonitoringReport.BoundaryReading;
import io.solarmrv.creation.MonitoringReport.HourEnergy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads what the stream job wrote (stream-jobs' results-schema.sql): accepted readings in log
 * order, hourly energy and anchored checkpoints. Boundary readings are index lookups on
 * (device_id, ts_ms), never a scan of the period.
 */
@Singleton
public class ResultsRepository {
    private final DataSource dataSource;

    public ResultsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The device's first accepted reading at or after {@code from} and at or before {@code to}. */
    public Optional<BoundaryReading> firstReading(String deviceId, Instant from, Instant to) throws SQLException {
        return boundary("SELECT seq, ts_ms, energy_register_wh, leaf_index FROM log_leaves"
                + " WHERE device_id = ? AND ts_ms >= ? AND ts_ms <= ? ORDER BY ts_ms ASC, seq ASC LIMIT 1", deviceId, from, to);
    }

    /** The device's last accepted reading at or before {@code to} and at or after {@code from}. */
    public Optional<BoundaryReading> lastReading(String deviceId, Instant from, Instant to) throws SQLException {
        return boundary("SELECT seq, ts_ms, energy_register_wh, leaf_index FROM log_leaves"
                + " WHERE device_id = ? AND ts_ms >= ? AND ts_ms <= ? ORDER BY ts_ms DESC, seq DESC LIMIT 1", deviceId, from, to);
    }

    private Optional<BoundaryReading> boundary(String sql, String deviceId, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, deviceId);
            select.setLong(2, from.toEpochMilli());
            select.setLong(3, to.toEpochMilli());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new BoundaryReading(row.getLong(1), Instant.ofEpochMilli(row.getLong(2)),
                        row.getLong(3), row.getLong(4)));
            }
        }
    }

    /** How many accepted readings of the device lie in [from, to]. */
    public long readingCount(String deviceId, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT count(*) FROM log_leaves WHERE device_id = ? AND ts_ms >= ? AND ts_ms <= ?")) {
            select.setString(1, deviceId);
            select.setLong(2, from.toEpochMilli());
            select.setLong(3, to.toEpochMilli());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Hours starting inside [from, to). */
    public List<HourEnergy> hours(String deviceId, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT hour_start_ms, readings, energy_wh FROM hourly_energy"
                     + " WHERE device_id = ? AND hour_start_ms >= ? AND hour_start_ms < ? ORDER BY hour_start_ms")) {
            select.setString(1, deviceId);
            select.setLong(2, from.toEpochMilli());
            select.setLong(3, to.toEpochMilli());
            List<HourEnergy> hours = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    hours.add(new HourEnergy(Instant.ofEpochMilli(rows.getLong(1)), rows.getInt(2), rows.getLong(3)));
                }
            }
            return hours;
        }
    }

    /** A reading in the period: its sequence number, register and the quality rules it tripped. */
    public record FlaggedReading(long sequence, long registerWh, java.util.Set<String> rules) {
    }

    /** The device's readings in [from, to] in time order, each with its quality flags (if any). */
    public List<FlaggedReading> readingsWithFlags(String deviceId, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT l.seq, l.energy_register_wh, q.flags FROM log_leaves l"
                     + " LEFT JOIN quality_flags q ON q.device_id = l.device_id AND q.seq = l.seq"
                     + " WHERE l.device_id = ? AND l.ts_ms >= ? AND l.ts_ms <= ? ORDER BY l.ts_ms, l.seq")) {
            select.setString(1, deviceId);
            select.setLong(2, from.toEpochMilli());
            select.setLong(3, to.toEpochMilli());
            List<FlaggedReading> readings = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String flags = rows.getString(3);
                    readings.add(new FlaggedReading(rows.getLong(1), rows.getLong(2),
                            flags == null ? java.util.Set.of() : java.util.Set.of(flags.split(";"))));
                }
            }
            return readings;
        }
    }

    /** Per quality rule, how many of the device's readings in [from, to] tripped it. */
    public java.util.Map<String, Integer> qualityFlagCounts(String deviceId, Instant from, Instant to) throws SQLException {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT flags FROM quality_flags"
                     + " WHERE device_id = ? AND ts_ms >= ? AND ts_ms <= ?")) {
            select.setString(1, deviceId);
            select.setLong(2, from.toEpochMilli());
            select.setLong(3, to.toEpochMilli());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    for (String rule : rows.getString(1).split(";")) {
                        counts.merge(rule, 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }

    public List<AnchoredCheckpoint> checkpoints() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT tree_size, root, contract_address, tx_hash, block_number, signed_note"
                     + " FROM log_checkpoints ORDER BY tree_size")) {
            List<AnchoredCheckpoint> checkpoints = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    checkpoints.add(new AnchoredCheckpoint(rows.getLong(1), HexFormat.of().formatHex(rows.getBytes(2)),
                            rows.getString(3), rows.getString(4), rows.getLong(5), rows.getString(6)));
                }
            }
            return checkpoints;
        }
    }
}
