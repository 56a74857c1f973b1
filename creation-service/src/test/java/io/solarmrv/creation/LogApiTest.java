package io.solarmrv.creation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.solarmrv.attestation.MerkleHash;
import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.attestation.log.TiledLog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The log served read-only as C2SP tlog-tiles under /log: the tiles the job wrote, byte for byte;
 * the newest anchored checkpoint; entry bundles to cross-project roles only; nothing outside the
 * tile names.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogApiTest implements TestPropertyProvider {
    private static EmbeddedPostgres postgres;
    private static Path tiles;
    private final List<byte[]> leaves = new ArrayList<>();

    @Inject
    @Client("/")
    HttpClient client;

    private String admin;
    private final Map<String, String> tokens = new HashMap<>();

    @Override
    public Map<String, String> getProperties() {
        postgres = ServiceFixture.startPostgres();
        try {
            tiles = Files.createTempDirectory("served-tiles");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> properties = new HashMap<>(ServiceFixture.properties(postgres));
        properties.put("mrv.log.tiles-dir", tiles.toString());
        return properties;
    }

    @BeforeAll
    void aLogOf300() throws Exception {
        try (TiledLog log = TiledLog.open(tiles)) {
            for (int i = 0; i < 300; i++) {
                byte[] entry = ByteBuffer.allocate(8).putLong(i).array();
                log.append(entry);
                leaves.add(MerkleHash.leafHash(entry));
            }
            log.commit();
        }
        admin = ServiceFixture.signInAsAdmin(client);
        for (String role : List.of("VERIFIER", "AUDITOR")) {
            tokens.put(role, (String) client.toBlocking().retrieve(HttpRequest.POST("/tokens", Map.of("name", "log-" + role.toLowerCase(),
                    "role", role)).bearerAuth(admin), Map.class).get("token"));
        }
    }

    @AfterAll
    void stop() throws IOException {
        postgres.close();
    }

    private HttpStatus status(String path, String token) {
        try {
            return client.toBlocking().exchange(HttpRequest.GET(path).bearerAuth(token), byte[].class).getStatus();
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private byte[] get(String path, String token) {
        HttpResponse<byte[]> response = client.toBlocking().exchange(HttpRequest.GET(path).bearerAuth(token), byte[].class);
        assertTrue(response.header("Cache-Control").contains("immutable"), path + ": tiles are cached for good");
        return response.body();
    }

    @Test
    void hashTilesAreServedAsWrittenToEveryoneSignedIn() throws Exception {
        assertArrayEquals(Files.readAllBytes(tiles.resolve("tile/0/000")), get("/log/tile/0/000", tokens.get("VERIFIER")));
        byte[] level1 = get("/log/tile/1/000.p/1", tokens.get("VERIFIER"));
        assertArrayEquals(MerkleTree.root(leaves.subList(0, 256)), level1, "a client can check the first 256 leaves' root");
        assertEquals(44 * 32, get("/log/tile/0/001.p/44", tokens.get("AUDITOR")).length);
    }

    @Test
    void entryBundlesHoldEveryProjectsReadingsSoOnlyCrossProjectRolesReadThem() throws Exception {
        assertArrayEquals(Files.readAllBytes(tiles.resolve("tile/entries/000")), get("/log/tile/entries/000", admin));
        assertArrayEquals(Files.readAllBytes(tiles.resolve("tile/entries/001.p/44")), get("/log/tile/entries/001.p/44",
                tokens.get("AUDITOR")));
        assertEquals(HttpStatus.FORBIDDEN, status("/log/tile/entries/000", tokens.get("VERIFIER")));
    }

    @Test
    void onlyTileNamesAreServed() {
        for (String path : List.of("/log/tile/0/00", "/log/tile/64/000", "/log/tile/0/000.p/256", "/log/tile/0/000.p/0",
                "/log/tile/0/002", "/log/tile/0/..%2F..%2Fcommitted", "/log/tile/0/x000/../000", "/log/tile/0/000.tmp")) {
            assertEquals(HttpStatus.NOT_FOUND, status(path, admin), path);
        }
    }

    @Test
    void theCheckpointIsTheNewestAnchoredOnesSignedNote() throws Exception {
        assertEquals(HttpStatus.NOT_FOUND, status("/log/checkpoint", admin), "none anchored yet");
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO log_checkpoints (tree_size, root, contract_address, tx_hash,"
                     + " block_number, signed_note, previous_size, proof) VALUES (?, ?, '0x0', '0x0', 1, ?, 0, ?)")) {
            for (int size : new int[] {256, 300}) {
                insert.setLong(1, size);
                insert.setBytes(2, MerkleTree.root(leaves.subList(0, size)));
                insert.setString(3, "example.org/log\n" + size + "\nroot\n\n— example.org/log sig" + size + "\n");
                insert.setBytes(4, new byte[0]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        String note = client.toBlocking().retrieve(HttpRequest.GET("/log/checkpoint").bearerAuth(tokens.get("VERIFIER")));
        assertTrue(note.startsWith("example.org/log\n300\n"), note);
    }
}
