package io.solarmrv.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The log's index on a real PostgreSQL: one row per device-hour, lookups by time and sequence. */
class LogIndexTest {
    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_780_000_000_000L / HOUR * HOUR;   // an hour's start
    private static EmbeddedPostgres postgres;
    private Connection db;
    private LogIndex index;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        ResultsSchema.apply(postgres.getJdbcUrl("postgres", "postgres"));
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        db = postgres.getPostgresDatabase().getConnection();
        try (Statement s = db.createStatement()) {
            s.execute("TRUNCATE log_index");
        }
        index = new LogIndex(db);
    }

    /** Device "a" read every 20 minutes from T0 (seq i, leaf 2i, register 100i); device "b" between them. */
    private List<IndexedReading> twoDevices(int readings) {
        List<IndexedReading> log = new ArrayList<>();
        for (int i = 0; i < readings; i++) {
            log.add(new IndexedReading(2L * i, "a", i, T0 + i * 1_200_000L, 100L * i));
            log.add(new IndexedReading(2L * i + 1, "b", i, T0 + i * 1_200_000L + 1, 7L * i));
        }
        return log;
    }

    private long rows() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM log_index")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void oneRowPerDeviceHourNotPerReading() throws SQLException {
        index.record(twoDevices(9));   // 3 hours of 3 readings each, two devices
        assertEquals(6, rows());
        assertEquals(9, index.count("a", T0, T0 + 3 * HOUR));
    }

    @Test
    void recordingABatchAgainChangesNothing() throws SQLException {
        List<IndexedReading> log = twoDevices(9);
        index.record(log);
        index.record(log);
        index.record(log.subList(3, 7));
        assertEquals(9, index.count("a", T0, T0 + 3 * HOUR));
        List<IndexedReading> all = new ArrayList<>();
        index.forEach("a", T0, T0 + 3 * HOUR, LogIndex.ALL, all::add);
        assertEquals(log.stream().filter(r -> r.deviceId().equals("a")).toList(), all);
    }

    @Test
    void batchesOfAnHourMergeInLeafOrderWhateverOrderTheyCome() throws SQLException {
        List<IndexedReading> log = twoDevices(3);
        index.record(log.subList(4, 6));
        index.record(log.subList(0, 5));   // overlaps the first batch
        List<IndexedReading> all = new ArrayList<>();
        index.forEach("b", T0, T0 + HOUR, LogIndex.ALL, all::add);
        assertEquals(List.of(log.get(1), log.get(3), log.get(5)), all);
    }

    @Test
    void firstAndLastWalkHoursAndRespectTheWindowAndTreeSize() throws SQLException {
        List<IndexedReading> log = twoDevices(9);
        index.record(log);
        assertEquals(Optional.of(log.get(2 * 4)), index.first("a", T0 + 61 * 60_000L, Long.MAX_VALUE, LogIndex.ALL));
        assertEquals(Optional.of(log.get(2 * 3)), index.last("a", Long.MIN_VALUE, T0 + 61 * 60_000L, LogIndex.ALL));
        assertEquals(Optional.of(log.get(2 * 5)), index.last("a", Long.MIN_VALUE, Long.MAX_VALUE, 11));
        assertEquals(Optional.empty(), index.first("a", T0 + 1, T0 + 1_199_999L, LogIndex.ALL));
        assertEquals(Optional.empty(), index.first("c", Long.MIN_VALUE, Long.MAX_VALUE, LogIndex.ALL));
    }

    @Test
    void sequencesAreFoundInRunsAndOnlyBelowTheTreeSize() throws SQLException {
        List<IndexedReading> log = twoDevices(9);
        index.record(log);
        List<IndexedReading> found = index.withSequences("a", new TreeSet<>(List.of(0L, 3L, 4L, 5L, 8L, 42L)), 16);
        assertEquals(List.of(log.get(0), log.get(6), log.get(8), log.get(10)), found);
        assertEquals(Optional.of(log.get(15)), index.withSequence("b", 7, LogIndex.ALL));
        assertTrue(index.withSequence("b", 7, 15).isEmpty());
    }

    @Test
    void aPartHourIsCountedByItsReadingsTimes() throws SQLException {
        index.record(twoDevices(9));
        assertEquals(2, index.count("a", T0 + 1, T0 + HOUR - 1));    // 20 and 40 min, not 0 or 60
        assertEquals(3, index.count("a", T0 + 1, T0 + HOUR));
        assertEquals(0, index.count("a", T0 + 3 * HOUR, Long.MAX_VALUE - HOUR));
    }

    @Test
    void neighboursAreTheAdjacentReadingsInsideTheWindowAcrossHours() throws SQLException {
        List<IndexedReading> log = twoDevices(9);
        index.record(log);
        List<LogIndex.Neighbourhood> found = index.neighbourhoods("a", List.of(
                new LogIndex.Position(3, T0 + 3 * 1_200_000L),      // first of its hour: previous in the hour before
                new LogIndex.Position(1, T0 + 1_200_000L),          // previous outside the window
                new LogIndex.Position(99, T0)),                      // not in the log: left out
                T0 + 1, T0 + 3 * HOUR);
        assertEquals(2, found.size());
        assertEquals(new LogIndex.Neighbourhood(log.get(6), Optional.of(log.get(4)), Optional.of(log.get(8))), found.get(0));
        assertEquals(new LogIndex.Neighbourhood(log.get(2), Optional.empty(), Optional.of(log.get(4))), found.get(1));
    }
}
