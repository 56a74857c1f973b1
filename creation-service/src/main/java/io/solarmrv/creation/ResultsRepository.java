package io.solarmrv.creation;

import io.solarmrv.creation.MonitoringReport.AnchoredCheckpoint;
import io.solarmrv.creation.MonitoringReport.BoundaryReading;
import io.solarmrv.creation.MonitoringReport.IntervalEnergy;
import io.solarmrv.results.IndexedReading;
import io.solarmrv.results.LogIndex;
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
 * Reads what the stream job wrote (the results module's schema): where accepted readings are in
 * the log ({@link LogIndex}, their envelopes in the log's tiles), hourly energy and anchored
 * checkpoints. Boundary readings are lookups in the index rows of the hours they lie in, never a
 * scan of the period.
 */
@Singleton
public class ResultsRepository {
    private final DataSource dataSource;
    private final LogTiles tiles;

    public ResultsRepository(DataSource dataSource, LogTiles tiles) {
        this.dataSource = dataSource;
        this.tiles = tiles;
    }

    /** The device's first accepted reading at or after {@code from} and at or before {@code to}. */
    public Optional<SignedBoundary> firstReading(String deviceId, Instant from, Instant to) throws SQLException {
        return boundary(deviceId, index -> index.first(deviceId, from.toEpochMilli(), to.toEpochMilli(), LogIndex.ALL));
    }

    /** The device's last accepted reading at or before {@code to} and at or after {@code from}. */
    public Optional<SignedBoundary> lastReading(String deviceId, Instant from, Instant to) throws SQLException {
        return boundary(deviceId, index -> index.last(deviceId, from.toEpochMilli(), to.toEpochMilli(), LogIndex.ALL));
    }

    /** The device's last accepted reading at or before {@code at}, however long before. */
    public Optional<SignedBoundary> lastAtOrBefore(String deviceId, Instant at) throws SQLException {
        return boundary(deviceId, index -> index.last(deviceId, Instant.EPOCH.toEpochMilli(), at.toEpochMilli(), LogIndex.ALL));
    }

    /** The device's first accepted reading at or after {@code at}, however long after. */
    public Optional<SignedBoundary> firstAtOrAfter(String deviceId, Instant at) throws SQLException {
        return boundary(deviceId, index -> index.first(deviceId, at.toEpochMilli(), Long.MAX_VALUE, LogIndex.ALL));
    }

    /** The device's accepted reading of sequence number {@code sequence}, if received. */
    public Optional<SignedBoundary> readingNumber(String deviceId, long sequence) throws SQLException {
        return boundary(deviceId, index -> index.withSequence(deviceId, sequence, LogIndex.ALL));
    }

    /**
     * A boundary reading and the reading as signed, decoded from its envelope in the log (the job's
     * tables hold the energy register only): its meter serial and export register are there.
     */
    public record SignedBoundary(BoundaryReading reading, io.solarmrv.attestation.Reading signed) {
    }

    private interface Lookup {
        Optional<IndexedReading> in(LogIndex index) throws SQLException;
    }

    private Optional<SignedBoundary> boundary(String deviceId, Lookup lookup) throws SQLException {
        Optional<IndexedReading> found;
        try (Connection c = dataSource.getConnection()) {
            found = lookup.in(new LogIndex(c));
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        IndexedReading r = found.get();
        io.solarmrv.attestation.Reading signed = tiles.signedReading(r.leafIndex(), deviceId).reading();
        return Optional.of(new SignedBoundary(new BoundaryReading(r.sequence(), Instant.ofEpochMilli(r.timestampMillis()),
                r.energyRegisterWh(), r.leafIndex()), signed));
    }

    /** How many accepted readings of the device lie in [from, to]. */
    public long readingCount(String deviceId, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return new LogIndex(c).count(deviceId, from.toEpochMilli(), to.toEpochMilli());
        }
    }

    /**
     * The job's hourly energy for hours starting inside [from, to), summed into intervals of
     * {@code intervalSeconds} (UTC), each with the flagged readings of those same hours.
     */
    public List<IntervalEnergy> intervals(String deviceId, Instant from, Instant to, long intervalSeconds) throws SQLException {
        long interval = intervalSeconds * 1000;
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT e.bucket, e.readings, e.energy, coalesce(f.flagged, 0) FROM"
                     + " (SELECT (hour_start_ms / ?) * ? AS bucket, sum(readings) AS readings, sum(energy_wh) AS energy FROM hourly_energy"
                     + "  WHERE device_id = ? AND hour_start_ms >= ? AND hour_start_ms < ? GROUP BY 1) e"
                     + " LEFT JOIN (SELECT (ts_ms / ?) * ? AS bucket, count(*) AS flagged FROM quality_flags"
                     + "  WHERE device_id = ? AND ts_ms >= ? AND ts_ms < ? AND NOT string_to_array(flags, ';') <@ ?::text[]"
                     + "  GROUP BY 1) f ON f.bucket = e.bucket ORDER BY 1")) {
            // The flags of the hours the energy covers: hour starts in [from, to) are the readings in [ceil(from), ceil(to)).
            long firstHour = MonitoringReport.hourStartAtOrAfter(from);
            long endHour = MonitoringReport.hourStartAtOrAfter(to);
            select.setLong(1, interval);
            select.setLong(2, interval);
            select.setString(3, deviceId);
            select.setLong(4, from.toEpochMilli());
            select.setLong(5, to.toEpochMilli());
            select.setLong(6, interval);
            select.setLong(7, interval);
            select.setString(8, deviceId);
            select.setLong(9, firstHour);
            select.setLong(10, endHour);
            // a reading carrying only tags (JcmSolarPv.TAG_RULES) is not a flagged reading
            select.setArray(11, c.createArrayOf("text", io.solarmrv.attestation.JcmSolarPv.TAG_RULES.toArray()));
            List<IntervalEnergy> intervals = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    intervals.add(new IntervalEnergy(Instant.ofEpochMilli(rows.getLong(1)), rows.getInt(2), rows.getLong(3), rows.getInt(4)));
                }
            }
            return intervals;
        }
    }

    /** How many hours starting inside [from, to) hold at least one of the device's readings. */
    public long hoursWithReadings(String deviceId, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT count(*) FROM hourly_energy WHERE device_id = ?"
                     + " AND hour_start_ms >= ? AND hour_start_ms < ? AND readings > 0")) {
            select.setString(1, deviceId);
            select.setLong(2, from.toEpochMilli());
            select.setLong(3, to.toEpochMilli());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * A flagged reading in the period with its register and its neighbours' (the readings just
     * before and after it in the period, in time order; null at the period's edges).
     */
    public record FlaggedReading(long sequence, long registerWh, java.util.Set<String> rules,
                                 Long previousSequence, Long previousRegisterWh, Long nextSequence, Long nextRegisterWh) {
    }

    /**
     * The device's flagged readings in [from, to], time order, each with its neighbours. Reads only
     * the flags and two index lookups per flag, never the period's other readings.
     */
    public List<FlaggedReading> flaggedReadings(String deviceId, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT q.seq, q.ts_ms, q.flags FROM " + DEVICE_FLAGS + " q"
                     + " ORDER BY q.ts_ms, q.seq")) {
            setDeviceFlags(select, deviceId, from, to);
            List<LogIndex.Position> positions = new ArrayList<>();
            java.util.Map<Long, java.util.Set<String>> rules = new java.util.HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    positions.add(new LogIndex.Position(rows.getLong(1), rows.getLong(2)));
                    rules.put(rows.getLong(1), java.util.Set.of(rows.getString(3).split(";")));
                }
            }
            List<FlaggedReading> readings = new ArrayList<>();
            for (LogIndex.Neighbourhood n : new LogIndex(c).neighbourhoods(deviceId, positions, from.toEpochMilli(), to.toEpochMilli())) {
                readings.add(new FlaggedReading(n.reading().sequence(), n.reading().energyRegisterWh(), rules.get(n.reading().sequence()),
                        n.previous().map(IndexedReading::sequence).orElse(null), n.previous().map(IndexedReading::energyRegisterWh).orElse(null),
                        n.next().map(IndexedReading::sequence).orElse(null), n.next().map(IndexedReading::energyRegisterWh).orElse(null)));
            }
            return readings;
        }
    }

    /**
     * A device's flagged readings in [from, to] as rows (seq, ts_ms, flags): the job's quality flags
     * and the readings the service voided (a key revoked after they were accepted, flag {@code
     * key_revoked}), one row per reading. Six parameters: {@link #setDeviceFlags}.
     */
    private static final String DEVICE_FLAGS = "(SELECT seq, min(ts_ms) AS ts_ms, string_agg(flags, ';') AS flags FROM ("
            + "SELECT seq, ts_ms, flags FROM quality_flags WHERE device_id = ? AND ts_ms >= ? AND ts_ms <= ?"
            + " UNION ALL SELECT seq, ts_ms, reason FROM voided_readings WHERE device_id = ? AND ts_ms >= ? AND ts_ms <= ?) u"
            + " GROUP BY seq)";

    /** Sets {@link #DEVICE_FLAGS}'s parameters from index 1; returns the next index. */
    private static int setDeviceFlags(PreparedStatement select, String deviceId, Instant from, Instant to) throws SQLException {
        for (int i = 0; i < 2; i++) {
            select.setString(3 * i + 1, deviceId);
            select.setLong(3 * i + 2, from.toEpochMilli());
            select.setLong(3 * i + 3, to.toEpochMilli());
        }
        return 7;
    }

    /** Per quality rule, how many of the device's readings in [from, to] tripped it. */
    public java.util.Map<String, Integer> qualityFlagCounts(String deviceId, Instant from, Instant to) throws SQLException {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT flags FROM " + DEVICE_FLAGS + " q")) {
            setDeviceFlags(select, deviceId, from, to);
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
