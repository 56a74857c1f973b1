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
    /** 1 July 2026, 00:00 in Japan (FY2026): the start of the minutes {@link #seedSigned} counts from. */
    static final java.time.Instant FY2026_JULY = java.time.Instant.parse("2026-06-30T15:00:00Z");

    private TestLog() {
    }

    /**
     * Signed readings (real envelopes: EN-R-002 reads site meters' export and batteries' charge
     * registers from them) of meter {@code SN-<device>} into the log: per row, minutes after
     * {@link #FY2026_JULY}, the energy register and, if given, the second register (Wh).
     */
    static void seedSigned(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres, String device, long[][] minutesRegisterExport) {
        io.solarmrv.attestation.GatewayKey key = io.solarmrv.attestation.GatewayKey.generate(new java.security.SecureRandom());
        List<Row> log = new java.util.ArrayList<>();
        byte[] previous = io.solarmrv.attestation.Reading.genesisHash();
        for (int i = 0; i < minutesRegisterExport.length; i++) {
            long[] row = minutesRegisterExport[i];
            io.solarmrv.attestation.Reading r = new io.solarmrv.attestation.Reading(device, "SN-" + device, i,
                    FY2026_JULY.plusSeconds(60 * row[0]).toEpochMilli(), row[1], row.length > 2 ? row[2] : null, 0,
                    io.solarmrv.attestation.ClockSync.NTP, 0, previous, new byte[io.solarmrv.attestation.Reading.SALT_LENGTH]);
            previous = io.solarmrv.attestation.Sha256.hash(io.solarmrv.attestation.ReadingCodec.encode(r));
            log.add(new Row(device, i, r.timestampMillis(), row[1], io.solarmrv.attestation.SignedReading.sign(r, key).toWire()));
        }
        append(postgres, log);
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
