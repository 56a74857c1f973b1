package io.solarmrv.creation;

import io.solarmrv.attestation.log.TiledLog;
import io.solarmrv.results.IndexedReading;
import io.solarmrv.results.LogIndex;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * A test's log, stored as the stream job stores it: each reading's envelope appended to the tiles
 * beside the results database ({@link ServiceFixture#tilesOf}) and committed, then the reading put in
 * the log's index at the leaf it got.
 */
final class TestLog {
    private TestLog() {
    }

    /** A reading to log: its figures as the index holds them and its signed envelope. */
    record Row(String device, long sequence, long timestampMillis, long registerWh, byte[] envelope) {
    }

    /** Appends the rows in order; returns the leaf index each got. */
    static synchronized List<Long> append(EmbeddedPostgres postgres, List<Row> rows) {
        List<Long> leaves = new ArrayList<>();
        List<IndexedReading> indexed = new ArrayList<>();
        try (TiledLog log = TiledLog.open(ServiceFixture.tilesOf(postgres))) {
            for (Row row : rows) {
                long leaf = log.append(row.envelope());
                leaves.add(leaf);
                indexed.add(new IndexedReading(leaf, row.device(), row.sequence(), row.timestampMillis(), row.registerWh()));
            }
            log.commit();
            try (Connection c = postgres.getPostgresDatabase().getConnection()) {
                new LogIndex(c).record(indexed);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot log the test's readings: " + e.getMessage(), e);
        }
        return leaves;
    }

    /** How many leaves the log holds. */
    static long size(EmbeddedPostgres postgres) {
        try (TiledLog log = TiledLog.open(ServiceFixture.tilesOf(postgres))) {
            return log.size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
