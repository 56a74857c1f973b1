package io.solarmrv.creation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.solarmrv.attestation.ClockSync;
import io.solarmrv.attestation.DeviceRegistry;
import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.SignedReading;
import io.solarmrv.creation.registry.Calibration;
import io.solarmrv.creation.registry.Device;
import io.solarmrv.creation.registry.Registry;
import io.solarmrv.creation.registry.Site;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Onboarding sites, devices in bulk, their keys and calibrations, against a real PostgreSQL. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryApiTest implements TestPropertyProvider {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static EmbeddedPostgres postgres;

    @Inject
    @Client("/")
    HttpClient client;

    private String operator;

    @Override
    public Map<String, String> getProperties() {
        postgres = ServiceFixture.startPostgres();
        return ServiceFixture.properties(postgres);
    }

    @BeforeAll
    void operatorToken() {
        String admin = ServiceFixture.signInAsAdmin(client);
        operator = (String) client.toBlocking().retrieve(HttpRequest.POST("/tokens", Map.of("name", "site-operator",
                "role", "OPERATOR")).bearerAuth(admin), Map.class).get("token");
        client.toBlocking().exchange(post("/sites", new Site("tokyo-1", "Tokyo rooftop", 35.68, 139.77)));
    }

    @AfterAll
    void stop() throws IOException {
        postgres.close();
    }

    private MutableHttpRequest<?> post(String path, Object body) {
        return HttpRequest.POST(path, body).bearerAuth(operator);
    }

    private <T> T get(String path, Class<T> type) {
        return client.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(operator), type);
    }

    private Problem refused(MutableHttpRequest<?> request, HttpStatus expected) {
        return ServiceFixture.refused(client, request, expected);
    }

    @Test
    void thousandsOfDevicesFromCsvThenTheirKeysFromTheAgentsRegistrationStatements() {
        int n = 3_000;
        String csv = "id,site_id,gateway_id,kind,meter_serial,nameplate_w,accuracy_class\n" + IntStream.range(0, n)
                .mapToObj(i -> "bulk-" + i + ",tokyo-1,gw-" + (i / 50) + ",inverter,SN" + (100_000 + i) + ",5000,1")
                .collect(Collectors.joining("\n"));
        Map<?, ?> registered = client.toBlocking().retrieve(post("/devices", csv).contentType("text/csv"), Map.class);
        assertEquals(n, registered.get("devices"));

        GatewayKey gateway = GatewayKey.generate(RANDOM);
        String statement = IntStream.range(0, n).mapToObj(i -> DeviceRegistry.registrationLine("bulk-" + i, gateway))
                .collect(Collectors.joining("\n"));
        Map<?, ?> added = client.toBlocking().retrieve(post("/devices/keys", statement).contentType(MediaType.TEXT_PLAIN), Map.class);
        assertEquals(n, added.get("added"));
        Map<?, ?> again = client.toBlocking().retrieve(post("/devices/keys", statement).contentType(MediaType.TEXT_PLAIN), Map.class);
        assertEquals(0, again.get("added"), "the same statement twice binds nothing new");

        // The exported registry is what the stream job verifies signatures against.
        DeviceRegistry exported = DeviceRegistry.parse(get("/registry.txt", String.class));
        SignedReading signed = SignedReading.sign(reading("bulk-2999", "SN102999"), gateway);
        assertEquals(DeviceRegistry.Verdict.VALID, exported.verify(signed));
        assertEquals(DeviceRegistry.Verdict.WRONG_METER, exported.verify(SignedReading.sign(reading("bulk-2999", "SN100001"), gateway)),
                "bulk-2999's key signing bulk-1's meter: one meter, one device");
        assertEquals(DeviceRegistry.Verdict.UNKNOWN_KEY,
                exported.verify(SignedReading.sign(reading("bulk-1"),
                        GatewayKey.generate(RANDOM))));

        Registry.DeviceRecord record = get("/devices/bulk-7", Registry.DeviceRecord.class);
        assertEquals(new Device("bulk-7", "tokyo-1", "gw-0", "inverter", "SN100007", 5000L, "1", null), record.device());
        assertEquals(List.of(DeviceRegistry.registrationLine("bulk-7", gateway)), record.keys());
    }

    @Test
    void theQualityProfilesListEachProjectsRegisteredDevicesPerSite() {
        String admin = ServiceFixture.signInAsAdmin(client);
        client.toBlocking().exchange(post("/sites", new Site("osaka.2", "Osaka warehouse", 34.69, 135.5)));
        client.toBlocking().exchange(post("/devices", List.of(
                new Device("qp-1", "tokyo-1", "gw", "inverter", "Q1", 4000L, "1", null),
                new Device("qp-2", "osaka.2", "gw", "inverter", "Q2", 250000L, "1", null),
                new Device("qp:3", "tokyo-1", "gw", "meter", "Q3", 6000L, "0.5S", null))));
        client.toBlocking().exchange(HttpRequest.POST("/projects", new Project("qp.multi", "Two sites", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.5"), List.of("qp-1", "qp-2", "unregistered-9"), null, null, null)).bearerAuth(admin));
        client.toBlocking().exchange(HttpRequest.POST("/projects", new Project("qp.one", "One site", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.5"), List.of("qp:3", "qp-1"), null, null, null)).bearerAuth(admin));

        String profiles = get("/quality.properties", String.class);
        java.util.List<String> lines = profiles.lines().filter(l -> l.startsWith("project.qp.") || l.contains("qp-1 is also"))
                .toList();
        assertEquals(List.of(
                "project.qp.multi@osaka.2.devices = qp-2:250000",
                "project.qp.multi@osaka.2.latitude = 34.69",
                "project.qp.multi@osaka.2.longitude = 135.5",
                "project.qp.multi@tokyo-1.devices = qp-1:4000",
                "project.qp.multi@tokyo-1.latitude = 35.68",
                "project.qp.multi@tokyo-1.longitude = 139.77",
                "project.qp.one.devices = qp:3:6000",
                "project.qp.one.latitude = 35.68",
                "project.qp.one.longitude = 139.77",
                "# qp-1 is also in project qp.one: checked with qp.multi's settings"), lines,
                "a block per project and site; the unregistered device is left out (it has no nameplate); a device once");
    }

    @Test
    void aBulkRequestIsAllOrNothingAndSaysWhichLineIsWrong() {
        Problem badLine = refused(post("/devices", "id,site_id,gateway_id,kind,meter_serial,nameplate_w,accuracy_class\n"
                + "ok-1,tokyo-1,gw,meter,S1,3000,0.5S\n"
                + "ok-2,tokyo-1,gw,meter,S2,lots,0.5S\n").contentType("text/csv"), HttpStatus.BAD_REQUEST);
        assertEquals("line 3: 'nameplate_w' must be whole watts, was 'lots'", badLine.detail());
        Problem noColumn = refused(post("/devices", "id,site_id\nx,tokyo-1\n").contentType("text/csv"), HttpStatus.BAD_REQUEST);
        assertEquals("line 1: the header has no column 'gateway_id'", noColumn.detail());
        Problem unknownSite = refused(post("/devices", List.of(
                new Device("ok-3", "tokyo-1", "gw", "meter", "S3", 3000L, "1", null),
                new Device("ok-4", "osaka-9", "gw", "meter", "S4", 3000L, "1", null))), HttpStatus.BAD_REQUEST);
        assertTrue(unknownSite.detail().startsWith("unknown site(s): osaka-9"), unknownSite.detail());
        Problem badKind = refused(post("/devices", List.of(new Device("ok-5", "tokyo-1", "gw", "toaster", "S5", 1L, "1", null))),
                HttpStatus.BAD_REQUEST);
        assertTrue(badKind.detail().startsWith("'kind' must be one of inverter, meter, site-meter, battery, chiller"), badKind.detail());
        Problem noKind = refused(post("/devices", List.of(Map.of("id", "ok-6", "siteId", "tokyo-1", "gatewayId", "gw",
                "meterSerial", "S6", "nameplateW", 1, "accuracyClass", "1"))), HttpStatus.BAD_REQUEST);
        assertTrue(noKind.detail().endsWith("was 'null'"), "a 500 before (RegistryBodiesFuzzTest's finding): " + noKind.detail());
        assertEquals(HttpStatus.NOT_FOUND, statusOf(HttpRequest.GET("/devices/ok-1").bearerAuth(operator)),
                "nothing of a refused request is stored");

        client.toBlocking().exchange(post("/devices", List.of(new Device("dup-1", "tokyo-1", "gw", "meter", "S6", 3000L, "1", null))));
        Problem taken = refused(post("/devices", List.of(new Device("dup-2", "tokyo-1", "gw", "meter", "S7", 3000L, "1", null),
                new Device("dup-1", "tokyo-1", "gw", "meter", "S6", 3000L, "1", null))), HttpStatus.CONFLICT);
        assertEquals("already registered, nothing stored: dup-1", taken.detail());
        assertEquals(HttpStatus.NOT_FOUND, statusOf(HttpRequest.GET("/devices/dup-2").bearerAuth(operator)));

        // One physical meter is one device: its serial cannot be registered again under another id.
        Problem sameMeter = refused(post("/devices", List.of(new Device("dup-3", "tokyo-1", "gw", "meter", "S6", 3000L, "1", null))),
                HttpStatus.CONFLICT);
        assertEquals("already registered, nothing stored: meter serial S6 (device dup-1)", sameMeter.detail());
        Problem twiceInOne = refused(post("/devices", List.of(new Device("dup-4", "tokyo-1", "gw", "meter", "S8", 3000L, "1", null),
                new Device("dup-5", "tokyo-1", "gw", "meter", "S8", 3000L, "1", null))), HttpStatus.BAD_REQUEST);
        assertEquals("meter serial S8 is given to devices dup-4 and dup-5: one meter is one device", twiceInOne.detail());
        client.toBlocking().exchange(post("/devices", List.of(new Device("dup-6", "tokyo-1", "gw", "meter", "S9", 3000L, "1", null))));
        Problem swappedIn = refused(post("/devices/dup-6/meter-replacements", Map.of("finalSequence", 5, "oldSerial", "S9",
                "newSerial", "S6")), HttpStatus.CONFLICT);
        assertEquals("meter serial S6 is registered to device dup-1: one meter is one device, so it cannot also be dup-6's",
                swappedIn.detail());

        Problem unregistered = refused(post("/devices/keys", DeviceRegistry.registrationLine("ghost-1", GatewayKey.generate(RANDOM)))
                .contentType(MediaType.TEXT_PLAIN), HttpStatus.BAD_REQUEST);
        assertTrue(unregistered.detail().startsWith("unregistered device(s): ghost-1"), unregistered.detail());
        Problem badKey = refused(post("/devices/keys", "dup-1 ed25519:abcd").contentType(MediaType.TEXT_PLAIN), HttpStatus.BAD_REQUEST);
        assertTrue(badKey.detail().startsWith("registry line 1"), badKey.detail());
        Problem noPoint = refused(post("/devices/keys", "dup-1 ed25519:" + "00".repeat(32)).contentType(MediaType.TEXT_PLAIN),
                HttpStatus.BAD_REQUEST);
        assertEquals("registry line 1: not an Ed25519 public key: the 32 bytes encode no point of the curve", noPoint.detail());
    }

    @Test
    void calibrationCertificatesAreRecordedWithTheirDates() {
        client.toBlocking().exchange(post("/devices", List.of(new Device("meter-c", "tokyo-1", "gw", "meter", "JP-889", 10_000L, "0.5S", null))));
        Calibration certificate = new Calibration("JEMIC-2026-0042", "JEMIC", LocalDate.parse("2026-01-15"),
                LocalDate.parse("2036-01-15"), "9f".repeat(32));
        client.toBlocking().exchange(post("/devices/meter-c/calibrations", certificate));
        assertEquals(List.of(certificate), get("/devices/meter-c", Registry.DeviceRecord.class).calibrations());
        assertTrue(certificate.covers(LocalDate.parse("2026-06-21")));
        assertTrue(!certificate.covers(LocalDate.parse("2025-12-31")));

        refused(post("/devices/meter-c/calibrations", certificate), HttpStatus.CONFLICT);
        refused(post("/devices/nope/calibrations", certificate), HttpStatus.NOT_FOUND);
        Problem backwards = refused(post("/devices/meter-c/calibrations", new Calibration("X", "JEMIC",
                LocalDate.parse("2026-01-15"), LocalDate.parse("2025-01-15"), null)), HttpStatus.BAD_REQUEST);
        assertTrue(backwards.detail().contains("validUntil after calibratedOn"), backwards.detail());
    }

    @Test
    void sitesAreCheckedAndEveryChangeIsAudited() {
        Problem badLatitude = refused(post("/sites", new Site("s-x", "x", 95.0, 0.0)), HttpStatus.BAD_REQUEST);
        assertEquals("'latitude' must be between -90 and 90, was 95.0", badLatitude.detail());
        refused(post("/sites", new Site("tokyo-1", "again", 0.0, 0.0)), HttpStatus.CONFLICT);
        assertEquals(new Site("tokyo-1", "Tokyo rooftop", 35.68, 139.77), get("/sites/tokyo-1", Site.class));
        Problem badZone = refused(post("/sites", new Site("s-z", "z", 35.0, 139.0, "Tokyo")), HttpStatus.BAD_REQUEST);
        assertEquals("'timeZone' must be an IANA time zone such as Asia/Tokyo, was 'Tokyo'", badZone.detail());
        client.toBlocking().exchange(post("/sites", new Site("naha-1", "Naha roof", 26.2, 127.7, "Asia/Tokyo")));
        assertEquals(new Site("naha-1", "Naha roof", 26.2, 127.7, "Asia/Tokyo"), get("/sites/naha-1", Site.class));

        String admin = ServiceFixture.signInAsAdmin(client);
        AuditEntry[] entries = client.toBlocking().retrieve(HttpRequest.GET("/audit").bearerAuth(admin), AuditEntry[].class);
        assertTrue(java.util.Arrays.stream(entries).anyMatch(e -> e.action().equals("site.create")
                && e.subject().equals("tokyo-1") && e.actor().equals("token:site-operator")));
    }

    @Test
    void aMeterSerialTakenByAConcurrentRegistrationIsAConflictNotAServerError() throws Exception {
        client.toBlocking().exchange(post("/sites", Map.of("id", "race-site", "name", "Race", "latitude", 35.0, "longitude", 139.0)));
        try (java.sql.Connection held = postgres.getPostgresDatabase().getConnection()) {
            held.setAutoCommit(false);
            try (java.sql.Statement insert = held.createStatement()) {   // another registration, not yet committed
                insert.executeUpdate("INSERT INTO devices (id, site_id, gateway_id, kind, meter_serial, nameplate_w, accuracy_class)"
                        + " VALUES ('race-a', 'race-site', 'gw-1', 'inverter', 'SN-RACE', 1000, '1')");
            }
            java.util.concurrent.CompletableFuture<Problem> second = java.util.concurrent.CompletableFuture.supplyAsync(() -> refused(
                    post("/devices", List.of(Map.of("id", "race-b", "siteId", "race-site", "gatewayId", "gw-1", "kind", "inverter",
                            "meterSerial", "SN-RACE", "nameplateW", 1000, "accuracyClass", "1"))), HttpStatus.CONFLICT));
            awaitInsertWaitingOnALock();   // the service checked the serial free, and its insert now waits on ours
            held.commit();
            Problem conflict = second.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(conflict.detail().contains("registered by another request at the same moment"), conflict.detail());
        }
        assertEquals(HttpStatus.NOT_FOUND, ServiceFixture.statusOf(client, HttpRequest.GET("/devices/race-b").bearerAuth(operator)));
    }

    private void awaitInsertWaitingOnALock() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection(); java.sql.Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (java.sql.ResultSet rows = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND query LIKE 'INSERT INTO devices%'")) {
                    rows.next();
                    if (rows.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the service's insert never waited on the held one");
    }

    @Test
    void aRevokedKeyCountsForNothingReceivedFromItsRevocationOnAndRevokingAgainOnlyWidens() {
        client.toBlocking().exchange(post("/sites", Map.of("id", "rev-site", "name", "Revoked", "latitude", 35.0, "longitude", 139.0)));
        client.toBlocking().exchange(post("/devices", List.of(Map.of("id", "rev-1", "siteId", "rev-site", "gatewayId", "gw-stolen",
                "kind", "inverter", "meterSerial", "SN-rev-1", "nameplateW", 1000, "accuracyClass", "1"))));
        GatewayKey stolen = GatewayKey.generate(RANDOM);
        client.toBlocking().exchange(post("/devices/keys", DeviceRegistry.registrationLine("rev-1", stolen)).contentType(MediaType.TEXT_PLAIN));
        String key = DeviceRegistry.registrationLine("rev-1", stolen).split(" ")[1];
        java.time.Instant theft = java.time.Instant.parse("2026-05-28T00:00:00Z");

        Map<?, ?> revoked = client.toBlocking().retrieve(post("/devices/rev-1/key-revocations", Map.of("key", key, "revokedAt",
                theft.toString(), "reason", "gateway stolen from the site")), Map.class);
        assertEquals(theft.toString(), revoked.get("revokedAt"));
        Map<?, ?> later = client.toBlocking().retrieve(post("/devices/rev-1/key-revocations", Map.of("key", key, "revokedAt",
                theft.plusSeconds(3600).toString(), "reason", "again")), Map.class);
        assertEquals(theft.toString(), later.get("revokedAt"), "a revocation only widens");

        DeviceRegistry exported = DeviceRegistry.parse(get("/registry.txt", String.class));
        SignedReading before = SignedReading.sign(reading("rev-1", "SN-rev-1"), stolen);   // stamped 2026-05-28T20:26:40Z
        assertEquals(DeviceRegistry.Verdict.KEY_REVOKED, exported.verify(before, theft.minusSeconds(1).toEpochMilli()),
                "stamped after the theft");
        assertTrue(get("/registry.txt", String.class).contains(key + " revoked-at=" + theft));

        Problem unknown = refused(post("/devices/rev-1/key-revocations", Map.of("key", "ed25519:" + "ab".repeat(32),
                "reason", "x")), HttpStatus.NOT_FOUND);
        assertTrue(unknown.detail().startsWith("device rev-1 has no key ed25519:abab"), unknown.detail());
        Problem noReason = refused(post("/devices/rev-1/key-revocations", Map.of("key", key)), HttpStatus.BAD_REQUEST);
        assertTrue(noReason.detail().contains("'reason' is required"), noReason.detail());
    }

    @Test
    void aRequestAboveTheBatchLimitIsRefusedWhole() {
        List<Device> tooMany = IntStream.range(0, Registry.MAX_BATCH + 1)
                .mapToObj(i -> new Device("big-" + i, "tokyo-1", "gw", "meter", "S", 1L, "1", null)).toList();
        Problem problem = refused(post("/devices", tooMany), HttpStatus.BAD_REQUEST);
        assertEquals("10001 devices in one request; at most 10000, split the file", problem.detail());
    }

    private static Reading reading(String deviceId) {
        return reading(deviceId, "SN");
    }

    private static Reading reading(String deviceId, String meterSerial) {
        return new Reading(deviceId, meterSerial, 0, 1_780_000_000_000L, 1_000, null, 500, ClockSync.NTP, 0, Reading.genesisHash(),
                new byte[Reading.SALT_LENGTH]);
    }

    private HttpStatus statusOf(MutableHttpRequest<?> request) {
        return ServiceFixture.statusOf(client, request);
    }
}
