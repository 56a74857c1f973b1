package io.solarmrv.creation;

import io.solarmrv.creation.MonitoringReport.AnchoredCheckpoint;
import io.solarmrv.creation.MonitoringReport.BoundaryReading;
import io.solarmrv.creation.MonitoringReport.IntervalEnergy;
import io.solarmrv.results.EnergyIntervals;
import io.solarmrv.results.IndexedReading;
import io.solarmrv.results.LogCheckpoints;
import io.solarmrv.results.LogIndex;
import io.solarmrv.results.QualityFlags;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
        // The flags of the hours the energy covers: hour starts in [from, to) are the readings in [ceil(from), ceil(to)).
        long firstHour = MonitoringReport.hourStartAtOrAfter(from);
        long endHour = MonitoringReport.hourStartAtOrAfter(to);
        try (Connection c = dataSource.getConnection()) {
            // a reading carrying only tags (JcmSolarPv.TAG_RULES) is not a flagged reading
            return new EnergyIntervals(c).summedHours(deviceId, from.toEpochMilli(), to.toEpochMilli(), intervalSeconds * 1000,
                            firstHour, endHour, io.solarmrv.attestation.JcmSolarPv.TAG_RULES).stream()
                    .map(summed -> new IntervalEnergy(Instant.ofEpochMilli(summed.startMillis()), summed.readings(), summed.energyWh(),
                            summed.flaggedReadings()))
                    .toList();
        }
    }

    /** How many hours starting inside [from, to) hold at least one of the device's readings. */
    public long hoursWithReadings(String deviceId, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return new EnergyIntervals(c).hoursWithReadings(deviceId, from.toEpochMilli(), to.toEpochMilli());
        }
    }

    /**
     * A flagged reading in the period with its register and its neighbours' (the readings just
     * before and after it in the period, in time order; null at the period's edges).
     */
    public record FlaggedReading(long sequence, long registerWh, Set<String> rules,
                                 Long previousSequence, Long previousRegisterWh, Long nextSequence, Long nextRegisterWh) {
    }

    /**
     * The device's flagged readings in [from, to], time order, each with its neighbours. Reads only
     * the flags and two index lookups per flag, never the period's other readings.
     */
    public List<FlaggedReading> flaggedReadings(String deviceId, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<LogIndex.Position> positions = new ArrayList<>();
            Map<Long, Set<String>> rules = new HashMap<>();
            for (Flagged flagged : flagsOf(c, deviceId, from, to)) {
                positions.add(new LogIndex.Position(flagged.sequence(), flagged.timestampMillis()));
                rules.put(flagged.sequence(), flagged.rules());
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

    /** Per quality rule, how many of the device's readings in [from, to] tripped it. */
    public Map<String, Integer> qualityFlagCounts(String deviceId, Instant from, Instant to) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (Flagged flagged : flagsOf(c, deviceId, from, to)) {
                flagged.rules().forEach(rule -> counts.merge(rule, 1, Integer::sum));
            }
        }
        return counts;
    }

    /** A flagged reading's place and every rule it tripped. */
    private record Flagged(long sequence, long timestampMillis, Set<String> rules) {
    }

    /**
     * The device's flagged readings in [from, to], by time then sequence, one per reading with the
     * rules of both sources: the job's quality flags (results' {@link QualityFlags}) and the readings
     * this service voided ({@code voided_readings}: a key revoked after they were accepted, flag
     * {@code key_revoked}). Flags are few beside readings: a device's period of them is held here.
     */
    private static List<Flagged> flagsOf(Connection c, String deviceId, Instant from, Instant to) throws SQLException {
        Map<Long, Flagged> bySequence = new HashMap<>();
        new QualityFlags(c).forEach(deviceId, from.toEpochMilli(), to.toEpochMilli(),
                flag -> merge(bySequence, flag.sequence(), flag.timestampMillis(), flag.flags().split(";")));
        try (PreparedStatement select = c.prepareStatement(
                "SELECT seq, ts_ms, reason FROM voided_readings WHERE device_id = ? AND ts_ms >= ? AND ts_ms <= ?")) {
            select.setString(1, deviceId);
            select.setLong(2, from.toEpochMilli());
            select.setLong(3, to.toEpochMilli());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    merge(bySequence, rows.getLong(1), rows.getLong(2), rows.getString(3));
                }
            }
        }
        return bySequence.values().stream()
                .sorted(Comparator.comparingLong(Flagged::timestampMillis).thenComparingLong(Flagged::sequence)).toList();
    }

    private static void merge(Map<Long, Flagged> bySequence, long sequence, long timestampMillis, String... rules) {
        bySequence.merge(sequence, new Flagged(sequence, timestampMillis, Set.copyOf(Arrays.asList(rules))), (known, more) -> {
            Set<String> both = new TreeSet<>(known.rules());
            both.addAll(more.rules());
            return new Flagged(sequence, Math.min(known.timestampMillis(), more.timestampMillis()), Set.copyOf(both));
        });
    }

    public List<AnchoredCheckpoint> checkpoints() throws SQLException {
        List<AnchoredCheckpoint> checkpoints = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            new LogCheckpoints(c).forEach(LogIndex.ALL, anchored -> checkpoints.add(new AnchoredCheckpoint(anchored.treeSize(),
                    HexFormat.of().formatHex(anchored.root()), anchored.contractAddress(), anchored.transactionHash(),
                    anchored.blockNumber(), anchored.signedNote())));
        }
        return checkpoints;
    }
}
