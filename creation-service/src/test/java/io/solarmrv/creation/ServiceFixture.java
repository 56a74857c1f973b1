package io.solarmrv.creation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.HttpClient;
import io.solarmrv.attestation.methodology.EmissionFactor;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What every API test starts from: a real embedded PostgreSQL holding the stream job's result
 * tables (its contract with this service), the service's settings pointing at it, and the
 * bootstrap administrator.
 */
final class ServiceFixture {
    static final String ADMIN_PASSWORD = "correct horse battery staple";

    private ServiceFixture() {
    }

    /** Per results database, the directory of its log's tiles (what the job's --log-tiles names). */
    private static final Map<EmbeddedPostgres, Path> TILES = new java.util.concurrent.ConcurrentHashMap<>();

    static EmbeddedPostgres startPostgres() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            io.solarmrv.results.ResultsSchema.apply(postgres.getJdbcUrl("postgres", "postgres"));
            TILES.put(postgres, Files.createTempDirectory("mrv-test-log-tiles"));
            return postgres;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The directory of the log's tiles beside this results database ({@link TestLog} appends there). */
    static Path tilesOf(EmbeddedPostgres postgres) {
        return TILES.get(postgres);
    }

    static Map<String, String> properties(EmbeddedPostgres postgres) {
        return Map.of("datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"),
                "datasources.default.username", "postgres",
                "datasources.default.password", "postgres",
                "micronaut.server.port", "-1",
                "micronaut.security.token.jwt.signatures.secret.generator.secret", "test-secret-of-at-least-thirty-two-characters",
                "mrv.bootstrap-admin-password", ADMIN_PASSWORD,
                "mrv.log.tiles-dir", tilesOf(postgres).toString());
    }

    /** Signs in at POST /login and returns the JWT to send as a bearer token. */
    static String signIn(HttpClient client, String username, String password) {
        Map<?, ?> tokens = client.toBlocking().retrieve(
                HttpRequest.POST("/login", Map.of("username", username, "password", password)), Map.class);
        return (String) tokens.get("access_token");
    }

    /** The status a request is answered with, success or refusal. */
    static HttpStatus statusOf(HttpClient client, MutableHttpRequest<?> request) {
        try {
            return client.toBlocking().exchange(request).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    /** Sends a request that must be refused with {@code expected}; returns the problem details. */
    static Problem refused(HttpClient client, MutableHttpRequest<?> request, HttpStatus expected) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(request));
        assertEquals(expected, e.getStatus(), e.getResponse().getBody(String.class).orElse(""));
        return e.getResponse().getBody(Problem.class).orElseThrow();
    }

    static String signInAsAdmin(HttpClient client) {
        return signIn(client, "admin", ADMIN_PASSWORD);
    }

    /**
     * Onboards devices at a new site as the registry operator would, each {@code id=kind} (e.g.
     * {@code inv-1=inverter}, {@code grid=site-meter}): their kinds give them their roles in a report.
     */
    /** The rated capacity {@link #onboard} registers for a battery. */
    static final long BATTERY_CAPACITY_WH = 2_000;

    static void onboard(HttpClient client, String token, String siteId, String... idEqualsKind) {
        client.toBlocking().exchange(HttpRequest.POST("/sites", Map.of("id", siteId, "name", siteId, "latitude", 35.0,
                "longitude", 139.0)).bearerAuth(token));
        List<Map<String, Object>> devices = new java.util.ArrayList<>();
        for (String device : idEqualsKind) {
            String[] idAndKind = device.split("=", 2);
            Map<String, Object> fields = new java.util.HashMap<>(Map.of("id", idAndKind[0], "siteId", siteId, "gatewayId", "gw-1",
                    "kind", idAndKind[1], "meterSerial", "SN-" + idAndKind[0], "nameplateW", 1_500_000, "accuracyClass", "0.5S"));
            if (idAndKind[1].equals("battery")) {
                fields.put("capacityWh", BATTERY_CAPACITY_WH);
            }
            devices.add(fields);
        }
        client.toBlocking().exchange(HttpRequest.POST("/devices", devices).bearerAuth(token));
        for (String device : idEqualsKind) {
            calibrate(client, token, device.split("=", 2)[0]);
        }
    }

    /**
     * Records a calibration certificate valid 2020-2035 for the device, so its figures carry no
     * correction for uncalibrated days (tests of that correction leave it out).
     */
    static void calibrate(HttpClient client, String token, String deviceId) {
        client.toBlocking().exchange(HttpRequest.POST("/devices/" + deviceId + "/calibrations", Map.of("certificateId",
                "CAL-" + deviceId, "issuer", "test laboratory", "calibratedOn", "2020-01-01", "validUntil", "2035-01-01"))
                .bearerAuth(token));
    }

    /** The registry administrator makes {@code principal} (a username, or {@code token:<name>}) a member of the project. */
    static void addMember(HttpClient client, String admin, String projectId, String principal) {
        client.toBlocking().exchange(HttpRequest.PUT("/projects/" + projectId + "/members/" + principal, Map.of()).bearerAuth(admin));
    }

    /**
     * Takes a JCM project through its cycle: the creator records the idea note, methodology and
     * design document, the verifier the validation, the administrator the registration on {@code registeredOn}.
     */
    static void register(HttpClient client, String projectId, String creator, String verifier, String admin, String registeredOn) {
        String[][] stages = {{"PIN", creator}, {"METHODOLOGY", creator}, {"PDD", creator}, {"VALIDATION", verifier},
            {"REGISTRATION", admin}};
        for (String[] stage : stages) {
            client.toBlocking().exchange(HttpRequest.POST("/projects/" + projectId + "/cycle", Map.of("stage", stage[0],
                    "documentName", stage[0].toLowerCase() + ".pdf", "documentSha256", "ab".repeat(32), "effectiveOn", registeredOn))
                    .bearerAuth(stage[1]));
        }
    }

    /** A JCM project's one factor, effective from 2015 on, citing a test fixture as its source. */
    static List<EmissionFactor> jcmFactor(String tco2PerMwh) {
        return List.of(new EmissionFactor(new BigDecimal(tco2PerMwh), LocalDate.of(2015, 1, 1), null, "test fixture value"));
    }

    /** An EN-R-002 project's factors, one per fiscal year ("2026": April 2026 to March 2027), citing a test fixture. */
    static List<EmissionFactor> fiscalYearFactors(Map<String, BigDecimal> byYear) {
        return byYear.entrySet().stream().map(e -> {
            LocalDate april = LocalDate.of(Integer.parseInt(e.getKey()), 4, 1);
            return new EmissionFactor(e.getValue(), april, april.plusYears(1), "test fixture value of FY" + e.getKey());
        }).toList();
    }
}
