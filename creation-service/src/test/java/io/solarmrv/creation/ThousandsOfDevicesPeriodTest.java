package io.solarmrv.creation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.solarmrv.attestation.Sha256;
import io.solarmrv.creation.period.MonitoringPeriod;
import io.solarmrv.creation.period.PeriodState;
import io.solarmrv.ledger.PeriodClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A period of more devices than one transaction claims, through the service on a real anvil and
 * PostgreSQL: 1,100 meters go to the chain in three groups, from a participant account funded with
 * far less than they cost (the registrar tops it up as it goes); the verifier's rejection frees
 * every group; the corrected report over the same interval is submitted again.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThousandsOfDevicesPeriodTest implements TestPropertyProvider {
    private static final int DEVICES = 1_100;
    private static final int READINGS_PER_DEVICE = 4;   // T0 - 15 min, then every 8 hours
    private static final long STEP_MS = 8 * 3_600_000L;
    private static final long STEP_WH = 1_000_000;
    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");

    private static EmbeddedPostgres postgres;
    private static ChainFixture chain;

    @Inject
    @Client("/")
    HttpClient client;

    private String creator;
    private String verifier;
    private final List<String> ids = IntStream.range(0, DEVICES).mapToObj(ThousandsOfDevicesPeriodTest::device).toList();

    private static String device(int i) {
        return String.format("roof-%04d", i);
    }

    @Override
    public Map<String, String> getProperties() {
        postgres = ServiceFixture.startPostgres();
        List<ChainFixture.LogRow> rows = new ArrayList<>();
        for (int k = 0; k < READINGS_PER_DEVICE; k++) {
            Instant at = T0.plusMillis(k == 0 ? -900_000 : STEP_MS * k - 900_000);
            for (int d = 0; d < DEVICES; d++) {
                rows.add(new ChainFixture.LogRow(device(d), k, at, STEP_WH * k, SignedEnvelopes.of(device(d), k, at.toEpochMilli(),
                        STEP_WH * k)));
            }
        }
        chain = ChainFixture.start(postgres, rows, rows.size());
        Map<String, String> properties = new HashMap<>(ServiceFixture.properties(postgres));
        properties.putAll(chain.properties());
        // A thousandth of an ether: one group of 500 new devices may cost forty times that.
        properties.put("mrv.chain.participant-funding-wei", "1000000000000000");
        return properties;
    }

    @BeforeAll
    void project() {
        String admin = ServiceFixture.signInAsAdmin(client);
        creator = (String) client.toBlocking().retrieve(HttpRequest.POST("/tokens", Map.of("name", "creator", "role", "CREATOR"))
                .bearerAuth(admin), Map.class).get("token");
        verifier = (String) client.toBlocking().retrieve(HttpRequest.POST("/tokens", Map.of("name", "tpe", "role", "VERIFIER"))
                .bearerAuth(admin), Map.class).get("token");
        client.toBlocking().exchange(HttpRequest.POST("/sites", Map.of("id", "roofs", "name", "Rooftops", "latitude", 13.36,
                "longitude", 100.98)).bearerAuth(admin));
        client.toBlocking().exchange(HttpRequest.POST("/devices", ids.stream().map(id -> Map.of("id", id, "siteId", "roofs",
                "gatewayId", "gw-1", "kind", "inverter", "meterSerial", "SN-" + id, "nameplateW", 1_500_000, "accuracyClass", "0.5S"))
                .toList()).bearerAuth(admin));
        client.toBlocking().exchange(HttpRequest.POST("/devices/keys", ids.stream().map(SignedEnvelopes::registrationLine)
                .collect(Collectors.joining("\n"))).contentType(MediaType.TEXT_PLAIN).bearerAuth(admin));
        client.toBlocking().exchange(HttpRequest.POST("/projects", new Project("roofs", "A thousand rooftops", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.5"), ids, null, null, null)).bearerAuth(creator));
        ServiceFixture.addMember(client, admin, "roofs", "token:tpe");
        ServiceFixture.register(client, "roofs", creator, verifier, admin, "2026-06-01");
    }

    @AfterAll
    void stop() throws Exception {
        chain.close();
        postgres.close();
    }

    private MonitoringPeriod close() {
        return client.toBlocking().retrieve(HttpRequest.POST("/projects/roofs/periods", Map.of("from", T0.toString(),
                "to", T0.plusSeconds(86_400).toString())).bearerAuth(creator), MonitoringPeriod.class);
    }

    @Test
    void aPeriodOfElevenHundredMetersIsSubmittedRejectedFreedAndSubmittedAgainInGroups() throws Exception {
        MonitoringPeriod first = close();
        assertEquals(PeriodState.SUBMITTED, first.state());
        PeriodClient.PeriodRecord onChain = chain.readChain.period(first.chainPeriodId());
        assertEquals(PeriodClient.PeriodStatus.SUBMITTED, onChain.status());
        assertArrayEquals(PeriodClient.devicesHashOf(ids), onChain.devicesHash(), "every meter, in three groups");
        long end = T0.plusSeconds(86_400).getEpochSecond();
        assertEquals(end, chain.readChain.monitoredUntil(PeriodClient.idOf(device(DEVICES - 1))));

        String statement = "meter roof-0042 was not sealed";
        byte[] signature = chain.verifierKey.signDecision(first.chainPeriodId(), false,
                Sha256.hash(statement.getBytes(StandardCharsets.UTF_8)));
        MonitoringPeriod rejected = client.toBlocking().retrieve(HttpRequest.POST("/projects/roofs/periods/" + first.number()
                + "/decision", Map.of("approve", false, "statement", statement, "signature", HexFormat.of().formatHex(signature)))
                .bearerAuth(verifier), MonitoringPeriod.class);
        assertEquals(PeriodState.REJECTED, rejected.state());
        for (String id : List.of(device(0), device(499), device(500), device(DEVICES - 1))) {
            assertEquals(T0.getEpochSecond(), chain.readChain.monitoredUntil(PeriodClient.idOf(id)), id + " is freed");
        }

        // The creator corrects the report (meter roof-0042's second reading is voided) and closes the interval again.
        try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection();
             java.sql.PreparedStatement flag = c.prepareStatement("INSERT INTO quality_flags VALUES (?, 2, ?, 'stale')")) {
            flag.setString(1, device(42));
            flag.setLong(2, T0.plusMillis(2 * STEP_MS - 900_000).toEpochMilli());
            flag.executeUpdate();
        }
        MonitoringPeriod again = close();
        assertEquals(PeriodState.SUBMITTED, again.state());
        assertEquals(PeriodClient.PeriodStatus.SUBMITTED, chain.readChain.period(again.chainPeriodId()).status());
        assertEquals(end, chain.readChain.monitoredUntil(PeriodClient.idOf(device(0))));
    }
}
