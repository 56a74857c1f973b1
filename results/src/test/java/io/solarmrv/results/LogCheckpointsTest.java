package io.solarmrv.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Anchored checkpoints on a real PostgreSQL: recorded once, read in tree-size order, the newest found. */
class LogCheckpointsTest {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        ResultsSchema.apply(postgres.getJdbcUrl("postgres", "postgres"));
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static LogCheckpoints.Entry checkpoint(long size, long previous, String tx) {
        return new LogCheckpoints.Entry(size, new byte[] {(byte) size}, "0xabc", tx, 100 + size, "note " + size, previous, new byte[32]);
    }

    @Test
    void recordedOnceReadInOrderAndTheNewestFound() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            LogCheckpoints checkpoints = new LogCheckpoints(c);
            assertTrue(checkpoints.latest().isEmpty());
            checkpoints.record(checkpoint(40, 7, "0x40"));
            checkpoints.record(checkpoint(7, 0, "0x07"));
            checkpoints.record(checkpoint(40, 7, "0xreplayed"));          // a replayed commit changes nothing
            checkpoints.record(checkpoint(90, 40, "0x90"));

            List<LogCheckpoints.Entry> upTo40 = new ArrayList<>();
            checkpoints.forEach(40, upTo40::add);
            assertEquals(List.of(7L, 40L), upTo40.stream().map(LogCheckpoints.Entry::treeSize).toList());
            assertEquals("0x40", upTo40.get(1).transactionHash());
            assertEquals(7, upTo40.get(1).previousSize());
            assertArrayEquals(new byte[] {40}, upTo40.get(1).root());

            List<LogCheckpoints.Entry> latestTwo = new ArrayList<>();
            checkpoints.forEachOfLatest(2, latestTwo::add);
            assertEquals(List.of(40L, 90L), latestTwo.stream().map(LogCheckpoints.Entry::treeSize).toList(), "the newest two, smallest first");

            LogCheckpoints.Entry latest = checkpoints.latest().orElseThrow();
            assertEquals(90, latest.treeSize());
            assertEquals("note 90", latest.signedNote());
            assertEquals(190, latest.blockNumber());
        }
    }
}
