package io.solarmrv.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.solarmrv.attestation.BundleVerifier;
import io.solarmrv.attestation.ProofBundle;
import io.solarmrv.attestation.Sha256;
import io.solarmrv.attestation.methodology.EmissionFactor;
import io.solarmrv.ledger.ChainConfig;
import io.solarmrv.ledger.LedgerDeployment;
import io.solarmrv.ledger.PeriodClient;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The people of a monitoring period, each through the creation service's API with their own
 * credential: the project participant (an API token with role CREATOR) registers the project,
 * closes the period and requests issuance; the verifier (role VERIFIER, assigned to the project) checks the proof bundle
 * offline and signs its decision with its own chain key (anvil account 2), which never reaches the
 * service; the registry administrator issues.
 */
final class ServiceWorkflow {
    private final ServiceProcess service;
    private final ChainConfig verifierKey;
    private final LedgerDeployment ledger;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String creatorToken;
    private final String verifierToken;
    private final String operatorToken;

    ServiceWorkflow(ServiceProcess service, ChainConfig verifierKey, LedgerDeployment ledger) throws IOException, InterruptedException {
        this.service = service;
        this.verifierKey = verifierKey;
        this.ledger = ledger;
        this.creatorToken = token("demo-creator", "CREATOR");
        this.verifierToken = token("demo-verifier", "VERIFIER");
        this.operatorToken = token("demo-operator", "OPERATOR");
    }

    /** A new API token of {@code role} (created by the administrator), e.g. for a verifier's own tools. */
    String token(String name, String role) throws IOException, InterruptedException {
        return send(service.asAdmin("/tokens"), "POST", Map.of("name", name, "role", role), 201).get("token").asText();
    }

    /**
     * A device as the operator onboards it: its kind ({@code inverter}, {@code site-meter},
     * {@code battery}), the serial its meter signs with, its AC nameplate and, for a battery only, its
     * rated capacity.
     */
    record OnboardedDevice(String id, String kind, String meterSerial, long nameplateW, Long capacityWh) {
    }

    /**
     * The operator onboards a site, its inverters (CSV, with their AC nameplates, W), the gateway's
     * registration statement, and each meter's calibration certificate from {@code calibratedOn}.
     */
    void onboard(String siteId, double latitude, double longitude, java.time.ZoneId zone, Map<String, Long> nameplatesW,
                 String registrationLines, java.time.LocalDate calibratedOn) throws IOException, InterruptedException {
        onboard(siteId, latitude, longitude, zone, nameplatesW.entrySet().stream().map(d -> new OnboardedDevice(d.getKey(), "inverter",
                meterSerial(d.getKey()), d.getValue(), null)).toList(), registrationLines, calibratedOn);
    }

    /**
     * The operator onboards a site, its devices (CSV), the gateway's registration statement, and each
     * meter's calibration certificate from {@code calibratedOn} (the demo's meters are simulated, so
     * are their certificates: issuer and document say so).
     */
    void onboard(String siteId, double latitude, double longitude, java.time.ZoneId zone, List<OnboardedDevice> devices,
                 String registrationLines, java.time.LocalDate calibratedOn) throws IOException, InterruptedException {
        send(as(operatorToken, "/sites"), "POST", Map.of("id", siteId, "name", siteId, "latitude", latitude, "longitude", longitude,
                "timeZone", zone.getId()), 201);
        String csv = "id,site_id,gateway_id,kind,meter_serial,nameplate_w,accuracy_class,capacity_wh\n" + devices.stream()
                .map(d -> d.id() + "," + siteId + ",demo-gateway," + d.kind() + "," + d.meterSerial() + "," + d.nameplateW() + ",1,"
                        + (d.capacityWh() == null ? "" : d.capacityWh()))
                .collect(Collectors.joining("\n"));
        sendText(as(operatorToken, "/devices"), "text/csv", csv, 201);
        sendText(as(operatorToken, "/devices/keys"), "text/plain", registrationLines, 200);
        for (OnboardedDevice device : devices) {
            String document = "Calibration certificate of simulated meter " + device.meterSerial() + " (solar-mrv demo)";
            send(as(operatorToken, "/devices/" + device.id() + "/calibrations"), "POST", Map.of("certificateId", "DEMO-CAL-" + device.id(),
                    "issuer", "simulated calibration laboratory (demo)", "calibratedOn", calibratedOn.toString(),
                    "validUntil", calibratedOn.plusYears(10).toString(), "documentSha256", java.util.HexFormat.of().formatHex(
                            io.solarmrv.attestation.Sha256.hash(document.getBytes(StandardCharsets.UTF_8)))), 201);
        }
    }

    /** The period's checklist as the verifier reads it ({@code GET .../checklist}). */
    JsonNode checklist(String projectId, int number) throws IOException, InterruptedException {
        return json.readTree(text(as(verifierToken, "/projects/" + projectId + "/periods/" + number + "/checklist")));
    }

    /** The serial the demo's simulated meter behind a device signs its readings with (LocalPipeline's inverters). */
    static String meterSerial(String deviceId) {
        return "SN-" + deviceId;
    }

    /** {@code GET /registry.txt}: every device's keys and meter serials, what the readings job verifies against. */
    String registryText() throws IOException, InterruptedException {
        return text(as(operatorToken, "/registry.txt"));
    }

    /** The period's proof bundle as the service serves it (JSON bytes). */
    byte[] bundle(String projectId, int number) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(as(verifierToken, "/projects/" + projectId + "/periods/" + number + "/bundle.json")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("bundle download failed: " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /**
     * The participant proposes a JCM project and takes it through its cycle: idea note, methodology and
     * design document (the participant), validation (the verifier), registration on {@code registeredOn}
     * (the registry administrator). The demo has no real documents: each stage names a stand-in text and its hash.
     */
    void registerProject(String projectId, String name, String methodology, EmissionFactor factor, List<String> deviceIds,
                         java.time.LocalDate registeredOn) throws IOException, InterruptedException {
        send(as(creatorToken, "/projects"), "POST", Map.of("id", projectId, "name", name, "methodology", methodology,
                "emissionFactors", List.of(dated(factor)), "deviceIds", deviceIds, "scheme", "JCM"), 201);
        // The registering participant is the project's first member; the registry assigns the verifier (TPE).
        send(service.asAdmin("/projects/" + projectId + "/members/token:demo-verifier"), "PUT", Map.of(), 200);
        cycle(projectId, List.of("PIN", "METHODOLOGY", "PDD", "VALIDATION", "REGISTRATION"), registeredOn);
        // A JCM model project: the Japanese government financed it, so it gets at least half of Japan's share.
        send(as(creatorToken, "/projects/" + projectId + "/allocation"), "PUT", Map.of("governmentFunded", true, "shares", List.of(
                Map.of("account", "jp-government", "party", "JAPAN_GOVERNMENT", "basisPoints", 5_000),
                Map.of("account", "demo-participant", "party", "JAPANESE_PARTICIPANT", "basisPoints", 5_000))), 200);
    }

    /**
     * The participant proposes a J-Credit EN-R-002 project (the fiscal year's electricity factor as
     * {@code factor}) and takes it through its cycle: plan (the participant), validation (the
     * verifier), registration on {@code registeredOn} (the registry administrator); the credits go to
     * the participant's account.
     */
    void registerJCreditProject(String projectId, String name, EmissionFactor factor, List<String> deviceIds,
                                java.time.LocalDate registeredOn) throws IOException, InterruptedException {
        send(as(creatorToken, "/projects"), "POST", Map.of("id", projectId, "name", name, "methodology", "EN-R-002 Ver3.0",
                "emissionFactors", List.of(dated(factor)), "deviceIds", deviceIds, "scheme", "J-Credit"), 201);
        send(service.asAdmin("/projects/" + projectId + "/members/token:demo-verifier"), "PUT", Map.of(), 200);
        cycle(projectId, List.of("PLAN", "VALIDATION", "REGISTRATION"), registeredOn);
        send(as(creatorToken, "/projects/" + projectId + "/allocation"), "PUT", Map.of("governmentFunded", false, "shares", List.of(
                Map.of("account", "demo-participant", "party", "JAPANESE_PARTICIPANT", "basisPoints", 10_000))), 200);
    }

    /**
     * The programme's participant enrols member sites ({@code POST /projects/{id}/member-sites}):
     * each with its consent to transfer the environmental value and its eligibility record (stand-in
     * documents, named by their hashes), its joining and crediting-start date and its data source.
     */
    void enrol(String projectId, Map<String, java.time.LocalDate> joinedOnBySite, String dataSource)
            throws IOException, InterruptedException {
        List<Map<String, Object>> sites = new java.util.ArrayList<>();
        joinedOnBySite.forEach((site, joined) -> sites.add(Map.of("siteId", site,
                "consentSha256", HexFormat.of().formatHex(Sha256.hash(("demo stand-in: consent of " + site + " to transfer the"
                        + " environmental value to " + projectId).getBytes(StandardCharsets.UTF_8))),
                "eligibilitySha256", HexFormat.of().formatHex(Sha256.hash(("demo stand-in: eligibility record of " + site)
                        .getBytes(StandardCharsets.UTF_8))),
                "joinedOn", joined.toString(), "creditingStartOn", joined.toString(), "dataSource", dataSource)));
        send(as(creatorToken, "/projects/" + projectId + "/member-sites"), "POST", sites, 201);
    }

    /** A factor as the project API takes it. */
    private static Map<String, Object> dated(EmissionFactor factor) {
        Map<String, Object> dated = new java.util.LinkedHashMap<>(Map.of("tco2PerMwh", factor.tco2PerMwh(),
                "effectiveFrom", factor.effectiveFrom().toString(), "source", factor.source()));
        if (factor.effectiveUntil() != null) {
            dated.put("effectiveUntil", factor.effectiveUntil().toString());
        }
        return dated;
    }

    /**
     * The project's cycle, stage by stage: validation by the verifier, registration on {@code
     * registeredOn} by the registry administrator, every other stage by the participant. The demo has
     * no real documents: each stage names a stand-in text and its hash.
     */
    private void cycle(String projectId, List<String> stages, java.time.LocalDate registeredOn) throws IOException, InterruptedException {
        String cycle = "/projects/" + projectId + "/cycle";
        for (String stage : stages) {
            HttpRequest.Builder request = switch (stage) {
                case "VALIDATION" -> as(verifierToken, cycle);
                case "REGISTRATION" -> service.asAdmin(cycle);
                default -> as(creatorToken, cycle);
            };
            String document = "demo stand-in for the " + stage + " of " + projectId;
            send(request, "POST", Map.of("stage", stage, "documentName", stage.toLowerCase() + "-demo.txt",
                    "documentSha256", HexFormat.of().formatHex(Sha256.hash(document.getBytes(StandardCharsets.UTF_8))),
                    "effectiveOn", registeredOn.toString()), 201);
        }
    }

    /** Who received which serials of an issued period, and its Article 6.2 status. */
    JsonNode issuance(String projectId, int number) throws IOException, InterruptedException {
        return json.readTree(text(as(creatorToken, "/projects/" + projectId + "/periods/" + number + "/issuance")));
    }

    /** The report JSON exactly as {@code GET /projects/{id}/report} returns it. */
    String report(String projectId, Instant from, Instant to) throws IOException, InterruptedException {
        String path = "/projects/" + projectId + "/report?from=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8)
                + "&to=" + URLEncoder.encode(to.toString(), StandardCharsets.UTF_8);
        return text(as(creatorToken, path));
    }

    /** The readings job's quality profiles, as the service derives them from its registry. */
    String qualityProfiles() throws IOException, InterruptedException {
        return text(as(operatorToken, "/quality.properties"));
    }

    /** The participant closes [from, to); the service submits its claim on chain. Returns the period. */
    JsonNode closePeriod(String projectId, Instant from, Instant to) throws IOException, InterruptedException {
        return send(as(creatorToken, "/projects/" + projectId + "/periods"), "POST",
                Map.of("from", from.toString(), "to", to.toString()), 201);
    }

    /** A period's report as the service stored it when the period closed. */
    String periodReport(String projectId, int number) throws IOException, InterruptedException {
        return text(as(creatorToken, "/projects/" + projectId + "/periods/" + number + "/report.json"));
    }

    /**
     * The verifier's part: every offline check of the bundle; approve only if all pass, with the list
     * of checks as the statement, signed over the digest the chain computes (not the service).
     */
    JsonNode verify(String projectId, int number, long chainPeriodId, ProofBundle bundle) throws IOException, InterruptedException {
        List<BundleVerifier.Check> checks = BundleVerifier.verify(bundle);
        boolean approve = checks.stream().allMatch(BundleVerifier.Check::passed);
        String statement = checks.stream().map(c -> (c.passed() ? "ok " : "FAIL ") + c.name() + ": " + c.detail())
                .collect(Collectors.joining("\n", "", "\n"));
        byte[] signature;
        try (PeriodClient verifier = PeriodClient.connect(verifierKey, ledger)) {
            signature = verifier.signDecision(chainPeriodId, approve, Sha256.hash(statement.getBytes(StandardCharsets.UTF_8)));
        }
        return send(as(verifierToken, "/projects/" + projectId + "/periods/" + number + "/decision"), "POST",
                Map.of("approve", approve, "statement", statement, "signature", HexFormat.of().formatHex(signature)), 200);
    }

    /** The participant requests issuance in one step; the registry administrator issues. */
    JsonNode issue(String projectId, int number) throws IOException, InterruptedException {
        String period = "/projects/" + projectId + "/periods/" + number;
        send(as(creatorToken, period + "/issuance"), "POST", Map.of(), 200);
        return send(service.asAdmin(period + "/issue"), "POST", Map.of(), 200);
    }

    private HttpRequest.Builder as(String token, String path) {
        return HttpRequest.newBuilder(java.net.URI.create(service.baseUrl() + path)).header("Authorization", "Bearer " + token);
    }

    private String text(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(response.request().uri().getPath() + " failed: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private JsonNode send(HttpRequest.Builder request, String method, Object body, int expected) throws IOException, InterruptedException {
        return sendText(request.method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), "application/json",
                null, expected);
    }

    /** Sends {@code body} (or the request's own body when null) as {@code contentType} and expects {@code expected}. */
    private JsonNode sendText(HttpRequest.Builder request, String contentType, String body, int expected)
            throws IOException, InterruptedException {
        if (body != null) {
            request.POST(HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.header("content-type", contentType).build(),
                HttpResponse.BodyHandlers.ofString());
        String method = response.request().method();
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + response.request().uri().getPath() + " failed: " + response.statusCode() + " "
                    + response.body());
        }
        return json.readTree(response.body());
    }
}
