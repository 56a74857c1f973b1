package io.solarmrv.creation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.solarmrv.attestation.methodology.EmissionFactor;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The report API against a real (embedded) PostgreSQL holding the stream job's result tables. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportApiTest implements TestPropertyProvider {
    private static final Instant T0 = Instant.parse("2026-06-20T15:00:00Z");
    private static EmbeddedPostgres postgres;

    @Inject
    @Client("/")
    HttpClient client;

    private String admin;

    @Inject
    io.micronaut.serde.ObjectMapper json;

    @Override
    public Map<String, String> getProperties() {
        postgres = ServiceFixture.startPostgres();
        return ServiceFixture.properties(postgres);
    }

    @AfterAll
    void stop() throws IOException {
        postgres.close();
    }

    @BeforeAll
    void seedReadings() throws SQLException {
        admin = ServiceFixture.signInAsAdmin(client);
        ServiceFixture.onboard(client, admin, "tokyo-roof", "inv-a=inverter", "inv-silent=inverter", "inv-b=inverter", "inv-r=inverter",
                "inv-h=inverter");
        ServiceFixture.onboard(client, admin, "osaka-home", "pv-j=inverter", "site-j=site-meter", "site-late=site-meter",
                "site-silent=site-meter");
        List<TestLog.Row> log = new java.util.ArrayList<>();
        // inv-a: a reading before the period, two inside, one after.
        long[][] rows = {{-60, 1_000}, {0, 1_500}, {3600, 2_500_300}, {7300, 2_600_000}};
        for (int i = 0; i < rows.length; i++) {
            long ts = T0.plusSeconds(rows[i][0]).toEpochMilli();
            log.add(new TestLog.Row("inv-a", i, ts, rows[i][1], SignedEnvelopes.of("inv-a", i, ts, rows[i][1])));
        }
        // inv-b: 0, 1,000, 1,000 (flagged stale), 3,000 Wh; the second reading is flagged spike only.
        long[][] flagged = {{0, 0}, {600, 1_000}, {1200, 1_000}, {1800, 3_000}};
        for (int i = 0; i < flagged.length; i++) {
            long ts = T0.plusSeconds(flagged[i][0]).toEpochMilli();
            log.add(new TestLog.Row("inv-b", i, ts, flagged[i][1], SignedEnvelopes.of("inv-b", i, ts, flagged[i][1])));
        }
        TestLog.append(postgres, log);
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            try (PreparedStatement flag = c.prepareStatement("INSERT INTO quality_flags VALUES ('inv-b', ?, ?, ?)")) {
                flag.setLong(1, 1);
                flag.setLong(2, T0.plusSeconds(600).toEpochMilli());
                flag.setString(3, "spike");
                flag.addBatch();
                flag.setLong(1, 2);
                flag.setLong(2, T0.plusSeconds(1200).toEpochMilli());
                flag.setString(3, "interpolated;stale");
                flag.addBatch();
                flag.executeBatch();
            }
        }
    }

    private MutableHttpRequest<?> get(String path) {
        return HttpRequest.GET(path).bearerAuth(admin);
    }

    private MutableHttpRequest<?> post(String path, Object body) {
        return HttpRequest.POST(path, body).bearerAuth(admin);
    }

    @Test
    void energyTouchingAStaleReadingIsExcludedBeforeTheEmissionReductions() {
        client.toBlocking().exchange(post("/projects", new Project("p-flags", "Flagged PV", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.533"), List.of("inv-b"), null, null, null)));
        MonitoringReport report = client.toBlocking().retrieve(
                get("/projects/p-flags/report?from=" + T0 + "&to=" + T0.plusSeconds(3600)), MonitoringReport.class);
        assertEquals(3_000, report.totalEnergyWh(), "the register delta stays the period's energy");
        assertEquals(List.of(2L), report.devices().get(0).voidedSequences(), "spike informs, stale voids");
        assertEquals(2_000, report.excludedEnergyWh(), "the steps into (0 Wh) and out of (2,000 Wh) the stale reading");
        assertEquals(1_000, report.creditedEnergyWh());
        assertEquals(0, new BigDecimal("0.000533").compareTo(report.emissionReductionsTco2()), "1 kWh x 0.533 t/MWh");
        assertEquals(0, report.creditsTco2());
        assertEquals(ServiceFixture.jcmFactor("0.533").get(0), report.sourcedFactor(), "the report names the factor's dates and source");
        assertTrue(report.claim().text().contains("emission-factor-tco2-per-mwh 0.533\nemission-factor-effective 2015-01-01 open\n"
                + "emission-factor-source test fixture value\n"), report.claim().text());
    }

    @Test
    void aPeriodWithoutOneFactorEffectiveOnEveryDayIsRefusedNeverComputedWithAnother() {
        // Thailand's calendar: T0 and an hour after are on one Bangkok day; the factor starts the next day.
        java.time.LocalDate day = T0.atZone(java.time.ZoneId.of("Asia/Bangkok")).toLocalDate();
        client.toBlocking().exchange(post("/projects", new Project("p-late-factor", "Factor from tomorrow", "TH_AM001 Ver1.0",
                List.of(new EmissionFactor(new BigDecimal("0.533"), day.plusDays(1), null, "test fixture value")), List.of("inv-b"),
                null, null, null)));
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().retrieve(
                get("/projects/p-late-factor/report?from=" + T0 + "&to=" + T0.plusSeconds(3600)), MonitoringReport.class));
        assertEquals(HttpStatus.CONFLICT, refused.getStatus());
        assertTrue(refused.getResponse().getBody(String.class).orElse("").contains("project p-late-factor: no one emission factor is"
                + " effective from " + day + " to " + day), refused.getResponse().getBody(String.class).orElse(""));
        // The missing day's factor added later: the report is computed with it, and named in the claim.
        EmissionFactor sameDay = new EmissionFactor(new BigDecimal("0.6"), day, day.plusDays(1), "the day's factor (test)");
        EmissionFactor[] now = client.toBlocking().retrieve(post("/projects/p-late-factor/emission-factors", sameDay),
                EmissionFactor[].class);
        assertEquals(List.of(sameDay, new EmissionFactor(new BigDecimal("0.533"), day.plusDays(1), null, "test fixture value")),
                List.of(now), "the project's factors, in date order");
        MonitoringReport report = client.toBlocking().retrieve(
                get("/projects/p-late-factor/report?from=" + T0 + "&to=" + T0.plusSeconds(3600)), MonitoringReport.class);
        assertEquals(sameDay, report.sourcedFactor());
        assertEquals(0, new BigDecimal("0.6").compareTo(report.emissionFactorTco2PerMwh()));
        Problem twice = ServiceFixture.refused(client, post("/projects/p-late-factor/emission-factors", new EmissionFactor(
                new BigDecimal("0.5"), day.minusDays(3), null, "open-ended, so overlapping")), HttpStatus.CONFLICT);
        assertTrue(twice.detail().startsWith("two emission factors apply on " + day), twice.detail());
        assertEquals(HttpStatus.NOT_FOUND, ServiceFixture.statusOf(client, post("/projects/p-none/emission-factors", sameDay)));
        Problem overlapping = ServiceFixture.refused(client, post("/projects", new Project("p-two-factors", "Two at once",
                "TH_AM001 Ver1.0", List.of(new EmissionFactor(new BigDecimal("0.5"), day, null, "a"),
                new EmissionFactor(new BigDecimal("0.4"), day.plusDays(3), null, "b")), List.of("inv-b"), null, null, null)),
                HttpStatus.BAD_REQUEST);
        assertTrue(overlapping.detail().startsWith("'emissionFactors': two emission factors apply on " + day.plusDays(3)),
                overlapping.detail());
        Problem unsourced = ServiceFixture.refused(client, post("/projects", Map.of("id", "p-unsourced", "name", "No source",
                "methodology", "TH_AM001 Ver1.0", "emissionFactors", List.of(Map.of("tco2PerMwh", 0.5, "effectiveFrom", "2016-08-23")),
                "deviceIds", List.of("inv-b"))), HttpStatus.BAD_REQUEST);
        assertTrue(unsourced.detail().contains("'source' is required: the document the factor 0.5 is taken from"), unsourced.detail());
    }

    @Test
    void exclusionsReadOnlyTheFlaggedReadingsYetEqualTheRuleOverEveryReading() throws SQLException {
        // inv-r: 80 readings a minute apart from T0 - 10 min, registers rising by random steps (some zero), random flags.
        java.util.Random random = new java.util.Random(7);
        List<Long> registers = new java.util.ArrayList<>();
        List<String> flags = new java.util.ArrayList<>();
        String[] choices = {null, null, null, "stale", "spike", "out_of_range", "interpolated;stale", "clipping"};
        long register = 10_000;
        List<TestLog.Row> log = new java.util.ArrayList<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement flag = c.prepareStatement("INSERT INTO quality_flags VALUES ('inv-r', ?, ?, ?)")) {
            for (int i = 0; i < 80; i++) {
                register += random.nextInt(3) == 0 ? 0 : random.nextInt(500);
                long ts = T0.plusSeconds(60L * (i - 10)).toEpochMilli();
                log.add(new TestLog.Row("inv-r", i, ts, register, SignedEnvelopes.of("inv-r", i, ts, register)));
                String f = choices[random.nextInt(choices.length)];
                if (f != null) {
                    flag.setLong(1, i);
                    flag.setLong(2, ts);
                    flag.setString(3, f);
                    flag.addBatch();
                }
                if (i >= 10 && i < 70) {           // in the period [T0, T0 + 59 min]
                    registers.add(register);
                    flags.add(f);
                }
            }
            TestLog.append(postgres, log);
            flag.executeBatch();
        }
        long[] inPeriod = registers.stream().mapToLong(Long::longValue).toArray();
        boolean[] voids = new boolean[flags.size()];
        for (int i = 0; i < voids.length; i++) {
            voids[i] = flags.get(i) != null && io.solarmrv.attestation.JcmSolarPv.flagsVoidEnergy(List.of(flags.get(i).split(";")));
        }
        client.toBlocking().exchange(post("/projects", new Project("p-random", "Random flags", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.5"), List.of("inv-r"), null, null, null)));
        MonitoringReport report = client.toBlocking().retrieve(
                get("/projects/p-random/report?from=" + T0 + "&to=" + T0.plusSeconds(59 * 60)), MonitoringReport.class);
        assertEquals(io.solarmrv.attestation.JcmSolarPv.excludedEnergyWh(inPeriod, voids), report.excludedEnergyWh());
        assertTrue(report.excludedEnergyWh() > 0, "the seed gives voided readings with energy around them");
    }

    @Test
    void eachIntervalCountsTheFlaggedReadingsOfTheHoursItsEnergyCovers() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement hour = c.prepareStatement("INSERT INTO hourly_energy VALUES ('inv-h', ?, 6, 0, 0, 0, 0, ?)");
             PreparedStatement flag = c.prepareStatement("INSERT INTO quality_flags VALUES ('inv-h', ?, ?, 'spike')")) {
            for (int h = -1; h <= 2; h++) {
                hour.setLong(1, T0.plusSeconds(3600L * h).toEpochMilli());
                hour.setLong(2, 1_000L * (h + 2));
                hour.addBatch();
            }
            hour.executeBatch();
            // before 'from'; two in the first hour; one in the second; one in the hour starting at 'to' (outside).
            long[] minutes = {-30, 10, 20, 70, 125};
            for (int i = 0; i < minutes.length; i++) {
                flag.setLong(1, i);
                flag.setLong(2, T0.plusSeconds(60 * minutes[i]).toEpochMilli());
                flag.addBatch();
            }
            flag.executeBatch();
            // In the first hour too: a reading tagged clipping only (a tag, not a flagged reading), and one tagged after_gap
            // that is also a spike (a flagged reading).
            try (java.sql.Statement tags = c.createStatement()) {
                tags.executeUpdate("INSERT INTO quality_flags VALUES ('inv-h', 5, " + T0.plusSeconds(1800).toEpochMilli() + ", 'clipping'),"
                        + " ('inv-h', 6, " + T0.plusSeconds(2400).toEpochMilli() + ", 'after_gap;spike')");
            }
        }
        client.toBlocking().exchange(post("/projects", new Project("p-hours", "Hours", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.5"), List.of("inv-h"), null, null, null)));
        MonitoringReport report = client.toBlocking().retrieve(
                get("/projects/p-hours/report?from=" + T0 + "&to=" + T0.plusSeconds(7200)), MonitoringReport.class);
        assertEquals(List.of(new MonitoringReport.IntervalEnergy(T0, 6, 2_000, 3),
                new MonitoringReport.IntervalEnergy(T0.plusSeconds(3600), 6, 3_000, 1)), report.devices().get(0).intervals(),
                "the clipping-only reading is no flagged reading");
        assertEquals(Map.of("spike", 4), report.devices().get(0).qualityFlags(), "faults");
        assertEquals(Map.of("after_gap", 1, "clipping", 1), report.devices().get(0).qualityTags(), "tags, apart");

        String storedBeforeFlagsWereCounted = "{\"start\":\"2026-06-20T15:00:00Z\",\"readings\":6,\"energyWh\":2000}";
        assertEquals(new MonitoringReport.IntervalEnergy(T0, 6, 2_000, 0),
                json.readValue(storedBeforeFlagsWereCounted, MonitoringReport.IntervalEnergy.class), "older report versions still read");
    }

    @Test
    void aProjectRecordCountsItsDevicesAndTheIdsArePaged() {
        List<String> ids = java.util.stream.IntStream.range(0, 250).mapToObj(i -> String.format("pv-%03d", i)).toList();
        List<String> shuffled = new java.util.ArrayList<>(ids);
        java.util.Collections.shuffle(shuffled, new java.util.Random(3));
        client.toBlocking().exchange(post("/projects", new Project("p-many", "Many", "TH_AM001 Ver1.0", ServiceFixture.jcmFactor("0.5"), shuffled,
                null, null, null)));
        ProjectSummary summary = client.toBlocking().retrieve(get("/projects/p-many"), ProjectSummary.class);
        assertEquals(new ProjectSummary("p-many", "Many", "TH_AM001 Ver1.0", ServiceFixture.jcmFactor("0.5"), 250, null, "JCM", "TH", null), summary,
                "the scheme and the host country follow the methodology");

        List<String> paged = new java.util.ArrayList<>();
        List<Integer> sizes = new java.util.ArrayList<>();
        String after = null;
        do {
            DevicePage page = client.toBlocking().retrieve(get("/projects/p-many/devices?limit=100"
                    + (after == null ? "" : "&after=" + after)), DevicePage.class);
            paged.addAll(page.deviceIds());
            sizes.add(page.deviceIds().size());
            after = page.next();
        } while (after != null);
        assertEquals(ids, paged, "every id once, in id order");
        assertEquals(List.of(100, 100, 50), sizes);
        assertEquals(100, client.toBlocking().retrieve(get("/projects/p-many/devices"), DevicePage.class).deviceIds().size(), "default 100");
        for (String bad : List.of("limit=0", "limit=1001")) {
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().retrieve(get("/projects/p-many/devices?" + bad)));
            assertEquals(HttpStatus.BAD_REQUEST, refused.getStatus());
        }
        HttpClientResponseException twice = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                post("/projects", new Project("p-twice", "Twice", "TH_AM001 Ver1.0", ServiceFixture.jcmFactor("0.5"), List.of("a", "b", "a"), null, null, null))));
        assertEquals(HttpStatus.BAD_REQUEST, twice.getStatus());
        assertTrue(twice.getResponse().getBody(String.class).orElse("").contains("'a' is listed twice"));
        HttpClientResponseException none = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().retrieve(get("/projects/nope/devices")));
        assertEquals(HttpStatus.NOT_FOUND, none.getStatus());
    }

    /**
     * Log leaves of one device with real envelopes ({@link SignedEnvelopes}' key) from {@code firstLeaf}:
     * per row, seconds after T0 and the register (Wh); {@code meterOf} gives the serial reading i carries.
     */
    private static void seedEnvelopes(String device, long[][] secondsRegister,
                                      java.util.function.IntFunction<String> meterOf) {
        List<TestLog.Row> log = new java.util.ArrayList<>();
        for (int i = 0; i < secondsRegister.length; i++) {
            long ts = T0.plusSeconds(secondsRegister[i][0]).toEpochMilli();
            log.add(new TestLog.Row(device, i, ts, secondsRegister[i][1], SignedEnvelopes.of(device, meterOf.apply(i), i, ts,
                    secondsRegister[i][1])));
        }
        TestLog.append(postgres, log);
    }

    private static void seedSigned(String device, long[][] minutesRegisterExport) {
        TestLog.seedSigned(postgres, device, minutesRegisterExport);
    }

    @Test
    void underEnR002OnlySelfConsumedGenerationCountsWithExportMeasuredOutward() throws SQLException {
        // PV: 1,000 Wh at the start, 11,000 Wh at the end (2 h later): 10,000 Wh generated in the period.
        seedSigned("pv-j", new long[][] {{-10, 0}, {0, 1_000}, {60, 6_000}, {120, 11_000}, {130, 12_000}});
        // Site meter: export 50,000 Wh 20 min before the start, 54,500 Wh 20 min after the end: 4,500 Wh measured outward.
        seedSigned("site-j", new long[][] {{-20, 70_000, 50_000}, {60, 71_000, 52_000}, {140, 72_000, 54_500}});
        // A site meter that has not reported since the end.
        seedSigned("site-late", new long[][] {{-20, 0, 1_000}, {60, 0, 1_500}});
        Map<String, BigDecimal> factors = Map.of("2026", new BigDecimal("0.45"));
        client.toBlocking().exchange(post("/projects", new Project("p-jc", "Osaka self-consumption", "EN-R-002 ver 3.0",
                ServiceFixture.fiscalYearFactors(factors), List.of("pv-j", "site-j"), null, "J-Credit", null)));
        MonitoringReport report = client.toBlocking().retrieve(
                get("/projects/p-jc/report?from=" + TestLog.FY2026_JULY + "&to=" + TestLog.FY2026_JULY.plusSeconds(7200)), MonitoringReport.class);
        assertEquals(List.of("pv-j"), report.devices().stream().map(MonitoringReport.DeviceEnergy::deviceId).toList(),
                "the device with an export register is the site meter, not generation");
        assertEquals(10_000, report.creditedEnergyWh());
        MonitoringReport.SelfConsumption self = report.selfConsumption();
        assertEquals(2026, self.fiscalYear());
        assertEquals(4_500, self.exportWh());
        assertEquals(50_000, self.siteMeters().get(0).startExportRegisterWh());
        assertEquals(54_500, self.siteMeters().get(0).endExportRegisterWh());
        assertEquals(5_500, self.selfConsumedWh(), "10,000 generated - 4,500 exported");
        assertEquals(0, new BigDecimal("0.002475").compareTo(report.emissionReductionsTco2()), "5.5 kWh x 0.45 t/MWh");
        assertEquals(0, report.creditsTco2());
        assertTrue(report.claim().text().contains("fiscal-year 2026\nexport-wh site-j 4500\nself-consumed-wh 5500\n"),
                report.claim().text());

        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("/projects/p-jc/report?from=2027-03-31T00:00:00Z&to=2027-04-02T00:00:00Z", "ask for it up to 2027-03-31T15:00:00Z");
        refusals.put("/projects/p-jc/report?from=2025-07-01T00:00:00Z&to=2025-07-02T00:00:00Z", "no one emission factor is effective from 2025-07-01 to 2025-07-02");
        client.toBlocking().exchange(post("/projects", new Project("p-jc-pv", "PV only", "EN-R-002 ver 3.0",
                ServiceFixture.fiscalYearFactors(factors), List.of("pv-j"), null, "J-Credit", null)));
        refusals.put("/projects/p-jc-pv/report?from=" + TestLog.FY2026_JULY + "&to=" + TestLog.FY2026_JULY.plusSeconds(7200), "the project has no site meter");
        client.toBlocking().exchange(post("/projects", new Project("p-jc-late", "Late meter", "EN-R-002 ver 3.0",
                ServiceFixture.fiscalYearFactors(factors), List.of("pv-j", "site-late"), null, "J-Credit", null)));
        refusals.put("/projects/p-jc-late/report?from=" + TestLog.FY2026_JULY + "&to=" + TestLog.FY2026_JULY.plusSeconds(7200), "none at or after the end yet");
        // A registered site meter that never reported is a site meter still (it was read as a 0 Wh generator, its export lost).
        client.toBlocking().exchange(post("/projects", new Project("p-jc-silent", "Silent meter", "EN-R-002 Ver3.0",
                ServiceFixture.fiscalYearFactors(factors), List.of("pv-j", "site-j", "site-silent"), null, "J-Credit", null)));
        refusals.put("/projects/p-jc-silent/report?from=" + TestLog.FY2026_JULY + "&to=" + TestLog.FY2026_JULY.plusSeconds(7200),
                "site meter site-silent needs an export reading at or before the period's start");
        refusals.forEach((path, reason) -> {
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().retrieve(get(path)));
            assertEquals(HttpStatus.CONFLICT, refused.getStatus(), path);
            assertTrue(refused.getResponse().getBody(String.class).orElse("").contains(reason), path + ": "
                    + refused.getResponse().getBody(String.class).orElse(""));
        });
        Problem noFactors = ServiceFixture.refused(client, post("/projects", new Project("p-jc-bad", "No factors", "EN-R-002 Ver3.0",
                List.of(), List.of("pv-j"), null, "J-Credit", null)), HttpStatus.BAD_REQUEST);
        assertTrue(noFactors.detail().startsWith("'emissionFactors' must list at least one factor"), noFactors.detail());
        Problem calendarYear = ServiceFixture.refused(client, post("/projects", new Project("p-jc-bad", "Calendar year", "EN-R-002 Ver3.0",
                List.of(new EmissionFactor(new BigDecimal("0.45"), java.time.LocalDate.of(2026, 1, 1), java.time.LocalDate.of(2027, 1, 1),
                        "a calendar year's factor")), List.of("pv-j"), null, "J-Credit", null)), HttpStatus.BAD_REQUEST);
        assertTrue(calendarYear.detail().contains("a factor is effective from 1 April to the next 1 April"), calendarYear.detail());
    }

    @Test
    void aMethodologyIsNeverComputedByAnothersFormula() {
        Problem chillers = ServiceFixture.refused(client, post("/projects", new Project("p-chiller", "Chillers", "TH_AM005 Ver1.0",
                ServiceFixture.jcmFactor("0.5"), List.of("ch-1"), null, null, null)), HttpStatus.BAD_REQUEST);
        assertTrue(chillers.detail().startsWith("'methodology': TH_AM005 is not computed by this system: chillers"), chillers.detail());
        Problem freeText = ServiceFixture.refused(client, post("/projects", new Project("p-free", "PV", "solar PV",
                ServiceFixture.jcmFactor("0.5"), List.of("pv-t"), null, null, null)), HttpStatus.BAD_REQUEST);
        assertTrue(freeText.detail().startsWith("'methodology': 'solar PV' is not a methodology reference"), freeText.detail());
        Problem wrongScheme = ServiceFixture.refused(client, post("/projects", new Project("p-scheme", "PV", "EN-R-002 Ver3.0",
                ServiceFixture.jcmFactor("0.5"), List.of("pv-t"), null, "JCM", null)), HttpStatus.BAD_REQUEST);
        assertEquals("'scheme' is JCM but EN-R-002 Ver3.0 is a J-Credit methodology", wrongScheme.detail());
        Problem wrongCountry = ServiceFixture.refused(client, post("/projects", new Project("p-country", "PV", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.5"), List.of("pv-t"), null, null, "Kenya")), HttpStatus.BAD_REQUEST);
        assertTrue(wrongCountry.detail().startsWith("'hostCountry': TH_AM001 Ver1.0 is approved for Thailand (TH), and the"
                + " project's host country is 'Kenya'"), wrongCountry.detail());

        ServiceFixture.onboard(client, admin, "bkk-plant", "pv-t=inverter", "ch-t=chiller");
        Problem equipment = ServiceFixture.refused(client, post("/projects", new Project("p-pv-chiller", "PV and chiller",
                "TH_AM001 Ver1.0", ServiceFixture.jcmFactor("0.5"), List.of("pv-t", "ch-t"), null, null, null)), HttpStatus.BAD_REQUEST);
        assertTrue(equipment.detail().startsWith("device ch-t is a chiller: TH_AM001 Ver1.0 computes solar PV generation"),
                equipment.detail());
    }

    @Test
    void underEnR002ABatteryWithholdsItsChargeLessDischargePlusItsCapacity() throws SQLException {
        ServiceFixture.onboard(client, admin, "osaka-battery", "pv-s=inverter", "site-s=site-meter", "bat-s=battery");
        seedSigned("pv-s", new long[][] {{-10, 0}, {0, 1_000}, {60, 6_000}, {120, 11_000}, {130, 12_000}});
        seedSigned("site-s", new long[][] {{-20, 70_000, 50_000}, {140, 72_000, 53_000}});
        // Battery: discharge (energy register) 100 -> 3,100 Wh inside the period; charge (second register) 1,000 -> 4,000 Wh
        // outward (the readings at the start and at the end bound it; those before and after are farther out).
        seedSigned("bat-s", new long[][] {{-20, 50, 500}, {0, 100, 1_000}, {60, 1_600, 3_000}, {120, 3_100, 4_000}, {140, 3_300, 4_500}});
        Map<String, BigDecimal> factors = Map.of("2026", new BigDecimal("0.45"));
        client.toBlocking().exchange(post("/projects", new Project("p-jc-battery", "Home with a battery", "EN-R-002 Ver3.0",
                ServiceFixture.fiscalYearFactors(factors), List.of("pv-s", "site-s", "bat-s"), null, "J-Credit", null)));
        MonitoringReport report = client.toBlocking().retrieve(get("/projects/p-jc-battery/report?from=" + TestLog.FY2026_JULY + "&to="
                + TestLog.FY2026_JULY.plusSeconds(7200)), MonitoringReport.class);
        MonitoringReport.BatteryTerm battery = report.selfConsumption().batteries().get(0);
        assertEquals(List.of(3_000L, 3_000L, ServiceFixture.BATTERY_CAPACITY_WH, 2_000L),
                List.of(battery.chargeWh(), battery.dischargeWh(), battery.capacityWh(), battery.withheldWh()));
        assertEquals(5_000, report.selfConsumption().selfConsumedWh(), "10,000 generated - 3,000 exported - 2,000 withheld");
        assertTrue(report.claim().text().contains("export-wh site-s 3000\nbattery bat-s 3000 3000 2000\nself-consumed-wh 5000\n"),
                report.claim().text());
        assertEquals(List.of("pv-s", "site-s", "bat-s"), report.deviceIds());

        Problem leftOut = ServiceFixture.refused(client, post("/projects", new Project("p-jc-no-battery", "Battery left out",
                "EN-R-002 Ver3.0", ServiceFixture.fiscalYearFactors(factors), List.of("pv-s", "site-s"), null, "J-Credit", null)),
                HttpStatus.BAD_REQUEST);
        assertTrue(leftOut.detail().startsWith("site osaka-battery has battery bat-s, which is not in the project"), leftOut.detail());
        Problem unbounded = ServiceFixture.refused(client, get("/projects/p-jc-battery/report?from=" + TestLog.FY2026_JULY + "&to="
                + TestLog.FY2026_JULY.plusSeconds(9000)), HttpStatus.CONFLICT);
        assertTrue(unbounded.detail().contains("none at or after the end yet"), unbounded.detail());
        Problem registration = ServiceFixture.refused(client, post("/projects", new Project("p-jcm-battery", "PV with a battery",
                "TH_AM001 Ver1.0", ServiceFixture.jcmFactor("0.5"), List.of("pv-s"), null, null, null)), HttpStatus.BAD_REQUEST);
        assertTrue(registration.detail().startsWith("site osaka-battery has battery bat-s registered: TH_AM001 Ver1.0"),
                registration.detail());
        Problem noCapacity = ServiceFixture.refused(client, post("/devices", List.of(Map.of("id", "bat-x", "siteId", "osaka-battery",
                "gatewayId", "gw-1", "kind", "battery", "meterSerial", "BAT-X", "nameplateW", 5_000, "accuracyClass", "1"))),
                HttpStatus.BAD_REQUEST);
        assertTrue(noCapacity.detail().contains("a battery needs 'capacityWh'"), noCapacity.detail());
    }

    @Test
    void aBatteryMeterNoCertificateCoversWithholdsItsThroughputTimesItsClassToo() throws SQLException {
        ServiceFixture.onboard(client, admin, "osaka-uncalibrated", "pv-u=inverter", "site-u=site-meter");
        client.toBlocking().exchange(post("/devices", List.of(Map.of("id", "bat-u", "siteId", "osaka-uncalibrated", "gatewayId",
                "gw-1", "kind", "battery", "meterSerial", "SN-bat-u", "nameplateW", 5_000, "accuracyClass", "1", "capacityWh",
                ServiceFixture.BATTERY_CAPACITY_WH))));
        seedSigned("pv-u", new long[][] {{-10, 0}, {0, 1_000}, {60, 6_000}, {120, 11_000}, {130, 12_000}});
        seedSigned("site-u", new long[][] {{-20, 70_000, 50_000}, {140, 72_000, 53_000}});
        seedSigned("bat-u", new long[][] {{-20, 50, 500}, {0, 100, 1_000}, {60, 1_600, 3_000}, {120, 3_100, 4_000}, {140, 3_300, 4_500}});
        client.toBlocking().exchange(post("/projects", new Project("p-jc-uncalibrated", "Battery meter never calibrated",
                "EN-R-002 Ver3.0", ServiceFixture.fiscalYearFactors(Map.of("2026", new BigDecimal("0.45"))),
                List.of("pv-u", "site-u", "bat-u"), null, "J-Credit", null)));
        Instant to = TestLog.FY2026_JULY.plusSeconds(7200);
        MonitoringReport report = client.toBlocking().retrieve(get("/projects/p-jc-uncalibrated/report?from=" + TestLog.FY2026_JULY
                + "&to=" + to), MonitoringReport.class);
        MonitoringReport.BatteryTerm battery = report.selfConsumption().batteries().get(0);
        // Charge 3,000 and discharge 3,000 Wh, as the calibrated battery above; class 1 takes 1 % of the 6,000 Wh through it.
        assertEquals(List.of(new MonitoringReport.UncoveredSpan(TestLog.FY2026_JULY, to)), battery.calibration().uncovered());
        assertEquals(6_000, battery.calibration().uncalibratedEnergyWh());
        assertEquals(60, battery.calibration().correctionWh());
        assertEquals(2_060, battery.withheldWh(), "3,000 - 3,000 + 2,000 capacity + 60 correction");
        assertEquals(4_940, report.selfConsumption().selfConsumedWh(), "10,000 generated - 3,000 exported - 2,060 withheld");
        assertTrue(report.claim().text().contains("uncalibrated bat-u 1 60 " + TestLog.FY2026_JULY + "/" + to + "\n"),
                report.claim().text());
    }

    @Test
    void daysNoCalibrationCertificateCoversAreCorrectedByTheMetersClassUntilACertificateIsRecorded() throws SQLException {
        // T0 is 22:00 on 20 June in Bangkok (TH_AM001's calendar); the certificate lapses at the start of 21 June, T0 + 2 h.
        seedEnvelopes("inv-cal", new long[][] {{0, 10_000}, {3600, 20_000}, {7200, 30_000}, {10800, 40_000}, {14400, 50_000}},
                i -> "SN-inv-cal");
        client.toBlocking().exchange(post("/sites", Map.of("id", "cal-roof", "name", "cal-roof", "latitude", 13.7, "longitude", 100.5)));
        client.toBlocking().exchange(post("/devices", List.of(Map.of("id", "inv-cal", "siteId", "cal-roof", "gatewayId", "gw-1",
                "kind", "inverter", "meterSerial", "SN-inv-cal", "nameplateW", 1_500_000, "accuracyClass", "1"))));
        client.toBlocking().exchange(post("/devices/inv-cal/calibrations", Map.of("certificateId", "CAL-2025", "issuer", "lab",
                "calibratedOn", "2025-06-21", "validUntil", "2026-06-21")));
        client.toBlocking().exchange(post("/projects", new Project("p-cal", "Lapsed calibration", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.533"), List.of("inv-cal"), null, null, null)));
        String path = "/projects/p-cal/report?from=" + T0 + "&to=" + T0.plusSeconds(14400);

        MonitoringReport lapsed = client.toBlocking().retrieve(get(path), MonitoringReport.class);
        MonitoringReport.Calibration calibration = lapsed.devices().get(0).calibration();
        assertEquals(List.of(new MonitoringReport.UncoveredSpan(T0.plusSeconds(7200), T0.plusSeconds(14400))), calibration.uncovered());
        // From the reading at T0 + 2 h (30,000 Wh) to the one at the end (50,000 Wh): 20,000 Wh; class 1 takes 1 %.
        assertEquals(20_000, calibration.uncalibratedEnergyWh());
        assertEquals(200, calibration.correctionWh());
        assertEquals(40_000, lapsed.totalEnergyWh(), "the metered energy is stated as measured");
        assertEquals(39_800, lapsed.creditedEnergyWh(), "the credited energy is corrected");
        assertEquals(0, new BigDecimal("0.0212134").compareTo(lapsed.emissionReductionsTco2()), "39.8 kWh x 0.533 t/MWh");
        assertTrue(lapsed.claim().text().contains("uncalibrated inv-cal 1 200 " + T0.plusSeconds(7200) + "/" + T0.plusSeconds(14400)
                + "\n"), lapsed.claim().text());

        client.toBlocking().exchange(post("/devices/inv-cal/calibrations", Map.of("certificateId", "CAL-2026", "issuer", "lab",
                "calibratedOn", "2026-06-21", "validUntil", "2027-06-21")));
        MonitoringReport recalibrated = client.toBlocking().retrieve(get(path), MonitoringReport.class);
        assertEquals(List.of(), recalibrated.devices().get(0).calibration().uncovered());
        assertEquals(40_000, recalibrated.creditedEnergyWh());
        assertTrue(!recalibrated.claim().text().contains("uncalibrated"), recalibrated.claim().text());
    }

    @Test
    void readingsAcceptedBeforeTheirKeysRevocationWasKnownAndStampedAfterItCountForNothing() throws SQLException {
        // Four readings ten minutes apart, 1 kWh a step, accepted by the job; then the key is reported stolen as of minute 15.
        seedEnvelopes("inv-stolen", new long[][] {{0, 10_000}, {600, 11_000}, {1200, 12_000}, {1800, 13_000}},
                i -> "SN-inv-stolen");
        client.toBlocking().exchange(post("/sites", Map.of("id", "stolen-roof", "name", "stolen-roof", "latitude", 35.0, "longitude", 139.0)));
        client.toBlocking().exchange(post("/devices", List.of(Map.of("id", "inv-stolen", "siteId", "stolen-roof", "gatewayId", "gw-1",
                "kind", "inverter", "meterSerial", "SN-inv-stolen", "nameplateW", 1_500_000, "accuracyClass", "0.5S"))));
        ServiceFixture.calibrate(client, admin, "inv-stolen");
        String line = SignedEnvelopes.registrationLine("inv-stolen");
        client.toBlocking().exchange(HttpRequest.POST("/devices/keys", line).contentType("text/plain").bearerAuth(admin));
        client.toBlocking().exchange(post("/projects", new Project("p-stolen", "Stolen key", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.5"), List.of("inv-stolen"), null, null, null)));
        String report = "/projects/p-stolen/report?from=" + T0 + "&to=" + T0.plusSeconds(1800);
        assertEquals(3_000, client.toBlocking().retrieve(get(report), MonitoringReport.class).creditedEnergyWh());

        client.toBlocking().exchange(post("/devices/inv-stolen/key-revocations", Map.of("key", line.split(" ")[1],
                "revokedAt", T0.plusSeconds(900).toString(), "reason", "gateway stolen")));

        MonitoringReport after = client.toBlocking().retrieve(get(report), MonitoringReport.class);
        assertEquals(List.of(2L, 3L), after.devices().get(0).voidedSequences(), "stamped at minutes 20 and 30, after the revocation");
        assertEquals(1_000, after.creditedEnergyWh(), "only the step between the two readings before it");
        assertEquals(Map.of("key_revoked", 2), after.devices().get(0).qualityFlags());
    }

    @Test
    void aMeterSwappedWithinThePeriodIsRefusedUntilRecordedThenCountedPerMeter() throws SQLException {
        // The old meter counted 1,000 Wh; its replacement starts at 500,000 Wh. Subtracting across the swap
        // credited 491,000 Wh nobody produced.
        seedEnvelopes("inv-swap", new long[][] {{0, 10_000}, {600, 11_000}, {1200, 500_000}, {1800, 501_000}},
                i -> i < 2 ? "OLD-1" : "NEW-2");
        client.toBlocking().exchange(post("/sites", Map.of("id", "swap-roof", "name", "swap-roof", "latitude", 35.0, "longitude", 139.0)));
        client.toBlocking().exchange(post("/devices", List.of(Map.of("id", "inv-swap", "siteId", "swap-roof", "gatewayId", "gw-1",
                "kind", "inverter", "meterSerial", "OLD-1", "nameplateW", 1_500_000, "accuracyClass", "0.5S"))));
        ServiceFixture.calibrate(client, admin, "inv-swap");
        client.toBlocking().exchange(post("/projects", new Project("p-swap", "Swapped meter", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.5"), List.of("inv-swap"), null, null, null)));
        Problem swapped = ServiceFixture.refused(client, get("/projects/p-swap/report?from=" + T0 + "&to=" + T0.plusSeconds(3600)),
                HttpStatus.CONFLICT);
        assertTrue(swapped.detail().startsWith("device inv-swap changed meters within the period: reading #0 ("
                + T0 + ") is signed by meter OLD-1, #3"), swapped.detail());
        MonitoringReport beforeTheSwap = client.toBlocking().retrieve(
                get("/projects/p-swap/report?from=" + T0 + "&to=" + T0.plusSeconds(900)), MonitoringReport.class);
        assertEquals(1_000, beforeTheSwap.totalEnergyWh(), "a period up to the swap is one meter's delta");

        Problem notTheRegisteredMeter = ServiceFixture.refused(client, post("/devices/inv-swap/meter-replacements",
                Map.of("finalSequence", 1, "oldSerial", "OTHER", "newSerial", "NEW-2")), HttpStatus.CONFLICT);
        assertEquals("device inv-swap's registered meter is OLD-1, not OTHER: a replacement starts from the registered meter",
                notTheRegisteredMeter.detail());
        assertEquals(HttpStatus.CREATED, client.toBlocking().exchange(post("/devices/inv-swap/meter-replacements",
                Map.of("finalSequence", 1, "oldSerial", "OLD-1", "newSerial", "NEW-2"))).getStatus());
        Map<?, ?> device = client.toBlocking().retrieve(get("/devices/inv-swap"), Map.class);
        assertEquals("NEW-2", ((Map<?, ?>) device.get("device")).get("meterSerial"), "the registered meter is the new one");
        String registryText = client.toBlocking().retrieve(get("/registry.txt"));
        assertTrue(registryText.contains("\ninv-swap meter:OLD-1\ninv-swap meter:NEW-2 from-sequence=2\n"), registryText);

        MonitoringReport acrossTheSwap = client.toBlocking().retrieve(
                get("/projects/p-swap/report?from=" + T0 + "&to=" + T0.plusSeconds(3600)), MonitoringReport.class);
        assertEquals(1_000 + 1_000, acrossTheSwap.totalEnergyWh(), "each meter's own delta, the swap step in neither");
        assertEquals(List.of(1L), acrossTheSwap.devices().get(0).meterReplacedAfter());
        assertTrue(acrossTheSwap.claim().text().contains("meter-replaced-after inv-swap 1\n"), acrossTheSwap.claim().text());

        // The job flags the new meter's first reading register_jump (its register starts 489 kWh above the
        // old one's end): the steps touching it are voided, but the swap step is no meter's delta, so only the
        // step after it is excluded, never the whole device.
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement flag = c.prepareStatement("INSERT INTO quality_flags VALUES ('inv-swap', 2, ?, 'register_jump')")) {
            flag.setLong(1, T0.plusSeconds(1200).toEpochMilli());
            flag.executeUpdate();
        }
        MonitoringReport flagged = client.toBlocking().retrieve(
                get("/projects/p-swap/report?from=" + T0 + "&to=" + T0.plusSeconds(3600)), MonitoringReport.class);
        assertEquals(1_000, flagged.excludedEnergyWh(), "the step #2 -> #3 only");
        assertEquals(1_000, flagged.creditedEnergyWh());
    }

    @Test
    void aReplacementRecordedWhereTheReadingsShowNoneIsRefused() throws SQLException {
        // One meter, A-1, signed all four readings; the operator recorded a replacement after #1 by mistake.
        seedEnvelopes("inv-same", new long[][] {{0, 10_000}, {600, 11_000}, {1200, 12_000}, {1800, 13_000}}, i -> "A-1");
        client.toBlocking().exchange(post("/sites", Map.of("id", "same-roof", "name", "same-roof", "latitude", 35.0, "longitude", 139.0)));
        client.toBlocking().exchange(post("/devices", List.of(Map.of("id", "inv-same", "siteId", "same-roof", "gatewayId", "gw-1",
                "kind", "inverter", "meterSerial", "A-1", "nameplateW", 1_500_000, "accuracyClass", "0.5S"))));
        ServiceFixture.calibrate(client, admin, "inv-same");
        client.toBlocking().exchange(post("/devices/inv-same/meter-replacements",
                Map.of("finalSequence", 1, "oldSerial", "A-1", "newSerial", "B-2")));
        client.toBlocking().exchange(post("/projects", new Project("p-same", "Same meter", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.5"), List.of("inv-same"), null, null, null)));
        Problem refused = ServiceFixture.refused(client, get("/projects/p-same/report?from=" + T0 + "&to=" + T0.plusSeconds(3600)),
                HttpStatus.CONFLICT);
        assertEquals("device inv-same's replacement after reading #1 is recorded with meter B-2 signing #2, but meter A-1 signed it",
                refused.detail());
    }

    @Test
    void reportTakesEnergyFromBoundaryRegistersAndFloorsCredits() {
        client.toBlocking().exchange(post("/projects", new Project("p1", "Rooftop PV", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.533"), List.of("inv-a", "inv-silent"), null, null, null)));

        MonitoringReport report = client.toBlocking().retrieve(
                get("/projects/p1/report?from=" + T0 + "&to=" + T0.plusSeconds(7200)), MonitoringReport.class);

        // first reading at/after 'from' is 1,500 Wh; last at/before 'to' is 2,500,300 Wh
        assertEquals(2_498_800, report.totalEnergyWh());
        assertEquals(0, new BigDecimal("2498.8").compareTo(report.totalEnergyKwh()));
        // 2.4988 MWh x 0.533 = 1.3318604 tCO2 -> 1 credit
        assertEquals(0, new BigDecimal("1.3318604").compareTo(report.emissionReductionsTco2()));
        assertEquals(1, report.creditsTco2());
        assertEquals(0, report.devices().get(1).energyWh(), "a device without readings contributes nothing");
    }

    @Test
    void badRequestsGetClearErrors() {
        HttpClientResponseException badTime = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .retrieve(get("/projects/p1/report?from=yesterday&to=" + T0)));
        assertEquals(HttpStatus.BAD_REQUEST, badTime.getStatus());
        assertTrue(badTime.getResponse().getBody(String.class).orElse("").contains("ISO-8601"));

        HttpClientResponseException missing = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .retrieve(get("/projects/nope/report?from=" + T0 + "&to=" + T0.plusSeconds(1))));
        assertEquals(HttpStatus.NOT_FOUND, missing.getStatus());
    }

    @Test
    void refusalsAreRfc9457ProblemDetails() {
        HttpClientResponseException missing = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .retrieve(get("/projects/nope")));
        assertEquals(HttpStatus.NOT_FOUND, missing.getStatus());
        assertEquals("application/problem+json", missing.getResponse().getContentType().orElseThrow().toString());
        Problem problem = missing.getResponse().getBody(Problem.class).orElseThrow();
        assertEquals(new Problem("about:blank", "Not Found", 404, "no project nope", "/projects/nope"), problem);

        HttpClientResponseException badProject = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(post("/projects", new Project("bad id!", "x", "TH_AM001 Ver1.0", ServiceFixture.jcmFactor("0.5"),
                        List.of("d"), null, null, null))));
        Problem invalid = badProject.getResponse().getBody(Problem.class).orElseThrow();
        assertEquals(400, invalid.status());
        assertTrue(invalid.detail().contains("'id' must be"), invalid.detail());
    }

    @Test
    void everyChangeIsInTheHashChainedAuditLogWithItsActorAndTamperingShows() throws SQLException {
        client.toBlocking().exchange(post("/users", Map.of("username", "alice@example.org", "password", "alice's long password",
                "role", "CREATOR")));
        String alice = ServiceFixture.signIn(client, "alice@example.org", "alice's long password");
        client.toBlocking().exchange(HttpRequest.POST("/projects", new Project("p-audit", "Audited \"PV\"", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.533"), List.of("inv-x"), null, null, null)).bearerAuth(alice));
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.POST("/projects", Map.of("id", "p-audit-2", "name", "x", "methodology", "TH_AM001 Ver1.0",
                        "emissionFactors", List.of(Map.of("tco2PerMwh", -1, "effectiveFrom", "2015-01-01", "source", "x")),
                        "deviceIds", List.of("d"))).bearerAuth(alice)));
        assertEquals(HttpStatus.BAD_REQUEST, refused.getStatus());

        AuditEntry[] entries = client.toBlocking().retrieve(get("/audit"), AuditEntry[].class);
        AuditEntry created = java.util.Arrays.stream(entries).filter(e -> e.subject().equals("p-audit")).findFirst().orElseThrow();
        assertEquals("alice@example.org", created.actor(), "the signed-in person is the actor");
        assertEquals("project.create", created.action());
        assertTrue(created.details().contains("\"name\":\"Audited \\\"PV\\\"\""), created.details());
        assertTrue(java.util.Arrays.stream(entries).noneMatch(e -> e.subject().equals("p-audit-2")), "a refused change leaves no entry");

        AuditLog.Verdict intact = client.toBlocking().retrieve(get("/audit/verify"), AuditLog.Verdict.class);
        assertTrue(intact.intact());
        assertEquals(entries.length, intact.entries());

        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement edit = c.prepareStatement("UPDATE audit_log SET actor = ? WHERE seq = ?")) {
            edit.setString(1, "mallory");
            edit.setLong(2, created.seq());
            edit.executeUpdate();
            AuditLog.Verdict tampered = client.toBlocking().retrieve(get("/audit/verify"), AuditLog.Verdict.class);
            assertEquals(false, tampered.intact());
            assertEquals(created.seq(), tampered.firstBrokenSeq());
            edit.setString(1, created.actor());
            edit.executeUpdate();
        }
        assertTrue(client.toBlocking().retrieve(get("/audit/verify"), AuditLog.Verdict.class).intact());
    }

    @Test
    void healthIsMicronautsEndpointAndChecksTheDatabase() {
        String health = client.toBlocking().retrieve(HttpRequest.GET("/health"));
        assertTrue(health.contains("\"status\":\"UP\""), health);
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        String document = client.toBlocking().retrieve(HttpRequest.GET("/openapi/creation-service.yml"));
        assertTrue(document.contains("openapi: 3."), document);
        assertTrue(document.contains("/projects/{projectId}/report:"), document);
    }

    @Test
    void flywayCreatedTheServiceTablesBesideTheJobsOwn() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             java.sql.Statement sql = c.createStatement();
             java.sql.ResultSet rows = sql.executeQuery(
                     "SELECT version, success FROM flyway_schema_history WHERE version = '1'")) {
            assertTrue(rows.next(), "V1 is in Flyway's history");
            assertTrue(rows.getBoolean(2), "and succeeded");
        }
    }
}
