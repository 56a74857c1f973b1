package io.solarmrv.creation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.solarmrv.attestation.BundleVerifier;
import io.solarmrv.attestation.ClockSync;
import io.solarmrv.attestation.DeviceRegistry;
import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.ProofBundle;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.ReadingCodec;
import io.solarmrv.attestation.Sha256;
import io.solarmrv.attestation.SignedReading;
import io.solarmrv.bundle.ProofBundleJson;
import io.solarmrv.creation.period.MonitoringPeriod;
import io.solarmrv.creation.period.PeriodState;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A J-Credit EN-R-002 period from closing to the auditor's bundle, against a real PostgreSQL and a
 * real anvil: a PV meter and a site meter with an export register, signed readings in an anchored
 * log; the claim on chain carries the self-consumption figures and {@link BundleVerifier} recomputes
 * them from the downloaded bundle.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfConsumptionPeriodTest implements TestPropertyProvider {
    private static final Instant T0 = Instant.parse("2026-06-30T15:00:00Z"); // 1 July 2026 in Japan: FY2026
    private static final Instant APRIL_2027 = Instant.parse("2027-03-31T15:00:00Z"); // 1 April 2027 00:00 in Japan: FY2027
    private static final Instant OCTOBER = Instant.parse("2026-09-30T15:00:00Z"); // 1 October 2026 in Japan: FY2026
    private static final Instant DECEMBER = Instant.parse("2026-11-30T15:00:00Z"); // 1 December 2026 in Japan: FY2026
    private static final GatewayKey KEY = GatewayKey.generate(new SecureRandom());

    private static EmbeddedPostgres postgres;
    private static ChainFixture chain;

    @Inject
    @Client("/")
    HttpClient client;

    /**
     * pv-jc every 30 min from T0 - 30 min, 2,500 kWh a step; site-jc every 30 min from T0 - 15 min,
     * 100 kWh exported a step; all in the log and anchored, in time order.
     */
    @Override
    public Map<String, String> getProperties() {
        postgres = ServiceFixture.startPostgres();
        List<ChainFixture.LogRow> rows = new ArrayList<>();
        rows.addAll(signed("pv-jc", -30, 2_500_000, null));
        rows.addAll(signed("site-jc", -15, 40_000, 100_000L));
        rows.addAll(signed("pv-fy", APRIL_2027.minusSeconds(3600), -30, 2_500_000, null));
        rows.addAll(signed("site-fy", APRIL_2027.minusSeconds(3600), -15, 40_000, 100_000L));
        rows.addAll(signed("pv-sw", OCTOBER, -30, 2_500_000, null, 3));
        rows.addAll(signed("site-sw", OCTOBER, -15, 40_000, 100_000L, Integer.MAX_VALUE));
        rows.addAll(signed("pv-bt", DECEMBER, -30, 2_500_000, null));
        rows.addAll(signed("site-bt", DECEMBER, -15, 40_000, 100_000L));
        rows.addAll(signed("bat-bt", DECEMBER, -20, 150_000, 200_000L));   // discharge register, charge register
        rows.sort(Comparator.comparing(ChainFixture.LogRow::timestamp));
        chain = ChainFixture.start(postgres, rows, rows.size());
        Map<String, String> properties = new HashMap<>(ServiceFixture.properties(postgres));
        properties.putAll(chain.properties());
        properties.put("mrv.log.verifier-key", "solar-mrv.test/log+00000000+AAAA");
        properties.put("mrv.bundle.max-complete-readings", "4");   // a bundle of every reading only for tiny periods here
        return properties;
    }

    private static List<ChainFixture.LogRow> signed(String device, int offsetMinutes, long energyStep, Long exportStep) {
        return signed(device, T0, offsetMinutes, energyStep, exportStep);
    }

    private static List<ChainFixture.LogRow> signed(String device, Instant t0, int offsetMinutes, long energyStep, Long exportStep) {
        return signed(device, t0, offsetMinutes, energyStep, exportStep, Integer.MAX_VALUE);
    }

    /** @param swapAfter the old meter's final reading: from the next, meter SN-{device}-new, its register 900 MWh higher */
    private static List<ChainFixture.LogRow> signed(String device, Instant t0, int offsetMinutes, long energyStep, Long exportStep,
                                                    int swapAfter) {
        List<ChainFixture.LogRow> rows = new ArrayList<>();
        byte[] previous = Reading.genesisHash();
        for (int i = 0; i < 8; i++) {
            boolean replaced = i > swapAfter;
            Reading r = new Reading(device, "SN-" + device + (replaced ? "-new" : ""), i,
                    t0.plusSeconds(60L * (offsetMinutes + 30 * i)).toEpochMilli(), energyStep * i + (replaced ? 900_000_000L : 0), exportStep == null ? null : 7_000_000 + exportStep * i, 0, ClockSync.NTP, 0, previous,
                    new byte[Reading.SALT_LENGTH]);
            previous = Sha256.hash(ReadingCodec.encode(r));
            rows.add(new ChainFixture.LogRow(device, i, Instant.ofEpochMilli(r.timestampMillis()), r.energyRegisterWh(),
                    SignedReading.sign(r, KEY).toWire()));
        }
        return rows;
    }

    @AfterAll
    void stop() throws Exception {
        chain.close();
        postgres.close();
    }

    private Map<String, String> tokens(String admin, String suffix) {
        Map<String, String> tokens = new HashMap<>();
        for (String role : List.of("OPERATOR", "CREATOR", "VERIFIER")) {
            tokens.put(role, (String) client.toBlocking().retrieve(HttpRequest.POST("/tokens",
                    Map.of("name", role.toLowerCase() + suffix, "role", role)).bearerAuth(admin), Map.class).get("token"));
        }
        tokens.put("VERIFIER_NAME", "token:verifier" + suffix);
        return tokens;
    }

    /**
     * A registered EN-R-002 project of one PV inverter and one site meter at a new site, both keyed
     * with {@link #KEY}: onboarded by the operator, proposed by the creator, validated, and registered
     * on 2026-06-01.
     */
    private void registeredProject(String admin, Map<String, String> tokens, String project, String pv, String pvSerial,
                                   String siteMeter, String siteSerial, Map<String, BigDecimal> factors, boolean calibrated) {
        registeredProject(admin, tokens, project, pv, pvSerial, siteMeter, siteSerial, null, factors, calibrated);
    }

    /** @param battery a battery at the site too, of rated capacity 100 kWh and serial SN-{battery} (null: none) */
    private void registeredProject(String admin, Map<String, String> tokens, String project, String pv, String pvSerial,
                                   String siteMeter, String siteSerial, String battery, Map<String, BigDecimal> factors,
                                   boolean calibrated) {
        String operator = tokens.get("OPERATOR");
        String site = project + "-site";
        client.toBlocking().exchange(HttpRequest.POST("/sites", Map.of("id", site, "name", site, "latitude", 34.69,
                "longitude", 135.5)).bearerAuth(operator));
        List<String> devices = battery == null ? List.of(pv, siteMeter) : List.of(pv, siteMeter, battery);
        client.toBlocking().exchange(HttpRequest.POST("/devices", "id,site_id,gateway_id,kind,meter_serial,nameplate_w,accuracy_class,"
                + "capacity_wh\n" + pv + "," + site + ",gw-1,inverter," + pvSerial + ",5000000,0.5S,\n"
                + siteMeter + "," + site + ",gw-1,site-meter," + siteSerial + ",2000000,0.5S,"
                + (battery == null ? "" : "\n" + battery + "," + site + ",gw-1,battery,SN-" + battery + ",5000,1,100000"))
                .contentType("text/csv").bearerAuth(operator));
        for (String meter : calibrated ? devices : List.<String>of()) {
            ServiceFixture.calibrate(client, admin, meter);
        }
        client.toBlocking().exchange(HttpRequest.POST("/devices/keys", String.join("\n", devices.stream()
                .map(device -> DeviceRegistry.registrationLine(device, KEY)).toList())).contentType(MediaType.TEXT_PLAIN).bearerAuth(operator));
        client.toBlocking().exchange(HttpRequest.POST("/projects", new Project(project, project + " self-consumption",
                "EN-R-002 ver 3.0", ServiceFixture.fiscalYearFactors(factors), devices, null, "J-Credit", null))
                .bearerAuth(tokens.get("CREATOR")));
        ServiceFixture.addMember(client, admin, project, tokens.get("VERIFIER_NAME"));
        String[][] stages = {{"PLAN", tokens.get("CREATOR")}, {"VALIDATION", tokens.get("VERIFIER")}, {"REGISTRATION", admin}};
        for (String[] stage : stages) {
            client.toBlocking().exchange(HttpRequest.POST("/projects/" + project + "/cycle", Map.of("stage", stage[0], "documentName",
                    stage[0].toLowerCase() + ".pdf", "documentSha256", "cd".repeat(32), "effectiveOn", "2026-06-01")).bearerAuth(stage[1]));
        }
    }

    @Test
    void aPeriodAcrossTheFirstOfAprilIsClosedAsOnePeriodPerFiscalYearEachAtItsFactor() throws Exception {
        String admin = ServiceFixture.signInAsAdmin(client);
        Map<String, String> tokens = tokens(admin, "-fy");
        registeredProject(admin, tokens, "kobe-fy", "pv-fy", "SN-pv-fy", "site-fy", "SN-site-fy",
                Map.of("2026", new BigDecimal("0.45"), "2027", new BigDecimal("0.40")), true);

        // 23:00 on 31 March to 01:00 on 1 April, Japan time: an hour in FY2026 and an hour in FY2027.
        io.micronaut.http.HttpResponse<MonitoringPeriod> response = client.toBlocking().exchange(HttpRequest.POST(
                "/projects/kobe-fy/periods", Map.of("from", APRIL_2027.minusSeconds(3600).toString(), "to",
                        APRIL_2027.plusSeconds(3600).toString())).bearerAuth(tokens.get("CREATOR")), MonitoringPeriod.class);
        assertEquals(HttpStatus.CREATED, response.getStatus());
        MonitoringPeriod first = response.body();
        assertEquals(List.of(APRIL_2027.minusSeconds(3600), APRIL_2027), List.of(first.from(), first.to()), "the body is FY2026's part");
        assertEquals(List.of("</projects/kobe-fy/periods/2>; rel=\"next\""), response.getHeaders().getAll("Link"));
        MonitoringPeriod second = client.toBlocking().retrieve(HttpRequest.GET("/projects/kobe-fy/periods/2").bearerAuth(admin),
                MonitoringPeriod.class);
        assertEquals(List.of(APRIL_2027, APRIL_2027.plusSeconds(3600)), List.of(second.from(), second.to()));

        // Each hour: generation 2 steps x 2,500 kWh, the reading at 00:00 closing one hour and opening the next
        // (counted once); export measured outward, 3 steps x 100 kWh (the step across midnight in both: never
        // understated). FY2026: 4,700 kWh x 0.45 = 2.115 t -> 2 credits; FY2027: 4,700 kWh x 0.40 = 1.88 t -> 1.
        String fy2026 = client.toBlocking().retrieve(HttpRequest.GET("/projects/kobe-fy/periods/1/claim.txt").bearerAuth(admin));
        String fy2027 = client.toBlocking().retrieve(HttpRequest.GET("/projects/kobe-fy/periods/2/claim.txt").bearerAuth(admin));
        assertTrue(fy2026.contains("emission-factor-tco2-per-mwh 0.45\n") && fy2026.contains("energy-wh pv-fy 5000000\n")
                && fy2026.contains("fiscal-year 2026\nexport-wh site-fy 300000\nself-consumed-wh 4700000\n")
                && fy2026.contains("credits 2\n"), fy2026);
        assertTrue(fy2027.contains("emission-factor-tco2-per-mwh 0.40\n") && fy2027.contains("energy-wh pv-fy 5000000\n")
                && fy2027.contains("fiscal-year 2027\nexport-wh site-fy 300000\nself-consumed-wh 4700000\n")
                && fy2027.contains("credits 1\n"), fy2027);
        assertEquals(2, chain.readChain.period(first.chainPeriodId()).claim().credits());
        assertEquals(1, chain.readChain.period(second.chainPeriodId()).claim().credits());
        for (int number = 1; number <= 2; number++) {
            ProofBundle bundle = ProofBundleJson.read(client.toBlocking().retrieve(HttpRequest.GET("/projects/kobe-fy/periods/"
                    + number + "/bundle.json").bearerAuth(tokens.get("VERIFIER")), byte[].class));
            List<BundleVerifier.Check> checks = BundleVerifier.verify(bundle);
            // every check but the checkpoint's signature: this fixture's log key is a placeholder
            assertTrue(checks.stream().filter(c -> !c.name().equals("checkpoint signatures")).allMatch(BundleVerifier.Check::passed)
                    && checks.size() > 10, "period " + number + ": " + checks);
        }
    }

    @Test
    void aPeriodAcrossARecordedMeterReplacementIsCountedPerMeterAndVerifiesFromItsBundle() throws Exception {
        String admin = ServiceFixture.signInAsAdmin(client);
        Map<String, String> tokens = tokens(admin, "-sw");
        String operator = tokens.get("OPERATOR");
        registeredProject(admin, tokens, "nara-sw", "pv-sw", "SN-pv-sw", "site-sw", "SN-site-sw", Map.of("2026", new BigDecimal("0.45")),
                true);
        Map<String, String> period = Map.of("from", OCTOBER.toString(), "to", OCTOBER.plusSeconds(2 * 3600).toString());
        Problem unrecorded = ServiceFixture.refused(client, HttpRequest.POST("/projects/nara-sw/periods", period)
                .bearerAuth(tokens.get("CREATOR")), HttpStatus.CONFLICT);
        assertTrue(unrecorded.detail().startsWith("device pv-sw changed meters within the period"), unrecorded.detail());

        client.toBlocking().exchange(HttpRequest.POST("/devices/pv-sw/meter-replacements", Map.of("finalSequence", 3,
                "oldSerial", "SN-pv-sw", "newSerial", "SN-pv-sw-new")).bearerAuth(operator));
        MonitoringPeriod closed = client.toBlocking().retrieve(HttpRequest.POST("/projects/nara-sw/periods", period)
                .bearerAuth(tokens.get("CREATOR")), MonitoringPeriod.class);
        // Old meter #1 -> #3: 5,000 kWh; new meter #4 -> #5: 2,500 kWh (its register 900 MWh higher is no one's
        // generation); export 500 kWh. EL_self 7,000 kWh x 0.45 = 3.15 t -> 3 credits.
        String claim = client.toBlocking().retrieve(HttpRequest.GET("/projects/nara-sw/periods/" + closed.number() + "/claim.txt")
                .bearerAuth(admin));
        assertTrue(claim.contains("energy-wh pv-sw 7500000\n") && claim.contains("meter-replaced-after pv-sw 3\n")
                && claim.contains("credits 3\n"), claim);
        ProofBundle bundle = ProofBundleJson.read(client.toBlocking().retrieve(HttpRequest.GET("/projects/nara-sw/periods/"
                + closed.number() + "/bundle.json").bearerAuth(tokens.get("VERIFIER")), byte[].class));
        assertEquals(Map.of("pv-sw", List.of(3L)), bundle.meterReplacements());
        assertEquals(closed.latest().claimSha256(), HexFormat.of().formatHex(bundle.claimDigest()), "the bundle's claim is the one on chain");
        List<BundleVerifier.Check> checks = BundleVerifier.verify(bundle);
        assertTrue(checks.stream().filter(c -> !c.name().equals("checkpoint signatures")).allMatch(BundleVerifier.Check::passed)
                && checks.size() > 10, checks.toString());
        Problem tooMany = ServiceFixture.refused(client, HttpRequest.GET("/projects/nara-sw/periods/" + closed.number()
                + "/bundle.json?readings=all").bearerAuth(tokens.get("VERIFIER")), HttpStatus.BAD_REQUEST);
        assertTrue(tooMany.detail().matches("the period holds \\d+ readings, more than the 4 a bundle of every reading is built for.*"),
                tooMany.detail());
    }

    @Test
    void aSelfConsumptionPeriodIsClaimedOnChainAndItsBundleRecomputesExportAndReductions() throws Exception {
        String admin = ServiceFixture.signInAsAdmin(client);
        Map<String, String> tokens = tokens(admin, "-jc");
        registeredProject(admin, tokens, "osaka-jc", "pv-jc", "SN-pv-jc", "site-jc", "SN-site-jc", Map.of("2026", new BigDecimal("0.45")),
                false);

        Problem pastTheSchemesEnd = ServiceFixture.refused(client, HttpRequest.POST("/projects/osaka-jc/periods", Map.of("from",
                "2031-03-01T00:00:00Z", "to", "2031-04-01T00:00:00Z")).bearerAuth(tokens.get("CREATOR")), HttpStatus.CONFLICT);
        assertTrue(pastTheSchemesEnd.detail().startsWith("the crediting period ends at 2031-03-31T15:00:00Z"), pastTheSchemesEnd.detail());

        MonitoringPeriod closed = client.toBlocking().retrieve(HttpRequest.POST("/projects/osaka-jc/periods", Map.of("from",
                T0.toString(), "to", T0.plusSeconds(2 * 3600).toString())).bearerAuth(tokens.get("CREATOR")), MonitoringPeriod.class);
        assertEquals(PeriodState.SUBMITTED, closed.state());
        // Generation 4 steps x 2,500 kWh = 10 MWh; export from T0 - 15 min to T0 + 2 h 15 min: 5 x 100 kWh = 0.5 MWh.
        // Neither meter has a calibration certificate: class 0.5S takes 0.5 % off generation (50 kWh) and adds 0.5 % to
        // export (2.5 kWh). EL_self = 9.95 - 0.5025 = 9.4475 MWh x 0.45 t/MWh = 4.251375 t -> 4 credits.
        String claim = client.toBlocking().retrieve(HttpRequest.GET("/projects/osaka-jc/periods/1/claim.txt").bearerAuth(admin));
        String wholePeriod = T0 + "/" + T0.plusSeconds(2 * 3600);
        assertTrue(claim.contains("uncalibrated pv-jc 0.5S 50000 " + wholePeriod + "\nuncalibrated site-jc 0.5S 2500 " + wholePeriod
                + "\nfiscal-year 2026\nexport-wh site-jc 500000\nself-consumed-wh 9447500\n"), claim);
        assertEquals(4, chain.readChain.period(closed.chainPeriodId()).claim().credits());
        assertEquals(closed.latest().claimSha256(), HexFormat.of().formatHex(chain.readChain.period(closed.chainPeriodId()).claim()
                .reportHash()));

        byte[] json = client.toBlocking().retrieve(HttpRequest.GET("/projects/osaka-jc/periods/1/bundle.json").bearerAuth(
                tokens.get("VERIFIER")), byte[].class);
        ProofBundle bundle = ProofBundleJson.read(json);
        assertEquals(closed.latest().claimSha256(), HexFormat.of().formatHex(bundle.claimDigest()), "the bundle's claim is the one on chain");
        List<BundleVerifier.Check> checks = BundleVerifier.verify(bundle);
        for (String name : List.of("signatures", "inclusion proofs", "chain pv-jc", "chain site-jc", "methodology", "energy pv-jc", "fiscal year",
                "export site-jc", "calibration pv-jc", "calibration site-jc", "self-consumption", "emission reductions", "credits")) {
            BundleVerifier.Check check = checks.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no check " + name + ": " + checks));
            assertTrue(check.passed(), check + "\n" + checks);
        }

        Map<?, ?> checklist = client.toBlocking().retrieve(HttpRequest.GET("/projects/osaka-jc/periods/1/checklist").bearerAuth(
                tokens.get("VERIFIER")), Map.class);
        Map<Object, Object> evidence = ((List<?>) checklist.get("items")).stream().map(item -> (Map<?, ?>) item)
                .collect(java.util.stream.Collectors.toMap(item -> item.get("id"), item -> item.get("evidence")));
        for (String check : List.of("keys", "completeness", "calibration")) {
            assertTrue(String.valueOf(evidence.get(check)).matches("(all 2 meters|\\d+ of 2 meters fail).*"),
                    "the site meter is checked like the generation meter: " + check + ": " + evidence.get(check));
        }
        assertTrue(String.valueOf(evidence.get("calibration")).contains("site-jc (no certificate recorded)"), evidence.toString());
        assertTrue(String.valueOf(evidence.get("plan-conformity")).startsWith("the report's 2 meters are the project's registered meters"),
                "the site meter is one of the plan's monitoring points: " + evidence.get("plan-conformity"));
    }

    @Test
    void aHomeWithABatteryIsClaimedOnChainAndItsBundleRecomputesTheBatteryTerms() throws Exception {
        String admin = ServiceFixture.signInAsAdmin(client);
        Map<String, String> tokens = tokens(admin, "-bt");
        registeredProject(admin, tokens, "sakai-bt", "pv-bt", "SN-pv-bt", "site-bt", "SN-site-bt", "bat-bt",
                Map.of("2026", new BigDecimal("0.45")), true);
        // A programme of one home: enrolled from 1 June, so it credits throughout the period.
        client.toBlocking().exchange(HttpRequest.POST("/projects/sakai-bt/member-sites", List.of(Map.of("siteId", "sakai-bt-site",
                "consentSha256", "c0".repeat(32), "eligibilitySha256", "e1".repeat(32), "joinedOn", "2026-06-01",
                "creditingStartOn", "2026-06-01", "dataSource", "route-b"))).bearerAuth(tokens.get("CREATOR")));
        MonitoringPeriod closed = client.toBlocking().retrieve(HttpRequest.POST("/projects/sakai-bt/periods", Map.of("from",
                DECEMBER.toString(), "to", DECEMBER.plusSeconds(2 * 3600).toString())).bearerAuth(tokens.get("CREATOR")), MonitoringPeriod.class);
        // Generation 4 x 2,500 kWh = 10 MWh; export 5 x 100 kWh outward = 0.5 MWh. Battery (read at -20, +10, +40 ... min):
        // charge outward from -20 to +130 min, 5 x 200 kWh = 1 MWh; discharge inward from +10 to +100 min, 3 x 150 kWh =
        // 0.45 MWh; withheld 1 - 0.45 + 0.1 (capacity) = 0.65 MWh. EL_self = 10 - 0.5 - 0.65 = 8.85 MWh x 0.45 = 3.9825 t -> 3.
        String claim = client.toBlocking().retrieve(HttpRequest.GET("/projects/sakai-bt/periods/" + closed.number() + "/claim.txt")
                .bearerAuth(admin));
        assertTrue(claim.contains("export-wh site-bt 500000\nbattery bat-bt 1000000 450000 100000\nself-consumed-wh 8850000\n")
                && claim.contains("credits 3\n"), claim);
        assertEquals(3, chain.readChain.period(closed.chainPeriodId()).claim().credits());
        ProofBundle bundle = ProofBundleJson.read(client.toBlocking().retrieve(HttpRequest.GET("/projects/sakai-bt/periods/"
                + closed.number() + "/bundle.json").bearerAuth(tokens.get("VERIFIER")), byte[].class));
        assertEquals(closed.latest().claimSha256(), HexFormat.of().formatHex(bundle.claimDigest()), "the bundle's claim is the one on chain");
        List<BundleVerifier.Check> checks = BundleVerifier.verify(bundle);
        assertTrue(checks.stream().filter(c -> !c.name().equals("checkpoint signatures")).allMatch(BundleVerifier.Check::passed),
                checks.toString());
        assertTrue(checks.stream().anyMatch(c -> c.name().equals("battery bat-bt") && c.detail().contains("withholding 650000 Wh")),
                checks.toString());

        // The homes the verifier visits are drawn from the claim and its checkpoint: anyone redraws them.
        Map<?, ?> drawn = client.toBlocking().retrieve(HttpRequest.GET("/projects/sakai-bt/periods/" + closed.number()
                + "/member-sample?size=5").bearerAuth(tokens.get("VERIFIER")), Map.class);
        byte[] seed = io.solarmrv.attestation.MemberSample.seed(bundle.claimDigest(), HexFormat.of().parseHex(closed.logRoot()));
        assertEquals(HexFormat.of().formatHex(seed), drawn.get("seed"));
        assertEquals(List.of("sakai-bt-site"), drawn.get("members"));
        assertEquals(1, drawn.get("counted"));
        ServiceFixture.refused(client, HttpRequest.GET("/projects/sakai-bt/periods/" + closed.number() + "/member-sample")
                .bearerAuth(tokens.get("CREATOR")), HttpStatus.FORBIDDEN);
    }
}
