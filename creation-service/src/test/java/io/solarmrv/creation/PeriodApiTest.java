package io.solarmrv.creation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.solarmrv.attestation.Sha256;
import io.solarmrv.creation.period.Finding;
import io.solarmrv.creation.period.MonitoringPeriod;
import io.solarmrv.creation.period.PeriodState;
import io.solarmrv.ledger.AnvilNode;
import io.solarmrv.ledger.PeriodClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.crypto.Credentials;

/**
 * Monitoring periods from closing to issuance through the API, on a real anvil with the deployed
 * contracts and a real PostgreSQL holding an anchored log. The chain's accounts: 0 registrar and
 * issuer (the service), 1 the project participant (the service, for creators), 2 the verifier
 * (its key stays with the test, as it would with the verifier).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeriodApiTest implements TestPropertyProvider {
    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    private static final String DEVICE = "pv-plant";

    private static EmbeddedPostgres postgres;
    private static ChainFixture chain;
    private static PeriodClient verifierKey;
    private static PeriodClient readChain;
    private static AnvilNode anvil;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    io.solarmrv.creation.period.Periods periods;

    private String admin;
    private final Map<String, String> tokens = new HashMap<>();

    /** The plant's readings: every 30 minutes from T0 - 30 min; the checkpoint covers the first 28, the last two are in the log only. */
    @Override
    public Map<String, String> getProperties() {
        postgres = ServiceFixture.startPostgres();
        chain = ChainFixture.start(postgres, DEVICE, T0, 30, 28);
        verifierKey = chain.verifierKey;
        readChain = chain.readChain;
        anvil = chain.anvil;
        Map<String, String> properties = new HashMap<>(ServiceFixture.properties(postgres));
        properties.putAll(chain.properties());
        properties.put("mrv.log.verifier-key", "solar-mrv.test/log+00000000+AAAA");
        return properties;
    }

    @BeforeAll
    void accountsAndProject() {
        admin = ServiceFixture.signInAsAdmin(client);
        for (String role : List.of("CREATOR", "VERIFIER", "AUDITOR")) {
            tokens.put(role, (String) client.toBlocking().retrieve(HttpRequest.POST("/tokens",
                    Map.of("name", role.toLowerCase(), "role", role)).bearerAuth(admin), Map.class).get("token"));
        }
        client.toBlocking().exchange(HttpRequest.POST("/sites", Map.of("id", "plant-site", "name", "Plant", "latitude", 35.0,
                "longitude", 139.0)).bearerAuth(admin));
        client.toBlocking().exchange(HttpRequest.POST("/devices", List.of(Map.of("id", DEVICE, "siteId", "plant-site",
                "gatewayId", "gw-1", "kind", "inverter", "meterSerial", "SN-" + DEVICE, "nameplateW", 1_500_000, "accuracyClass", "0.5S")))
                .bearerAuth(admin));
        client.toBlocking().exchange(HttpRequest.POST("/devices/" + DEVICE + "/calibrations", Map.of("certificateId", "JEMIC-1",
                "issuer", "JEMIC", "calibratedOn", "2026-01-10", "validUntil", "2036-01-10")).bearerAuth(admin));
        client.toBlocking().exchange(HttpRequest.POST("/projects", new Project("plant", "Plant PV", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.5"), List.of(DEVICE), null, null, null)).bearerAuth(tokens.get("CREATOR")));
        ServiceFixture.addMember(client, admin, "plant", "token:verifier");
        ServiceFixture.register(client, "plant", tokens.get("CREATOR"), tokens.get("VERIFIER"), admin, "2026-06-01");
    }

    @AfterAll
    void stop() throws Exception {
        chain.close();
        postgres.close();
    }

    private MonitoringPeriod call(MutableHttpRequest<?> request, String token) {
        return client.toBlocking().retrieve(request.bearerAuth(token), MonitoringPeriod.class);
    }

    private MonitoringPeriod close(int fromHours, int toHours) {
        return call(HttpRequest.POST("/projects/plant/periods", Map.of("from", T0.plusSeconds(3600L * fromHours).toString(),
                "to", T0.plusSeconds(3600L * toHours).toString())), tokens.get("CREATOR"));
    }

    /** The verifier signs with its own key, as the chain's digest says, and posts the signature. */
    private MonitoringPeriod decide(MonitoringPeriod period, boolean approve, String statement) throws Exception {
        byte[] signature = verifierKey.signDecision(period.chainPeriodId(), approve, Sha256.hash(statement.getBytes(StandardCharsets.UTF_8)));
        return call(HttpRequest.POST("/projects/plant/periods/" + period.number() + "/decision", Map.of("approve", approve,
                "statement", statement, "signature", HexFormat.of().formatHex(signature))), tokens.get("VERIFIER"));
    }

    /** A step on a finding of period 5 by the role's token. */
    private Finding step(String path, String text, String role) {
        return client.toBlocking().retrieve(HttpRequest.POST("/projects/plant/periods/5/findings" + path, Map.of("text", text))
                .bearerAuth(tokens.get(role)), Finding.class);
    }

    /** The plant's period closed last. */
    private MonitoringPeriod latestPeriod() {
        MonitoringPeriod[] all = client.toBlocking().retrieve(HttpRequest.GET("/projects/plant/periods").bearerAuth(admin),
                MonitoringPeriod[].class);
        return all[all.length - 1];
    }

    private Problem refused(MutableHttpRequest<?> request, String token, HttpStatus expected) {
        return ServiceFixture.refused(client, request.bearerAuth(token), expected);
    }

    private void flagStale(int sequence) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement flag = c.prepareStatement("INSERT INTO quality_flags VALUES (?, ?, ?, 'stale')")) {
            flag.setString(1, DEVICE);
            flag.setLong(2, sequence);
            flag.setLong(3, T0.plusSeconds(1800L * (sequence - 1)).toEpochMilli());
            flag.executeUpdate();
        }
    }

    @Test
    @Order(1)
    void aPeriodGoesFromClosingThroughVerificationToIssuedCredits() throws Exception {
        MonitoringPeriod closed = close(0, 2);
        assertEquals(PeriodState.SUBMITTED, closed.state());
        String claimText = client.toBlocking().retrieve(HttpRequest.GET("/projects/plant/periods/1/claim.txt").bearerAuth(admin));
        assertTrue(claimText.contains("energy-wh pv-plant 3000000\n"), claimText);
        String claimSha256 = HexFormat.of().formatHex(Sha256.hash(claimText.getBytes(StandardCharsets.UTF_8)));
        assertEquals(claimSha256, closed.latest().claimSha256());
        assertEquals(claimSha256, HexFormat.of().formatHex(readChain.period(closed.chainPeriodId()).claim().reportHash()),
                "the chain holds the hash of the claim the service shows");

        String statement = "all 14 machine checks passed; site visit 2026-07-10; calibration certificate JEMIC-0042 seen";
        Map<?, ?> digest = client.toBlocking().retrieve(HttpRequest.GET("/projects/plant/periods/1/decision-digest?approve=true&statement="
                + java.net.URLEncoder.encode(statement, StandardCharsets.UTF_8)).bearerAuth(tokens.get("VERIFIER")), Map.class);
        assertEquals(HexFormat.of().formatHex(readChain.decisionDigest(closed.chainPeriodId(), true,
                Sha256.hash(statement.getBytes(StandardCharsets.UTF_8)))), digest.get("digest"));
        MonitoringPeriod approved = decide(closed, true, statement);
        assertEquals(PeriodState.APPROVED, approved.state());
        assertEquals(PeriodClient.PeriodStatus.APPROVED, readChain.period(closed.chainPeriodId()).status());

        refused(HttpRequest.POST("/projects/plant/periods/1/issue", ""), admin, HttpStatus.CONFLICT);
        assertEquals(PeriodState.ISSUANCE_REQUESTED,
                call(HttpRequest.POST("/projects/plant/periods/1/issuance", ""), tokens.get("CREATOR")).state());
        Problem noPlan = refused(HttpRequest.POST("/projects/plant/periods/1/issue", ""), admin, HttpStatus.CONFLICT);
        assertTrue(noPlan.detail().contains("has no allocation plan"), noPlan.detail());
        Problem unauthorizedAdjustment = refused(HttpRequest.PUT("/projects/plant/allocation", Map.of("governmentFunded", true,
                "shares", List.of(Map.of("account", "jp-co", "party", "JAPANESE_PARTICIPANT", "basisPoints", 5_000),
                        Map.of("account", "mn-gov", "party", "PARTNER_GOVERNMENT", "basisPoints", 5_000)))),
                tokens.get("CREATOR"), HttpStatus.BAD_REQUEST);
        assertTrue(unauthorizedAdjustment.detail().startsWith("a government-funded project gives at least half of Japan's share"),
                unauthorizedAdjustment.detail());
        client.toBlocking().exchange(HttpRequest.PUT("/projects/plant/allocation", Map.of("governmentFunded", false,
                "shares", List.of(Map.of("account", "jp-co", "party", "JAPANESE_PARTICIPANT", "basisPoints", 5_000),
                        Map.of("account", "mn-gov", "party", "PARTNER_GOVERNMENT", "basisPoints", 5_000))))
                .bearerAuth(tokens.get("CREATOR")));
        refused(HttpRequest.POST("/projects/plant/periods/1/issue", Map.of("authorization", "MN-LoA-2026-07",
                "correspondingAdjustment", "NOT_APPLICABLE")), admin, HttpStatus.BAD_REQUEST);
        MonitoringPeriod issued = call(HttpRequest.POST("/projects/plant/periods/1/issue", Map.of("authorization", "MN-LoA-2026-07",
                "correspondingAdjustment", "PENDING")), admin);
        assertEquals(PeriodState.ISSUED, issued.state());
        // 3 MWh x 0.5 t/MWh = 1.5 t -> 1 credit
        assertEquals(1, issued.lastSerial() - issued.firstSerial() + 1);
        assertEquals(PeriodClient.IssuanceStatus.ISSUED, readChain.issuance(closed.chainPeriodId()).status());
        String participant = (String) client.toBlocking().retrieve(HttpRequest.GET("/projects/plant/participant")
                .bearerAuth(tokens.get("CREATOR")), Map.class).get("address");
        assertTrue(participant.equalsIgnoreCase(readChain.participantOf(PeriodClient.idOf("plant"))), "the chain's participant of the project");
        assertTrue(participant.equalsIgnoreCase(readChain.issuance(closed.chainPeriodId()).holder()), "its credits are held by it");
        assertFalse(participant.equalsIgnoreCase(anvil.address(1)), "the project's own account, not the service's participant secret's");
        assertEquals(issued, call(HttpRequest.POST("/projects/plant/periods/1/issue", ""), admin), "issuing twice changes nothing");

        Map<?, ?> issuance = client.toBlocking().retrieve(HttpRequest.GET("/projects/plant/periods/1/issuance").bearerAuth(admin), Map.class);
        assertEquals(List.of(Map.of("account", "jp-co", "party", "JAPANESE_PARTICIPANT", "credits", 1, "firstSerial", 1, "lastSerial", 1),
                Map.of("account", "mn-gov", "party", "PARTNER_GOVERNMENT", "credits", 0, "firstSerial", 2, "lastSerial", 1)),
                issuance.get("allocations"), "one credit, an even split: the tie goes to the first account of the plan");
        assertEquals(Map.of("authorization", "MN-LoA-2026-07", "correspondingAdjustment", "PENDING"), issuance.get("article6"));
        Map<?, ?> applied = client.toBlocking().retrieve(HttpRequest.PUT("/projects/plant/periods/1/article6", Map.of(
                "authorization", "MN-LoA-2026-07", "correspondingAdjustment", "APPLIED")).bearerAuth(admin), Map.class);
        assertEquals("APPLIED", ((Map<?, ?>) applied.get("article6")).get("correspondingAdjustment"));
        Problem fixed = refused(HttpRequest.PUT("/projects/plant/allocation", Map.of("governmentFunded", false, "shares",
                List.of(Map.of("account", "jp-co", "party", "JAPANESE_PARTICIPANT", "basisPoints", 10_000)))),
                tokens.get("CREATOR"), HttpStatus.CONFLICT);
        assertTrue(fixed.detail().contains("its allocation is fixed"), fixed.detail());
    }

    @Test
    @Order(2)
    void theChecklistEvidencesWhatTheMachineCanAndLeavesTheRestToTheVerifier() throws Exception {
        client.toBlocking().exchange(HttpRequest.POST("/devices/keys", io.solarmrv.attestation.DeviceRegistry.registrationLine(DEVICE,
                io.solarmrv.attestation.GatewayKey.generate(new java.security.SecureRandom())))
                .contentType(io.micronaut.http.MediaType.TEXT_PLAIN).bearerAuth(admin));

        // The meter's certificate was recorded before the period closed (setUp); PagesBrowserTest sees the item fail without one.
        Map<String, String> after = outcomes();
        assertEquals(Map.ofEntries(Map.entry("on-chain", "PASS"), Map.entry("recomputed", "PASS"), Map.entry("emission-factor", "PASS"),
                Map.entry("crediting-period", "PASS"), Map.entry("eligibility", "PASS"), Map.entry("plan-conformity", "PASS"),
                Map.entry("keys", "PASS"), Map.entry("continuity", "PASS"),
                Map.entry("completeness", "PASS"), Map.entry("calibration", "PASS"),
                Map.entry("quality-flags", "PASS"), Map.entry("counted-once", "PASS"), Map.entry("findings", "PASS"),
                Map.entry("materiality", "VERIFIER"), Map.entry("other-schemes", "VERIFIER"), Map.entry("site-visit", "VERIFIER"), Map.entry("certificates", "VERIFIER")), after);
        assertEquals(List.copyOf(after.keySet()), java.util.Arrays.stream(io.solarmrv.creation.period.CheckItem.values())
                .map(io.solarmrv.creation.period.CheckItem::id).toList(), "every item, in CheckItem's order");
        Map<String, String> evidence = evidence();
        assertTrue(evidence.get("crediting-period").startsWith("registered 2026-06-01; crediting period from 2026-06-01T00:00:00Z"),
                evidence.get("crediting-period"));
        assertEquals("the report's 1 meters are the project's registered meters; generation nameplate 1500 kW; meter replacements in"
                + " the period: none", evidence.get("plan-conformity"));
        assertTrue(evidence.get("eligibility").startsWith("TH_AM001 Ver1.0 computes the project's registered devices: 1 generation"),
                evidence.get("eligibility"));
        assertTrue(evidence.get("on-chain").startsWith("chain period #1 records exactly version 1's claim (hash "), evidence.get("on-chain"));
        assertEquals("no findings raised", evidence.get("findings"));
        assertTrue(evidence.get("materiality").startsWith("excluded for quality flags 0 Wh, calibration corrections 0 Wh: 0.000% of"
                + " the 3000000 Wh metered"), evidence.get("materiality"));
    }

    private Map<String, String> evidence() {
        Map<?, ?> checklist = client.toBlocking().retrieve(HttpRequest.GET("/projects/plant/periods/1/checklist")
                .bearerAuth(tokens.get("VERIFIER")), Map.class);
        Map<String, String> evidence = new java.util.LinkedHashMap<>();
        for (Object item : (List<?>) checklist.get("items")) {
            evidence.put((String) ((Map<?, ?>) item).get("id"), (String) ((Map<?, ?>) item).get("evidence"));
        }
        return evidence;
    }

    private Map<String, String> outcomes() {
        Map<?, ?> checklist = client.toBlocking().retrieve(HttpRequest.GET("/projects/plant/periods/1/checklist")
                .bearerAuth(tokens.get("VERIFIER")), Map.class);
        Map<String, String> outcomes = new java.util.LinkedHashMap<>();
        for (Object item : (List<?>) checklist.get("items")) {
            Map<?, ?> entry = (Map<?, ?>) item;
            assertTrue(!((String) entry.get("evidence")).isBlank(), "every item states its evidence");
            outcomes.put((String) entry.get("id"), (String) entry.get("outcome"));
        }
        return outcomes;
    }

    @Test
    @Order(3)
    void theReportDownloadsAsTheJcmMonitoringReportSheetInEnglishAndJapanese() throws Exception {
        for (String lang : List.of("en", "ja")) {
            io.micronaut.http.HttpResponse<byte[]> response = client.toBlocking().exchange(
                    HttpRequest.GET("/projects/plant/periods/1/report.xlsx?lang=" + lang).bearerAuth(tokens.get("VERIFIER")), byte[].class);
            assertTrue(response.header("Content-Disposition").contains("plant-period-1-v1-" + lang + ".xlsx"));
            try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(response.body()))) {
                var sheet = workbook.getSheetAt(0);
                var language = io.solarmrv.creation.report.ReportLanguage.parse(lang);
                List<String> header = new java.util.ArrayList<>();
                sheet.getRow(6).forEach(cell -> header.add(cell.getStringCellValue()));
                assertEquals(io.solarmrv.creation.report.MonitoringSheet.columns(language), header);
                Map<String, org.apache.poi.ss.usermodel.Row> byParameter = new java.util.HashMap<>();
                for (int r = 7; r <= sheet.getLastRowNum(); r++) {
                    byParameter.put(sheet.getRow(r).getCell(2).getStringCellValue(), sheet.getRow(r));
                }
                assertEquals(3.0, byParameter.get("EG_" + DEVICE + ",p").getCell(4).getNumericCellValue(), 1e-9, "3 MWh credited");
                assertEquals("C", byParameter.get("EG_" + DEVICE + ",p").getCell(6).getStringCellValue(), "own measurement");
                assertTrue(byParameter.get("EG_" + DEVICE + ",p").getCell(7).getStringCellValue().contains("SN-" + DEVICE),
                        "the meter serial from the registry");
                assertEquals(0.5, byParameter.get("EF_RE").getCell(4).getNumericCellValue(), 1e-9);
                assertEquals(1.5, byParameter.get("ER_p").getCell(4).getNumericCellValue(), 1e-9);
                assertEquals(call(HttpRequest.GET("/projects/plant/periods/1"), admin).versions().get(0).claimSha256(),
                        sheet.getRow(4).getCell(1).getStringCellValue(), "the sheet names the hash on chain");
            }
        }
        refused(HttpRequest.GET("/projects/plant/periods/1/report.xlsx?lang=fr"), admin, HttpStatus.BAD_REQUEST);
    }

    @Test
    @Order(3)
    void theReportDownloadsAsAPdfInEnglishAndJapaneseWithTheFiguresAndTheHashOnChain() throws Exception {
        String claim = call(HttpRequest.GET("/projects/plant/periods/1"), admin).versions().get(0).claimSha256();
        Map<String, List<String>> expected = Map.of(
                "en", List.of("Monitoring report", "JCM Monitoring Report Sheet", "Credited generation (EG) 3000.000 kWh",
                        "Credits (rounded down) 1 tCO2", "EG_" + DEVICE + ",p = 3.000000 MWh/p"),
                "ja", List.of("モニタリング報告書", "JCM モニタリング報告シート", "クレジット対象の発電量 (EG) 3000.000 kWh",
                        "クレジット (切り捨て) 1 tCO2", "メーター SN-" + DEVICE + " の署名済み読み取り値"));
        for (String lang : List.of("en", "ja")) {
            io.micronaut.http.HttpResponse<byte[]> response = client.toBlocking().exchange(
                    HttpRequest.GET("/projects/plant/periods/1/report.pdf?lang=" + lang).bearerAuth(tokens.get("AUDITOR")), byte[].class);
            assertEquals("application/pdf", response.getContentType().orElseThrow().toString());
            assertTrue(response.header("Content-Disposition").contains("plant-period-1-v1-" + lang + ".pdf"));
            try (var pdf = org.apache.pdfbox.Loader.loadPDF(response.body())) {
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
                assertTrue(text.contains(claim), "the PDF names the claim hash on chain");
                for (String line : expected.get(lang)) {
                    assertTrue(text.contains(line), lang + " PDF lacks '" + line + "':\n" + text);
                }
                assertTrue(!text.contains("?"), "every character had a glyph: " + text);
            }
        }
        refused(HttpRequest.GET("/projects/plant/periods/1/report.pdf?lang=de"), admin, HttpStatus.BAD_REQUEST);
        refused(HttpRequest.GET("/projects/plant/periods/1/report.pdf?version=9"), admin, HttpStatus.NOT_FOUND);
    }

    @Test
    @Order(4)
    void theProofBundleDownloadsForMrvVerifyAndNamesTheClaimOnChain() throws Exception {
        MonitoringPeriod period = call(HttpRequest.GET("/projects/plant/periods/1"), admin);
        byte[] json = client.toBlocking().retrieve(HttpRequest.GET("/projects/plant/periods/1/bundle.json")
                .bearerAuth(tokens.get("VERIFIER")), byte[].class);
        io.solarmrv.attestation.ProofBundle bundle = io.solarmrv.bundle.ProofBundleJson.read(json);
        assertTrue(java.util.Arrays.equals(readChain.period(period.chainPeriodId()).claim().reportHash(), bundle.claimDigest()),
                "the bundle's claims are the ones whose hash is on chain");
        assertEquals(period.chainPeriodId(), bundle.anchor().periodId());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), bundle.readings().stream().map(r -> r.leafIndex()).toList(),
                "the period's bounds and its one device-day, drawn whole: every reading, the one just before and the one after");
        var selection = (io.solarmrv.attestation.ProofBundle.Selection.BoundsAndSamples) bundle.selection();
        assertEquals(10, selection.samplesRequested());
        assertEquals(1, selection.samples().size(), "one device, one day: " + selection.samples());
        assertEquals(java.util.Map.of(DEVICE, io.solarmrv.attestation.methodology.VoidingRules.defaults(1_500_000)),
                selection.voidingRules(), "the verifier re-runs the voiding rules with the registered nameplate");
        io.solarmrv.attestation.ProofBundle every = io.solarmrv.bundle.ProofBundleJson.read(client.toBlocking().retrieve(
                HttpRequest.GET("/projects/plant/periods/1/bundle.json?readings=all").bearerAuth(tokens.get("VERIFIER")), byte[].class));
        assertInstanceOf(io.solarmrv.attestation.ProofBundle.Selection.Complete.class, every.selection());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), every.readings().stream().map(r -> r.leafIndex()).toList());
        refused(HttpRequest.GET("/projects/plant/periods/1/bundle.json?readings=some"), tokens.get("VERIFIER"), HttpStatus.BAD_REQUEST);
        byte[] root = bundle.checkpoints().get(bundle.checkpoints().size() - 1).root();
        for (var reading : bundle.readings()) {
            assertTrue(io.solarmrv.attestation.MerkleVerifier.verifyInclusion(reading.leafIndex(), reading.treeSize(),
                    io.solarmrv.attestation.MerkleHash.leafHash(reading.envelope()), reading.inclusionProof(), root));
        }
        assertTrue(bundle.registry().contains(DEVICE + " ed25519:"), "the registry's key lines for the devices");
    }

    @Test
    @Order(5)
    void aVerifiersSampleComesWithInclusionProofsAgainstTheAnchoredRootAndCanBeRedrawn() throws Exception {
        MonitoringPeriod period = call(HttpRequest.GET("/projects/plant/periods/1"), admin);
        byte[] chainRoot = readChain.period(period.chainPeriodId()).claim().logRoot();
        Map<?, ?> sample = client.toBlocking().retrieve(HttpRequest.POST("/projects/plant/periods/1/samples",
                Map.of("size", 3, "seed", "01020304")).bearerAuth(tokens.get("VERIFIER")), Map.class);
        assertEquals(HexFormat.of().formatHex(chainRoot), sample.get("root"), "proofs are against the root the claim rests on");
        List<?> readings = (List<?>) sample.get("readings");
        assertEquals(3, readings.size());
        List<Long> drawn = new java.util.ArrayList<>();
        for (Object item : readings) {
            Map<?, ?> reading = (Map<?, ?>) item;
            long index = ((Number) reading.get("leafIndex")).longValue();
            drawn.add(index);
            assertTrue(index >= 1 && index <= 5, "only the period's readings (leaves 1 to 5): " + index);
            byte[] leafHash = io.solarmrv.attestation.MerkleHash.leafHash(HexFormat.of().parseHex((String) reading.get("envelope")));
            List<byte[]> proof = ((List<?>) reading.get("inclusionProof")).stream().map(h -> HexFormat.of().parseHex((String) h)).toList();
            assertTrue(io.solarmrv.attestation.MerkleVerifier.verifyInclusion(index, period.logSize(), leafHash, proof, chainRoot),
                    "leaf " + index + " is in the anchored tree");
        }
        assertEquals(io.solarmrv.attestation.ReadingSample.draw(new byte[] {1, 2, 3, 4}, List.of(1L, 2L, 3L, 4L, 5L), 3), drawn,
                "anyone with the seed redraws the same readings");

        Map<?, ?> random = client.toBlocking().retrieve(HttpRequest.POST("/projects/plant/periods/1/samples",
                Map.of("size", 10)).bearerAuth(tokens.get("VERIFIER")), Map.class);
        assertEquals(64, ((String) random.get("seed")).length(), "a generated seed is returned");
        assertEquals(5, ((List<?>) random.get("readings")).size(), "a sample larger than the period is the whole period");
        AuditEntry[] audit = client.toBlocking().retrieve(HttpRequest.GET("/audit").bearerAuth(admin), AuditEntry[].class);
        assertTrue(java.util.Arrays.stream(audit).anyMatch(e -> e.action().equals("period.sample")
                && e.details().contains("\"seed\":\"" + random.get("seed") + "\"")), "every draw is recorded with its seed");

        Problem badSeed = refused(HttpRequest.POST("/projects/plant/periods/1/samples", Map.of("size", 3, "seed", "xyz")),
                tokens.get("VERIFIER"), HttpStatus.BAD_REQUEST);
        assertTrue(badSeed.detail().startsWith("'seed' must be"), badSeed.detail());
    }

    @Test
    @Order(6)
    void overlappingPeriodsUnanchoredReadingsAndUnregisteredProjectsAreRefused() {
        client.toBlocking().exchange(HttpRequest.POST("/projects", new Project("plant-2", "Plant PV, unregistered", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.5"), List.of(DEVICE), null, null, null)).bearerAuth(tokens.get("CREATOR")));
        Problem unregistered = refused(HttpRequest.POST("/projects/plant-2/periods", Map.of("from", T0.toString(),
                "to", T0.plusSeconds(3600).toString())), tokens.get("CREATOR"), HttpStatus.CONFLICT);
        assertTrue(unregistered.detail().contains("is not registered (next stage: PIN)"), unregistered.detail());
        Problem beforeRegistration = refused(HttpRequest.POST("/projects/plant/periods", Map.of("from", "2026-05-01T00:00:00Z",
                "to", "2026-05-02T00:00:00Z")), tokens.get("CREATOR"), HttpStatus.CONFLICT);
        assertTrue(beforeRegistration.detail().startsWith("monitoring periods count only from registration"), beforeRegistration.detail());

        Problem overlap = refused(HttpRequest.POST("/projects/plant/periods", Map.of("from", T0.plusSeconds(3600).toString(),
                "to", T0.plusSeconds(3 * 3600).toString())), tokens.get("CREATOR"), HttpStatus.CONFLICT);
        assertTrue(overlap.detail().startsWith("period 1 of plant overlaps"), overlap.detail());
        Problem unanchored = refused(HttpRequest.POST("/projects/plant/periods", Map.of("from", T0.plusSeconds(6 * 3600).toString(),
                "to", T0.plusSeconds(20 * 3600).toString())), tokens.get("CREATOR"), HttpStatus.CONFLICT);
        assertTrue(unanchored.detail().contains("close the period after the next anchor"), unanchored.detail());
    }

    @Test
    @Order(7)
    void lateDataAfterApprovalBlocksIssuanceWithANewVersionAndItsChanges() throws Exception {
        MonitoringPeriod closed = close(2, 4);
        decide(closed, true, "checked");
        flagStale(7);
        Problem blocked = refused(HttpRequest.POST("/projects/plant/periods/2/issuance", ""), tokens.get("CREATOR"), HttpStatus.CONFLICT);
        assertTrue(blocked.detail().contains("issuance is blocked until it is re-verified"), blocked.detail());
        MonitoringPeriod restated = call(HttpRequest.GET("/projects/plant/periods/2"), admin);
        assertEquals(PeriodState.RESTATED, restated.state());
        assertEquals(2, restated.versions().size());
        assertEquals(List.of("- voided pv-plant", "- excluded-energy-wh 0", "- emission-reductions-tco2 1.5",
                "+ voided pv-plant 7", "+ excluded-energy-wh 1500000", "+ emission-reductions-tco2 0.75", "- credits 1",
                "+ credits 0").stream().sorted().toList(), restated.latest().changes().stream().sorted().toList());
        assertEquals(PeriodClient.IssuanceStatus.NONE, readChain.issuance(closed.chainPeriodId()).status());

        // A request that read the period APPROVED, and acted while the restatement landed, records nothing over it.
        io.solarmrv.creation.period.Periods.PeriodChanged stale = org.junit.jupiter.api.Assertions.assertThrows(
                io.solarmrv.creation.period.Periods.PeriodChanged.class, () -> periods.issuanceRequested("plant", 2, "racing-request"));
        assertTrue(stale.getMessage().startsWith("period 2 of project plant is no longer APPROVED"), stale.getMessage());
        assertEquals(PeriodState.RESTATED, call(HttpRequest.GET("/projects/plant/periods/2"), admin).state(), "the restatement stands");
        AuditEntry[] entries = client.toBlocking().retrieve(HttpRequest.GET("/audit").bearerAuth(admin), AuditEntry[].class);
        assertTrue(java.util.Arrays.stream(entries).noneMatch(e -> e.actor().equals("racing-request")), "and no audit entry");
    }

    @Test
    @Order(8)
    void aRestatedPeriodIsRejectedAndClosedAgainOverTheSameInterval() throws Exception {
        MonitoringPeriod closed = close(4, 6);
        flagStale(11);
        assertEquals(PeriodState.RESTATED, call(HttpRequest.POST("/projects/plant/periods/3/restate", ""), tokens.get("VERIFIER")).state());
        Problem approve = refused(HttpRequest.POST("/projects/plant/periods/3/decision", Map.of("approve", true, "statement", "x",
                "signature", "00".repeat(65))), tokens.get("VERIFIER"), HttpStatus.CONFLICT);
        assertTrue(approve.detail().contains("can only be rejected"), approve.detail());
        assertEquals(PeriodState.REJECTED, decide(closed, false, "superseded by late data (version 2)").state());

        MonitoringPeriod again = close(4, 6);
        assertEquals(4, again.number());
        assertEquals(PeriodState.SUBMITTED, again.state());
        String claim = client.toBlocking().retrieve(HttpRequest.GET("/projects/plant/periods/4/claim.txt").bearerAuth(admin));
        assertTrue(claim.contains("voided pv-plant 11\n"), claim);
    }

    @Test
    @Order(9)
    void aDecisionSignedByAnyoneButAVerifierIsRefusedByTheChain() throws Exception {
        MonitoringPeriod closed = close(6, 8);
        byte[] digest = readChain.decisionDigest(closed.chainPeriodId(), true, Sha256.hash("forged".getBytes(StandardCharsets.UTF_8)));
        // Account 3 holds no verifier role.
        org.web3j.crypto.Sign.SignatureData s = org.web3j.crypto.Sign.signMessage(digest,
                Credentials.create(anvil.account(3).privateKeyHex()).getEcKeyPair(), false);
        String signature = HexFormat.of().formatHex(s.getR()) + HexFormat.of().formatHex(s.getS()) + HexFormat.of().formatHex(s.getV());
        Problem forged = refused(HttpRequest.POST("/projects/plant/periods/5/decision", Map.of("approve", true,
                "statement", "forged", "signature", signature)), tokens.get("VERIFIER"), HttpStatus.CONFLICT);
        assertTrue(forged.detail().startsWith("the chain refused: MonitoringRegistry.decide reverted"), forged.detail());
        assertEquals(PeriodState.SUBMITTED, call(HttpRequest.GET("/projects/plant/periods/5"), admin).state());

        Problem malformed = refused(HttpRequest.POST("/projects/plant/periods/5/decision", Map.of("approve", true,
                "statement", "x", "signature", "abc")), tokens.get("VERIFIER"), HttpStatus.BAD_REQUEST);
        assertTrue(malformed.detail().contains("65-byte"), malformed.detail());
    }

    @Test
    @Order(10)
    void findingsAreRaisedAnsweredAndClosedBeforeApprovalAndTheDecisionCitesThem() throws Exception {
        MonitoringPeriod period = call(HttpRequest.GET("/projects/plant/periods/5"), admin);
        assertEquals(PeriodState.SUBMITTED, period.state());
        String findings = "/projects/plant/periods/5/findings";
        Finding car = client.toBlocking().retrieve(HttpRequest.POST(findings, Map.of("type", "CAR", "checkId", "completeness",
                "text", "hour 7 has one reading where the plan says two")).bearerAuth(tokens.get("VERIFIER")), Finding.class);
        assertEquals(1, car.number());
        assertEquals(Finding.State.OPEN, car.state());
        client.toBlocking().retrieve(HttpRequest.POST(findings, Map.of("type", "CL", "text", "the meter seal number is not recorded"))
                .bearerAuth(tokens.get("VERIFIER")), Finding.class);
        client.toBlocking().retrieve(HttpRequest.POST(findings, Map.of("type", "FAR", "text", "check the seal at the next visit"))
                .bearerAuth(tokens.get("VERIFIER")), Finding.class);
        Problem badType = refused(HttpRequest.POST(findings, Map.of("type", "NCR", "text", "x")), tokens.get("VERIFIER"),
                HttpStatus.BAD_REQUEST);
        assertTrue(badType.detail().startsWith("'type' must be CAR (corrective action request)"), badType.detail());
        refused(HttpRequest.POST(findings, Map.of("type", "CAR", "text", "x")), tokens.get("CREATOR"), HttpStatus.FORBIDDEN);

        Map<?, ?> checklist = client.toBlocking().retrieve(HttpRequest.GET("/projects/plant/periods/5/checklist")
                .bearerAuth(tokens.get("VERIFIER")), Map.class);
        Map<?, ?> findingsItem = ((List<?>) checklist.get("items")).stream().map(i -> (Map<?, ?>) i)
                .filter(i -> i.get("id").equals("findings")).findFirst().orElseThrow();
        assertEquals("FAIL", findingsItem.get("outcome"));
        assertEquals("CAR 1 OPEN, CL 2 OPEN, FAR 3 OPEN", findingsItem.get("evidence"));

        String statement = "readings checked against the plan";
        Problem held = refused(HttpRequest.GET("/projects/plant/periods/5/decision-digest?approve=true&statement="
                + java.net.URLEncoder.encode(statement, StandardCharsets.UTF_8)), tokens.get("VERIFIER"), HttpStatus.CONFLICT);
        assertTrue(held.detail().endsWith("open: CAR 1 (OPEN), CL 2 (OPEN)"), held.detail());

        Problem early = refused(HttpRequest.POST(findings + "/1/close", Map.of("text", "fine")), tokens.get("VERIFIER"),
                HttpStatus.CONFLICT);
        assertEquals("CAR 1 is OPEN; it is closed after the participant's answer", early.detail());
        refused(HttpRequest.POST(findings + "/1/answer", Map.of("text", "x")), tokens.get("VERIFIER"), HttpStatus.FORBIDDEN);
        step("/1/answer", "the gateway restarted at 07:10; the log shows it", "CREATOR");
        step("/2/answer", "seal 4411", "CREATOR");
        step("/1/close", "restart confirmed in the agent's log", "VERIFIER");
        step("/2/reopen", "the photo shows 4417", "VERIFIER");
        step("/2/answer", "4417; 4411 was a typing error", "CREATOR");
        step("/2/close", "agreed", "VERIFIER");

        Finding[] all = client.toBlocking().retrieve(HttpRequest.GET(findings).bearerAuth(tokens.get("AUDITOR")), Finding[].class);
        assertEquals(List.of(Finding.State.CLOSED, Finding.State.CLOSED, Finding.State.OPEN),
                java.util.Arrays.stream(all).map(Finding::state).toList());
        assertEquals(List.of(Finding.Step.RAISED, Finding.Step.ANSWERED, Finding.Step.REOPENED, Finding.Step.ANSWERED,
                Finding.Step.CLOSED), all[1].thread().stream().map(Finding.Entry::step).toList());

        Map<?, ?> digest = client.toBlocking().retrieve(HttpRequest.GET("/projects/plant/periods/5/decision-digest?approve=true"
                + "&statement=" + java.net.URLEncoder.encode(statement, StandardCharsets.UTF_8)).bearerAuth(tokens.get("VERIFIER")), Map.class);
        String signed = (String) digest.get("statement");
        assertEquals(statement + Finding.citation(List.of(all)), signed, "the statement signed cites every finding, the FAR too");
        byte[] signedHash = Sha256.hash(signed.getBytes(StandardCharsets.UTF_8));
        byte[] signature = verifierKey.signDecision(period.chainPeriodId(), true, signedHash);
        MonitoringPeriod approved = call(HttpRequest.POST("/projects/plant/periods/5/decision", Map.of("approve", true,
                "statement", statement, "signature", HexFormat.of().formatHex(signature))), tokens.get("VERIFIER"));
        assertEquals(PeriodState.APPROVED, approved.state());
        assertEquals(signed, approved.decision().statement());
        assertEquals(HexFormat.of().formatHex(readChain.decisionDigest(period.chainPeriodId(), true, signedHash)), digest.get("digest"),
                "the chain's digest of the statement with its findings");

        Problem fixed = refused(HttpRequest.POST(findings + "/3/close", Map.of("text", "late")), tokens.get("VERIFIER"),
                HttpStatus.CONFLICT);
        assertTrue(fixed.detail().startsWith("period 5 is APPROVED; findings are raised and answered while it waits"), fixed.detail());

        String statementHash = HexFormat.of().formatHex(signedHash);
        Map<String, List<String>> expected = Map.of(
                "en", List.of("Verification report", "Approved by token:verifier", "CL 2 CLOSED", "REOPENED · token:verifier", "the photo shows 4417",
                        "findings · Every corrective action and clarification request is closed PASS", statementHash,
                        "13 items evidenced by the machine, 4 left to the verifier"),
                "ja", List.of("検証報告書", "承認 · 検証者 token:verifier", "CL 2 CLOSED", "the photo shows 4417",
                        "findings · すべての是正処置要求と明確化要求が完了している PASS", statementHash));
        for (String lang : List.of("en", "ja")) {
            io.micronaut.http.HttpResponse<byte[]> response = client.toBlocking().exchange(HttpRequest.GET(
                    "/projects/plant/periods/5/verification-report.pdf?lang=" + lang).bearerAuth(tokens.get("CREATOR")), byte[].class);
            assertTrue(response.header("Content-Disposition").contains("plant-period-5-verification-" + lang + ".pdf"));
            try (var pdf = org.apache.pdfbox.Loader.loadPDF(response.body())) {
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
                for (String line : expected.get(lang)) {
                    assertTrue(text.contains(line), lang + " PDF lacks '" + line + "':\n" + text);
                }
                assertTrue(!text.contains("?"), "every character had a glyph: " + text);
            }
        }
    }

    @Test
    @Order(11)
    void lateDataAfterIssuanceWasRequestedIsWithdrawnOnChainResubmittedAndVerifiedAfresh() throws Exception {
        MonitoringPeriod closed = close(8, 12);
        assertEquals(3, readChain.period(closed.chainPeriodId()).claim().credits(), "6 MWh x 0.5 t/MWh = 3 credits claimed");
        decide(closed, true, "checked");
        call(HttpRequest.POST("/projects/plant/periods/6/issuance", ""), tokens.get("CREATOR"));
        Problem notRestated = refused(HttpRequest.POST("/projects/plant/periods/6/resubmission", ""), tokens.get("CREATOR"),
                HttpStatus.CONFLICT);
        assertTrue(notRestated.detail().contains("only a RESTATED period"), notRestated.detail());
        flagStale(21);
        refused(HttpRequest.POST("/projects/plant/periods/6/resubmission", ""), tokens.get("VERIFIER"), HttpStatus.FORBIDDEN);

        MonitoringPeriod resubmitted = client.toBlocking().exchange(HttpRequest.POST("/projects/plant/periods/6/resubmission", "")
                .bearerAuth(tokens.get("CREATOR")), MonitoringPeriod.class).body();
        assertEquals(7, resubmitted.number());
        assertEquals(PeriodState.SUBMITTED, resubmitted.state());
        assertEquals(closed.from(), resubmitted.from());
        assertEquals(closed.to(), resubmitted.to());
        assertEquals(PeriodState.WITHDRAWN, call(HttpRequest.GET("/projects/plant/periods/6"), admin).state());
        assertEquals(PeriodClient.PeriodStatus.WITHDRAWN, readChain.period(closed.chainPeriodId()).status());
        Problem old = refused(HttpRequest.POST("/projects/plant/periods/6/issue", ""), admin, HttpStatus.CONFLICT);
        assertTrue(old.detail().contains("WITHDRAWN"), old.detail());
        // The stale reading voids two steps of 750 kWh: 4.5 MWh x 0.5 = 2.25 t -> 2 credits.
        assertEquals(2, readChain.period(resubmitted.chainPeriodId()).claim().credits());

        decide(resubmitted, true, "restated report checked");
        call(HttpRequest.POST("/projects/plant/periods/7/issuance", ""), tokens.get("CREATOR"));
        MonitoringPeriod issued = call(HttpRequest.POST("/projects/plant/periods/7/issue", ""), admin);
        assertEquals(PeriodState.ISSUED, issued.state());
        assertEquals(2, issued.lastSerial() - issued.firstSerial() + 1, "the restated figures are issued, once");
        assertEquals(PeriodClient.PeriodStatus.ISSUED, readChain.period(resubmitted.chainPeriodId()).status());
        assertEquals(PeriodClient.IssuanceStatus.REQUESTED, readChain.issuance(closed.chainPeriodId()).status(),
                "the withdrawn period's request stays unissued");
    }

    @Test
    @Order(12)
    void anEarlierPeriodRestatedWhileLaterOnesHoldTheDeviceIsResubmittedAndVerifiedAfresh() throws Exception {
        // Period 2 ([2 h, 4 h)) was restated by late data (order 7) and periods 4 to 7 followed it. Before, withdrawing it
        // freed nothing on chain (only the latest interval could be freed) and its resubmission reverted: stranded for ever.
        MonitoringPeriod resubmitted = client.toBlocking().exchange(HttpRequest.POST("/projects/plant/periods/2/resubmission", "")
                .bearerAuth(tokens.get("CREATOR")), MonitoringPeriod.class).body();
        assertEquals(8, resubmitted.number());
        assertEquals(T0.plusSeconds(2 * 3600), resubmitted.from());
        assertEquals(PeriodClient.PeriodStatus.SUBMITTED, readChain.period(resubmitted.chainPeriodId()).status());
        assertEquals(PeriodClient.PeriodStatus.WITHDRAWN, readChain.period(call(HttpRequest.GET("/projects/plant/periods/2"), admin)
                .chainPeriodId()).status());
        assertEquals(0, readChain.period(resubmitted.chainPeriodId()).claim().credits(), "0.75 t after the stale reading: 0 credits");
        assertEquals(PeriodState.APPROVED, decide(resubmitted, true, "restated report checked").state(),
                "verified afresh; issuing an earlier interval after a later one: PeriodLifecycleTest");
    }

    @Test
    @Order(13)
    void aRotatedParticipantKeyMovesTheProjectToANewAccountThatCarriesOn() throws Exception {
        String before = readChain.participantOf(PeriodClient.idOf("plant"));
        refused(HttpRequest.POST("/projects/plant/participant/rotations", Map.of("reason", "laptop lost")), tokens.get("CREATOR"),
                HttpStatus.FORBIDDEN);
        refused(HttpRequest.POST("/projects/plant/participant/rotations", Map.of("reason", " ")), admin, HttpStatus.BAD_REQUEST);
        String rotated = (String) client.toBlocking().retrieve(HttpRequest.POST("/projects/plant/participant/rotations",
                Map.of("reason", "the service's host was breached")).bearerAuth(admin), Map.class).get("address");

        assertFalse(rotated.equalsIgnoreCase(before));
        assertTrue(rotated.equalsIgnoreCase(readChain.participantOf(PeriodClient.idOf("plant"))), "the chain moved first");
        beforeLastClose = anvil.snapshot();
        MonitoringPeriod closed = close(12, 13);
        assertEquals(PeriodClient.PeriodStatus.SUBMITTED, readChain.period(closed.chainPeriodId()).status(),
                "submitted by the new account: the contract takes periods from the project's participant only");
        AuditEntry[] audit = client.toBlocking().retrieve(HttpRequest.GET("/audit").bearerAuth(admin), AuditEntry[].class);
        assertTrue(java.util.Arrays.stream(audit).anyMatch(e -> e.action().equals("project.participant-rotated")
                && e.subject().equals("plant") && e.details().contains("the service's host was breached")));
    }

    /** The chain as it was before order 12 closed [12 h, 13 h), for order 13 to take that submission away. */
    private String beforeLastClose;
    /** The chain after order 13's reorganisation, before the service submitted the period again. */
    private String beforeResubmission;

    @Test
    @Order(14)
    void aSubmissionTakenAwayByAReorganisationIsSubmittedAgainBeforeTheVerifierActsOnIt() throws Exception {
        MonitoringPeriod closed = latestPeriod();
        byte[] reportHash = HexFormat.of().parseHex(closed.versions().get(0).claimSha256());
        anvil.revertTo(beforeLastClose);   // the blocks holding the submission are replaced by others
        assertEquals(0, readChain.periodOfReport(reportHash), "the chain no longer holds the period");
        beforeResubmission = anvil.snapshot();

        String statement = "checked after the reorganisation";
        client.toBlocking().retrieve(HttpRequest.GET("/projects/plant/periods/" + closed.number() + "/decision-digest?approve=true"
                + "&statement=" + java.net.URLEncoder.encode(statement, StandardCharsets.UTF_8)).bearerAuth(tokens.get("VERIFIER")), Map.class);

        MonitoringPeriod again = call(HttpRequest.GET("/projects/plant/periods/" + closed.number()), admin);
        assertEquals(again.chainPeriodId().longValue(), readChain.periodOfReport(reportHash), "the same claim, submitted again");
        assertEquals(PeriodClient.PeriodStatus.SUBMITTED, readChain.period(again.chainPeriodId()).status());
        assertEquals(PeriodState.APPROVED, decide(again, true, statement).state());
        assertEquals(PeriodClient.PeriodStatus.APPROVED, readChain.period(again.chainPeriodId()).status());
        AuditEntry[] audit = client.toBlocking().retrieve(HttpRequest.GET("/audit").bearerAuth(admin), AuditEntry[].class);
        assertTrue(java.util.Arrays.stream(audit).anyMatch(e -> e.action().equals("period.chain-moved")
                && e.subject().equals("plant/" + closed.number()) && e.details().contains("submitted again")));
    }

    @Test
    @Order(15)
    void aDecisionTakenAwayByAReorganisationIsRefusedNotAssumed() throws Exception {
        MonitoringPeriod approved = latestPeriod();
        assertEquals(PeriodState.APPROVED, approved.state());
        anvil.revertTo(beforeResubmission);   // the resubmission and the decision on it are taken away

        Problem lost = refused(HttpRequest.POST("/projects/plant/periods/" + approved.number() + "/issuance", ""),
                tokens.get("CREATOR"), HttpStatus.CONFLICT);
        assertTrue(lost.detail().startsWith("the chain no longer holds period " + approved.number() + "'s submission"), lost.detail());
        assertEquals(PeriodState.APPROVED, call(HttpRequest.GET("/projects/plant/periods/" + approved.number()), admin).state(),
                "nothing recorded");
    }
}
