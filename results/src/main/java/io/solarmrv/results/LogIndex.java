package io.solarmrv.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Finds accepted readings in the Merkle log by device and time or sequence number: the table
 * {@code log_index} (migration V1), one row per device and UTC hour of reading time holding
 * that hour's readings as parallel arrays (leaf index, sequence, time, energy register) in log
 * order. The readings' envelopes are not here but in the log's tiles, by leaf index.
 *
 * <p><b>Size.</b> Rows grow with device-hours (8,760 a device-year), not readings. A lookup by time
 * reads the rows of the hours it spans, walking hours in order and stopping at the first match; a
 * lookup by sequence probes an index on {@code (device_id, last_seq)}. Nothing reads a device's
 * whole history unless asked to (a key revoked long ago voids everything signed since).
 *
 * <p><b>Writes.</b> {@link #record} is idempotent: a reading already recorded at its leaf index is
 * recorded once, however often its batch is replayed (the stream job's commit after a restart).
 * Within a row, readings stay in leaf-index order whatever order batches arrive in.
 *
 * <p><b>Lookups</b> take a tree size and see only leaves below it (pass {@link #ALL} for every
 * leaf), so a bundle or proof resting on a checkpoint never names a reading that checkpoint does
 * not hold. Order among readings of a device is by time, then sequence.
 *
 * <p><b>Threading.</b> An instance uses the caller's connection and is no more thread-safe than it.
 */
public final class LogIndex {
    /** A tree size above every leaf: the lookup sees the whole index. */
    public static final long ALL = Long.MAX_VALUE;
    private static final long HOUR = 3_600_000L;

    private static final String UNNEST = " FROM log_index i CROSS JOIN LATERAL"
            + " unnest(i.leaf_index, i.seq, i.ts_ms, i.energy_register_wh) AS u(leaf, seq, ts, reg)";
    private static final String COLUMNS = "SELECT u.leaf, i.device_id, u.seq, u.ts, u.reg" + UNNEST;

    /**
     * Groups the batch into device-hours; a new row is inserted, an existing one merged (the union
     * of both by leaf index, in leaf order) unless it already holds every leaf of the batch's part
     * (a replay: nothing to do).
     */
    private static final String RECORD = "INSERT INTO log_index AS x (device_id, hour_start_ms, first_seq, last_seq,"
            + " leaf_index, seq, ts_ms, energy_register_wh)"
            + " SELECT b.device_id, b.hour, min(b.seq), max(b.seq), array_agg(b.leaf ORDER BY b.leaf),"
            + " array_agg(b.seq ORDER BY b.leaf), array_agg(b.ts ORDER BY b.leaf), array_agg(b.reg ORDER BY b.leaf)"
            + " FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])"
            + "   AS b(device_id, hour, leaf, seq, ts, reg)"
            + " GROUP BY b.device_id, b.hour"
            + " ON CONFLICT (device_id, hour_start_ms) DO UPDATE SET"
            + " (first_seq, last_seq, leaf_index, seq, ts_ms, energy_register_wh) = ("
            + "   SELECT min(m.seq), max(m.seq), array_agg(m.leaf ORDER BY m.leaf), array_agg(m.seq ORDER BY m.leaf),"
            + "   array_agg(m.ts ORDER BY m.leaf), array_agg(m.reg ORDER BY m.leaf)"
            + "   FROM (SELECT DISTINCT ON (u.leaf) u.leaf, u.seq, u.ts, u.reg FROM ("
            + "     SELECT * FROM unnest(x.leaf_index, x.seq, x.ts_ms, x.energy_register_wh)"
            + "     UNION ALL SELECT * FROM unnest(EXCLUDED.leaf_index, EXCLUDED.seq, EXCLUDED.ts_ms, EXCLUDED.energy_register_wh)"
            + "   ) AS u(leaf, seq, ts, reg) ORDER BY u.leaf) AS m)"
            + " WHERE NOT x.leaf_index @> EXCLUDED.leaf_index";

    private final Connection db;

    public LogIndex(Connection db) {
        this.db = db;
    }

    /** The start of the UTC hour holding {@code timestampMillis}: the row a reading of that time is in. */
    public static long hourOf(long timestampMillis) {
        if (timestampMillis < Long.MIN_VALUE + HOUR) {
            return Long.MIN_VALUE;   // "since ever": no reading is that early
        }
        return Math.floorDiv(timestampMillis, HOUR) * HOUR;
    }

    /** Records the readings (any order, any devices) in one statement; recording one again changes nothing. */
    public void record(Collection<IndexedReading> readings) throws SQLException {
        if (readings.isEmpty()) {
            return;
        }
        int n = readings.size();
        String[] device = new String[n];
        Long[] hour = new Long[n];
        Long[] leaf = new Long[n];
        Long[] seq = new Long[n];
        Long[] ts = new Long[n];
        Long[] register = new Long[n];
        int i = 0;
        for (IndexedReading r : readings) {
            device[i] = r.deviceId();
            hour[i] = r.hourStartMillis();
            leaf[i] = r.leafIndex();
            seq[i] = r.sequence();
            ts[i] = r.timestampMillis();
            register[i] = r.energyRegisterWh();
            i++;
        }
        try (PreparedStatement insert = db.prepareStatement(RECORD)) {
            insert.setArray(1, db.createArrayOf("text", device));
            insert.setArray(2, db.createArrayOf("bigint", hour));
            insert.setArray(3, db.createArrayOf("bigint", leaf));
            insert.setArray(4, db.createArrayOf("bigint", seq));
            insert.setArray(5, db.createArrayOf("bigint", ts));
            insert.setArray(6, db.createArrayOf("bigint", register));
            insert.executeUpdate();
        }
    }

    /**
     * One past the highest leaf index recorded: the size of the indexed log, as the job indexes
     * leaves densely from 0. Reads every row's last element (O(device-hours)): for tests and
     * benchmarks watching the job, not for serving.
     */
    public long end() throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "SELECT coalesce(max(leaf_index[cardinality(leaf_index)]) + 1, 0) FROM log_index");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The device's earliest reading (by time, then sequence) in [fromMillis, toMillis]. */
    public Optional<IndexedReading> first(String deviceId, long fromMillis, long toMillis, long treeSize) throws SQLException {
        return one(COLUMNS + inWindow() + " ORDER BY i.hour_start_ms, u.ts, u.seq LIMIT 1", deviceId, fromMillis, toMillis, treeSize);
    }

    /** The device's latest reading (by time, then sequence) in [fromMillis, toMillis]. */
    public Optional<IndexedReading> last(String deviceId, long fromMillis, long toMillis, long treeSize) throws SQLException {
        return one(COLUMNS + inWindow() + " ORDER BY i.hour_start_ms DESC, u.ts DESC, u.seq DESC LIMIT 1", deviceId, fromMillis,
                toMillis, treeSize);
    }

    /** The device's reading of this sequence number, if the log has it below {@code treeSize}. */
    public Optional<IndexedReading> withSequence(String deviceId, long sequence, long treeSize) throws SQLException {
        List<IndexedReading> found = inSequenceRun(deviceId, sequence, sequence, treeSize);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The device's readings with these sequence numbers that the log has below {@code treeSize}, by sequence. */
    public List<IndexedReading> withSequences(String deviceId, SortedSet<Long> sequences, long treeSize) throws SQLException {
        List<IndexedReading> found = new ArrayList<>();
        Long runStart = null;
        long runEnd = 0;
        for (long sequence : sequences) {
            if (runStart != null && sequence == runEnd + 1) {
                runEnd = sequence;
                continue;
            }
            if (runStart != null) {
                found.addAll(inSequenceRun(deviceId, runStart, runEnd, treeSize));
            }
            runStart = sequence;
            runEnd = sequence;
        }
        if (runStart != null) {
            found.addAll(inSequenceRun(deviceId, runStart, runEnd, treeSize));
        }
        return found;
    }

    /** How many of the device's readings lie in [fromMillis, toMillis]; whole hours are counted without reading their arrays. */
    public long count(String deviceId, long fromMillis, long toMillis) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT coalesce(sum(CASE"
                + " WHEN hour_start_ms >= ? AND hour_start_ms + " + (HOUR - 1) + " <= ? THEN cardinality(ts_ms)"
                + " ELSE (SELECT count(*) FROM unnest(ts_ms) AS t WHERE t >= ? AND t <= ?) END), 0)"
                + " FROM log_index WHERE device_id = ? AND hour_start_ms >= ? AND hour_start_ms <= ?")) {
            select.setLong(1, fromMillis);
            select.setLong(2, toMillis);
            select.setLong(3, fromMillis);
            select.setLong(4, toMillis);
            select.setString(5, deviceId);
            select.setLong(6, hourOf(fromMillis));
            select.setLong(7, toMillis);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * Hands each of the device's readings in [fromMillis, toMillis] below {@code treeSize} to
     * {@code each}, by time then sequence. Streamed (the rows are fetched in pages) when the
     * connection is in a transaction (auto-commit off); fetched at once otherwise.
     */
    public void forEach(String deviceId, long fromMillis, long toMillis, long treeSize, EachRow<IndexedReading> each) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(COLUMNS + inWindow() + " ORDER BY i.hour_start_ms, u.ts, u.seq")) {
            select.setFetchSize(10_000);
            bindWindow(select, deviceId, fromMillis, toMillis, treeSize);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    each.accept(reading(rows));
                }
            }
        }
    }

    /** A reading of a device named by sequence and time (a flag, a voided reading), to find in the index with its neighbours. */
    public record Position(long sequence, long timestampMillis) {
    }

    /**
     * A reading and the device's readings just before and after it in [from, to], by time then
     * sequence (each empty at the window's edge).
     */
    public record Neighbourhood(IndexedReading reading, Optional<IndexedReading> previous, Optional<IndexedReading> next) {
    }

    /**
     * For each position the index holds (found in the row of its time's hour), the reading and its
     * neighbours within [fromMillis, toMillis], in the order given; positions not in the log are left
     * out. One statement, three indexed probes per position.
     */
    public List<Neighbourhood> neighbourhoods(String deviceId, List<Position> positions, long fromMillis, long toMillis)
            throws SQLException {
        if (positions.isEmpty()) {
            return List.of();
        }
        Long[] seqs = positions.stream().map(Position::sequence).toArray(Long[]::new);
        Long[] hours = positions.stream().map(p -> hourOf(p.timestampMillis())).toArray(Long[]::new);
        String neighbour = "SELECT u.leaf, u.seq, u.ts, u.reg" + UNNEST
                + " WHERE i.device_id = ? AND i.hour_start_ms %s l.hour AND i.hour_start_ms %s ? AND u.ts %s ?"
                + " AND (u.ts, u.seq) %s (l.ts, l.seq) ORDER BY i.hour_start_ms %s, u.ts %s, u.seq %s LIMIT 1";
        String sql = "SELECT l.leaf, l.seq, l.ts, l.reg, p.leaf, p.seq, p.ts, p.reg, n.leaf, n.seq, n.ts, n.reg"
                + " FROM unnest(?::bigint[], ?::bigint[]) WITH ORDINALITY AS f(seq, hour, ord)"
                + " JOIN LATERAL (SELECT i.hour_start_ms AS hour, u.leaf, u.seq, u.ts, u.reg" + UNNEST
                + "   WHERE i.device_id = ? AND i.hour_start_ms = f.hour AND u.seq = f.seq LIMIT 1) AS l ON true"
                + " LEFT JOIN LATERAL (" + String.format(neighbour, "<=", ">=", ">=", "<", "DESC", "DESC", "DESC") + ") AS p ON true"
                + " LEFT JOIN LATERAL (" + String.format(neighbour, ">=", "<=", "<=", ">", "ASC", "ASC", "ASC") + ") AS n ON true"
                + " ORDER BY f.ord";
        try (PreparedStatement select = db.prepareStatement(sql)) {
            select.setArray(1, db.createArrayOf("bigint", seqs));
            select.setArray(2, db.createArrayOf("bigint", hours));
            select.setString(3, deviceId);
            select.setString(4, deviceId);
            select.setLong(5, hourOf(fromMillis));
            select.setLong(6, fromMillis);
            select.setString(7, deviceId);
            select.setLong(8, toMillis);
            select.setLong(9, toMillis);
            List<Neighbourhood> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new Neighbourhood(reading(rows, 1, deviceId).orElseThrow(), reading(rows, 5, deviceId),
                            reading(rows, 9, deviceId)));
                }
            }
            return found;
        }
    }

    private static Optional<IndexedReading> reading(ResultSet rows, int column, String deviceId) throws SQLException {
        long leaf = rows.getLong(column);
        if (rows.wasNull()) {
            return Optional.empty();
        }
        return Optional.of(new IndexedReading(leaf, deviceId, rows.getLong(column + 1), rows.getLong(column + 2),
                rows.getLong(column + 3)));
    }

    private List<IndexedReading> inSequenceRun(String deviceId, long firstSequence, long lastSequence, long treeSize)
            throws SQLException {
        try (PreparedStatement select = db.prepareStatement(COLUMNS + " WHERE i.device_id = ? AND i.last_seq >= ?"
                + " AND i.first_seq <= ? AND u.seq >= ? AND u.seq <= ? AND u.leaf < ? ORDER BY u.seq, u.leaf")) {
            select.setString(1, deviceId);
            select.setLong(2, firstSequence);
            select.setLong(3, lastSequence);
            select.setLong(4, firstSequence);
            select.setLong(5, lastSequence);
            select.setLong(6, treeSize);
            List<IndexedReading> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(reading(rows));
                }
            }
            return found;
        }
    }

    /** Six parameters ({@link #bindWindow}): the device, its hours and readings in a time window, below a tree size. */
    private static String inWindow() {
        return " WHERE i.device_id = ? AND i.hour_start_ms >= ? AND i.hour_start_ms <= ?"
                + " AND u.ts >= ? AND u.ts <= ? AND u.leaf < ?";
    }

    private static void bindWindow(PreparedStatement select, String deviceId, long fromMillis, long toMillis, long treeSize)
            throws SQLException {
        select.setString(1, deviceId);
        select.setLong(2, hourOf(fromMillis));
        select.setLong(3, toMillis);
        select.setLong(4, fromMillis);
        select.setLong(5, toMillis);
        select.setLong(6, treeSize);
    }

    private Optional<IndexedReading> one(String sql, String deviceId, long fromMillis, long toMillis, long treeSize)
            throws SQLException {
        try (PreparedStatement select = db.prepareStatement(sql)) {
            bindWindow(select, deviceId, fromMillis, toMillis, treeSize);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(reading(row)) : Optional.empty();
            }
        }
    }

    private static IndexedReading reading(ResultSet row) throws SQLException {
        return new IndexedReading(row.getLong(1), row.getString(2), row.getLong(3), row.getLong(4), row.getLong(5));
    }
}
