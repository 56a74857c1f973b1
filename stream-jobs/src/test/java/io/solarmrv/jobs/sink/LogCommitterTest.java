package io.solarmrv.jobs.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.MerkleHash;
import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.LogLeaf;
import io.solarmrv.results.ResultsSchema;
import io.solarmrv.ledger.ChainConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Committer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phase two's leaf writing into real tiles and a real PostgreSQL: a batch lands whole, a replayed
 * batch is a no-op, and a batch that disagrees with a leaf already stored, or does not continue the
 * tiles, is refused with nothing of it written. (No log checkpoints here, so no chain is needed.)
 */
class LogCommitterTest {
    private static EmbeddedPostgres postgres;
    private static String jdbcUrl;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        ResultsSchema.apply(jdbcUrl);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void aBatchLandsWholeAReplayIsANoOpAndADisagreeingLeafIsRefused(@TempDir Path tiles) throws Exception {
        // chain id 0 and a port nothing listens on: any attempt to anchor would fail the test
        try (LogCommitter committer = new LogCommitter(jdbcUrl, new ChainConfig("http://127.0.0.1:9", 0,
                "0x" + "11".repeat(32)), "0x" + "00".repeat(20), tiles)) {
            List<LogLeaf> first = List.of(leaf(0, "a", 0), leaf(1, "a", 1), leaf(2, "b", 0));
            committer.commit(List.of(request(first)));
            assertEquals(List.of("0 a#0", "1 a#1", "2 b#0"), rows());

            committer.commit(List.of(request(first)));   // a commit replayed after a restore
            assertEquals(List.of("0 a#0", "1 a#1", "2 b#0"), rows());

            List<LogLeaf> disagreeing = List.of(leaf(3, "c", 0), leaf(1, "z", 7));
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> committer.commit(List.of(request(disagreeing))));
            assertTrue(refused.getMessage().contains("different leaf at index 1"), refused.getMessage());
            assertEquals(List.of("0 a#0", "1 a#1", "2 b#0"), rows(), "nothing of the refused batch, leaf 3 included");

            committer.commit(List.of(request(List.of(leaf(3, "c", 0)))));
            assertEquals(List.of("0 a#0", "1 a#1", "2 b#0", "3 c#0"), rows());
        }
        assertTiles(tiles, leaf(0, "a", 0), leaf(1, "a", 1), leaf(2, "b", 0), leaf(3, "c", 0));
    }

    @Test
    void tilesThatDoNotReachTheBatchAreRefusedAndNothingIsIndexed(@TempDir Path tiles) throws Exception {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        try (Connection db = DriverManager.getConnection(url); Statement sql = db.createStatement()) {
            sql.execute("CREATE DATABASE lost_tiles");
        }
        String lostTiles = postgres.getJdbcUrl("postgres", "lost_tiles");
        ResultsSchema.apply(lostTiles);
        ChainConfig noChain = new ChainConfig("http://127.0.0.1:9", 0, "0x" + "11".repeat(32));
        try (LogCommitter committer = new LogCommitter(lostTiles, noChain, "0x" + "00".repeat(20), tiles)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> committer.commit(List.of(request(List.of(leaf(3, "b", 1))))));
            assertTrue(refused.getMessage().contains("tiles end at leaf 0 but the batch goes on at leaf 3"), refused.getMessage());
        }
        assertEquals(List.of(), rows(lostTiles));
        try (io.solarmrv.attestation.log.TiledLog log = io.solarmrv.attestation.log.TiledLog.openForReading(tiles)) {
            assertEquals(0, log.size(), "nothing appended");
        }
    }

    @Test
    void noTilesDirectoryIsRefusedAtOnce() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new LogCommitter(jdbcUrl,
                new ChainConfig("http://127.0.0.1:9", 0, "0x" + "11".repeat(32)), "0x" + "00".repeat(20), null));
        assertTrue(refused.getMessage().contains("--log-tiles"), refused.getMessage());
    }

    /** The tiles hold exactly these leaves' envelopes, committed, with the tree they make. */
    private static void assertTiles(Path tiles, LogLeaf... leaves) throws Exception {
        try (io.solarmrv.attestation.log.TiledLog log = io.solarmrv.attestation.log.TiledLog.openForReading(tiles)) {
            assertEquals(leaves.length, log.size());
            for (LogLeaf leaf : leaves) {
                assertArrayEquals(leaf.reading().envelope(), log.entry(leaf.index()));
            }
            assertArrayEquals(io.solarmrv.attestation.MerkleTree.root(java.util.Arrays.stream(leaves).map(LogLeaf::leafHash).toList()),
                    log.root(leaves.length));
        }
    }

    @Test
    void aDatabaseRestartedMidCommitIsReconnectedToAndEveryLeafLandsOnce(@TempDir Path dir) throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = dir.resolve("pgdata");
        EmbeddedPostgres first = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
        String url = first.getJdbcUrl("postgres", "postgres");
        ResultsSchema.apply(url);
        try (LogCommitter committer = new LogCommitter(url, new ChainConfig("http://127.0.0.1:9", 0, "0x" + "11".repeat(32)),
                "0x" + "00".repeat(20), dir.resolve("tiles"))) {
            committer.commit(List.of(request(List.of(leaf(0, "a", 0), leaf(1, "a", 1)))));
            first.close();   // the database goes away between two commits (a restart, a failover)

            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
                try {
                    committer.commit(List.of(request(List.of(leaf(1, "a", 1), leaf(2, "b", 0), leaf(3, "b", 1)))));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(2_000);
            assertTrue(!second.isDone(), "the commit waits for the database instead of failing the job at once");
            try (EmbeddedPostgres again = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                    .setPort(port).start()) {
                second.get(60, TimeUnit.SECONDS);
                assertEquals(List.of("0 a#0", "1 a#1", "2 b#0", "3 b#1"), rows(url), "every leaf once, none lost");
            }
        }
    }

    private static byte[] envelope(String device, long seq) {
        return ("envelope of " + device + " #" + seq).getBytes(StandardCharsets.UTF_8);
    }

    private static LogLeaf leaf(long index, String device, long seq) {
        byte[] envelope = envelope(device, seq);
        return new LogLeaf(index, MerkleHash.leafHash(envelope), new AcceptedReading(device, seq, 1_000 * seq, 10 * seq, 5,
                new byte[32], new byte[32], envelope));
    }

    private static List<String> rows() throws Exception {
        return rows(jdbcUrl);
    }

    private static List<String> rows(String url) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url); Statement sql = db.createStatement();
             ResultSet r = sql.executeQuery("SELECT u.leaf, i.device_id, u.seq FROM log_index i,"
                     + " unnest(i.leaf_index, i.seq) AS u(leaf, seq) ORDER BY u.leaf")) {
            while (r.next()) {
                rows.add(r.getLong(1) + " " + r.getString(2) + "#" + r.getLong(3));
            }
        }
        return rows;
    }

    private static Committer.CommitRequest<LogCommittable> request(List<LogLeaf> leaves) {
        LogCommittable committable = new LogCommittable(leaves, List.of());
        return new Committer.CommitRequest<>() {
            @Override
            public LogCommittable getCommittable() {
                return committable;
            }

            @Override
            public int getNumberOfRetries() {
                return 0;
            }

            @Override
            public void signalFailedWithKnownReason(Throwable t) {
                throw new AssertionError(t);
            }

            @Override
            public void signalFailedWithUnknownReason(Throwable t) {
                throw new AssertionError(t);
            }

            @Override
            public void retryLater() {
                throw new AssertionError("retryLater");
            }

            @Override
            public void updateAndRetryLater(LogCommittable updated) {
                throw new AssertionError("updateAndRetryLater");
            }

            @Override
            public void signalAlreadyCommitted() {
                throw new AssertionError("signalAlreadyCommitted");
            }
        };
    }
}
