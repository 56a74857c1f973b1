package io.solarmrv.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.solarmrv.attestation.MonitoringClaim;
import io.solarmrv.attestation.ProofBundle;
import io.solarmrv.attestation.methodology.VoidingRules;
import io.solarmrv.attestation.methodology.MeterCalibration;
import io.solarmrv.attestation.methodology.EmissionFactor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link ProofBundle} (format {@value ProofBundle#FORMAT}: format 2 and
 * {@code selection}, which readings the bundle holds, and bytes as base64 (RFC 4648, padded), as
 * C2SP checkpoints write them; formats 2, every reading, and 1, before {@code report.methodology},
 * wrote bytes as lower-case hex and are still read). docs/spec/evidence-v2.md, section 8.
 */
public final class ProofBundleJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final java.util.Base64.Encoder BASE64 = java.util.Base64.getEncoder();
    private static final java.util.Base64.Decoder BASE64_DECODER = java.util.Base64.getDecoder();
    private static final String COMPLETE = "complete";
    private static final String BOUNDS_AND_SAMPLES = "bounds-and-samples";

    private ProofBundleJson() {
    }

    public static void write(ProofBundle bundle, Path file) throws IOException {
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            write(bundle, out);
        }
    }

    public static void write(ProofBundle bundle, java.io.OutputStream out) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", ProofBundle.FORMAT);
        ObjectNode report = root.putObject("report");
        report.put("projectId", bundle.projectId());
        report.put("from", bundle.from().toString());
        report.put("to", bundle.to().toString());
        report.put("emissionFactorTco2PerMwh", bundle.emissionFactorTco2PerMwh());
        if (bundle.sourcedFactor() != null) {
            ObjectNode factor = report.putObject("emissionFactor");
            factor.put("tco2PerMwh", bundle.sourcedFactor().tco2PerMwh());
            factor.put("effectiveFrom", bundle.sourcedFactor().effectiveFrom().toString());
            factor.put("effectiveUntil", bundle.sourcedFactor().effectiveUntil() == null ? null
                    : bundle.sourcedFactor().effectiveUntil().toString());
            factor.put("source", bundle.sourcedFactor().source());
        }
        ObjectNode devices = report.putObject("energyWhByDevice");
        bundle.claimedEnergyWh().forEach(devices::put);
        report.put("totalEnergyWh", bundle.claimedTotalEnergyWh());
        ObjectNode voided = report.putObject("voidedSequencesByDevice");
        bundle.voidedSequences().forEach((device, sequences) -> sequences.forEach(voided.putArray(device)::add));
        report.put("excludedEnergyWh", bundle.claimedExcludedEnergyWh());
        if (!bundle.meterReplacements().isEmpty()) {
            ObjectNode replaced = report.putObject("meterReplacedAfterByDevice");
            new java.util.TreeMap<>(bundle.meterReplacements()).forEach((device, sequences) ->
                    sequences.forEach(replaced.putArray(device)::add));
        }
        if (!bundle.uncalibrated().isEmpty()) {
            ObjectNode uncalibrated = report.putObject("uncalibratedByMeter");
            new java.util.TreeMap<>(bundle.uncalibrated()).forEach((meter, u) -> {
                ObjectNode node = uncalibrated.putObject(meter).put("accuracyClass", u.accuracyClass())
                        .put("correctionWh", u.correctionWh());
                ArrayNode spans = node.putArray("spans");
                u.spans().forEach(span -> spans.add(span.toString()));
            });
        }
        if (bundle.calibrations() != null) {
            ObjectNode calibrations = root.putObject("calibrations");
            new java.util.TreeMap<>(bundle.calibrations()).forEach((meter, calibration) -> {
                ObjectNode node = calibrations.putObject(meter).put("accuracyClass", calibration.accuracyClass());
                ArrayNode certificates = node.putArray("certificates");
                calibration.certificates().forEach(c -> certificates.addObject().put("certificateId", c.certificateId())
                        .put("calibratedOn", c.calibratedOn().toString()).put("validUntil", c.validUntil().toString()));
            });
        }
        report.put("emissionReductionsTco2", bundle.claimedEmissionReductionsTco2());
        report.put("creditsTco2", bundle.claimedCredits());
        if (bundle.methodology() != null) {
            report.put("methodology", bundle.methodology());
        }
        if (bundle.selfConsumption() != null) {
            ObjectNode self = report.putObject("selfConsumption");
            self.put("methodology", io.solarmrv.attestation.JCreditSolarSelfConsumption.METHODOLOGY);
            self.put("fiscalYear", bundle.selfConsumption().fiscalYear());
            ObjectNode export = self.putObject("exportWhBySiteMeter");
            new java.util.TreeMap<>(bundle.selfConsumption().exportWh()).forEach(export::put);
            if (!bundle.selfConsumption().batteries().isEmpty()) {
                ArrayNode batteries = self.putArray("batteries");
                bundle.selfConsumption().batteries().forEach(b -> batteries.addObject().put("battery", b.battery())
                        .put("chargeWh", b.chargeWh()).put("dischargeWh", b.dischargeWh()).put("capacityWh", b.capacityWh()));
            }
            self.put("selfConsumedWh", bundle.selfConsumption().selfConsumedWh());
        }
        root.put("registry", bundle.registry());
        root.put("logVerifierKey", bundle.logVerifierKey());
        ObjectNode anchor = root.putObject("anchor");
        anchor.put("chainId", bundle.anchor().chainId());
        anchor.put("contract", bundle.anchor().contractAddress());
        if (bundle.anchor().periodId() > 0) {
            anchor.put("monitoringRegistry", bundle.anchor().monitoringRegistry());
            anchor.put("creditIssuance", bundle.anchor().creditIssuance());
            anchor.put("periodId", bundle.anchor().periodId());
        }
        ArrayNode checkpoints = root.putArray("checkpoints");
        for (ProofBundle.Checkpoint c : bundle.checkpoints()) {
            ObjectNode node = checkpoints.addObject().put("treeSize", c.treeSize()).put("root", BASE64.encodeToString(c.root()))
                    .put("signedNote", c.signedNote()).put("transactionHash", c.transactionHash());
            ArrayNode consistency = node.putArray("consistencyFromPrevious");
            c.consistencyFromPrevious().forEach(h -> consistency.add(BASE64.encodeToString(h)));
        }
        ObjectNode selection = root.putObject("selection");
        if (bundle.selection() instanceof ProofBundle.Selection.BoundsAndSamples bounds) {
            selection.put("readings", BOUNDS_AND_SAMPLES).put("samplesRequested", bounds.samplesRequested());
            ArrayNode samples = selection.putArray("samples");
            bounds.samples().forEach(day -> samples.addObject().put("device", day.deviceId()).put("day", day.day().toString()));
            if (!bounds.voidingRules().isEmpty()) {
                ObjectNode rules = selection.putObject("voidingRules");
                new java.util.TreeMap<>(bounds.voidingRules()).forEach((meter, r) -> rules.putObject(meter)
                        .put("nameplateW", r.nameplateW()).put("tare", r.tare()).put("overNameplate", r.overNameplate())
                        .put("generating", r.generating()).put("staleRun", r.staleRun()));
            }
        } else {
            selection.put("readings", COMPLETE);
        }
        // Everything above is small; the readings (a few per device: thousands for a programme of
        // homes) are most of a bundle and are written one by one, never held as a tree.
        try (com.fasterxml.jackson.core.JsonGenerator json = JSON.createGenerator(out)) {
            json.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.setPrettyPrinter(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter());
            json.writeStartObject();
            for (Map.Entry<String, JsonNode> field : root.properties()) {
                json.writeFieldName(field.getKey());
                json.writeTree(field.getValue());
            }
            json.writeArrayFieldStart("readings");
            for (ProofBundle.ProvenReading r : bundle.readings()) {
                json.writeStartObject();
                json.writeNumberField("leafIndex", r.leafIndex());
                json.writeNumberField("treeSize", r.treeSize());
                json.writeStringField("envelope", BASE64.encodeToString(r.envelope()));
                json.writeArrayFieldStart("inclusionProof");
                for (byte[] hash : r.inclusionProof()) {
                    json.writeString(BASE64.encodeToString(hash));
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** Reads a bundle; throws {@link IllegalArgumentException} naming the first missing or bad field. */
    public static ProofBundle read(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    public static ProofBundle read(byte[] json) throws IOException {
        JsonNode root = JSON.readTree(json);
        String format = text(root, "format");
        if (!ProofBundle.FORMAT.equals(format) && !ProofBundle.FORMAT_2.equals(format) && !ProofBundle.FORMAT_1.equals(format)) {
            throw new IllegalArgumentException("unsupported bundle format '" + format + "', expected " + ProofBundle.FORMAT
                    + " (or " + ProofBundle.FORMAT_2 + ", " + ProofBundle.FORMAT_1 + ")");
        }
        boolean base64 = ProofBundle.FORMAT.equals(format);   // format 3; formats 1 and 2 wrote hex
        JsonNode report = field(root, "report");
        Map<String, Long> energy = new LinkedHashMap<>();
        field(report, "energyWhByDevice").fields().forEachRemaining(e -> energy.put(e.getKey(), e.getValue().asLong()));
        List<ProofBundle.Checkpoint> checkpoints = new ArrayList<>();
        for (JsonNode c : field(root, "checkpoints")) {
            checkpoints.add(new ProofBundle.Checkpoint(field(c, "treeSize").asLong(), bytes(c, "root", base64), text(c, "signedNote"),
                    text(c, "transactionHash"), byteList(field(c, "consistencyFromPrevious"), base64)));
        }
        List<ProofBundle.ProvenReading> readings = new ArrayList<>();
        for (JsonNode r : field(root, "readings")) {
            readings.add(new ProofBundle.ProvenReading(field(r, "leafIndex").asLong(), bytes(r, "envelope", base64),
                    field(r, "treeSize").asLong(), byteList(field(r, "inclusionProof"), base64)));
        }
        JsonNode anchor = field(root, "anchor");
        return new ProofBundle(text(report, "projectId"), instant(report, "from"), instant(report, "to"),
                decimal(report, "emissionFactorTco2PerMwh"), energy, field(report, "totalEnergyWh").asLong(),
                voided(report), field(report, "excludedEnergyWh").asLong(),
                decimal(report, "emissionReductionsTco2"), field(report, "creditsTco2").asLong(),
                text(root, "registry"), text(root, "logVerifierKey"), checkpoints,
                new ProofBundle.Anchor(field(anchor, "chainId").asLong(), text(anchor, "contract"),
                        anchor.path("monitoringRegistry").asText(""), anchor.path("creditIssuance").asText(""),
                        anchor.path("periodId").asLong(0)), readings, selfConsumption(report),
                report.hasNonNull("methodology") ? report.get("methodology").asText() : null,
                report.has("meterReplacedAfterByDevice") ? sequencesByDevice(report, "meterReplacedAfterByDevice") : Map.of(),
                sourcedFactor(report), uncalibrated(report), calibrations(root),
                ProofBundle.FORMAT.equals(format) ? selection(field(root, "selection")) : new ProofBundle.Selection.Complete());
    }

    /** Which readings a format 3 bundle holds; earlier formats hold every one. */
    private static ProofBundle.Selection selection(JsonNode node) {
        String readings = text(node, "readings");
        if (COMPLETE.equals(readings)) {
            return new ProofBundle.Selection.Complete();
        }
        if (!BOUNDS_AND_SAMPLES.equals(readings)) {
            throw new IllegalArgumentException("bundle field 'selection.readings' is '" + readings + "', expected " + COMPLETE
                    + " or " + BOUNDS_AND_SAMPLES);
        }
        List<io.solarmrv.attestation.EvidenceSample.DeviceDay> samples = new ArrayList<>();
        for (JsonNode sample : field(node, "samples")) {
            samples.add(new io.solarmrv.attestation.EvidenceSample.DeviceDay(text(sample, "device"), date(sample, "day")));
        }
        int requested = field(node, "samplesRequested").asInt(-1);
        if (requested < 0) {
            throw new IllegalArgumentException("bundle field 'samplesRequested' is not a count of device-days: '"
                    + node.get("samplesRequested").asText() + "'");
        }
        Map<String, VoidingRules> rules = new java.util.TreeMap<>();
        JsonNode rulesNode = node.get("voidingRules");
        if (rulesNode != null) {
            if (!rulesNode.isObject()) {
                throw new IllegalArgumentException("bundle field 'selection.voidingRules' is not an object of meters");
            }
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) rulesNode::fields) {
                JsonNode r = e.getValue();
                rules.put(e.getKey(), new VoidingRules(wholeNumber(r, "nameplateW"), number(r, "tare"), number(r, "overNameplate"),
                        number(r, "generating"), (int) wholeNumber(r, "staleRun")));
            }
        }
        return new ProofBundle.Selection.BoundsAndSamples(requested, samples, rules);
    }

    private static double number(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("bundle field '" + name + "' is not a number: '" + value.asText() + "'");
        }
        return value.asDouble();
    }

    private static long wholeNumber(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.canConvertToInt()) {
            throw new IllegalArgumentException("bundle field '" + name + "' is not a whole number: '" + value.asText() + "'");
        }
        return value.asLong();
    }

    /** The claim's uncalibrated lines, if any. */
    private static Map<String, MonitoringClaim.Uncalibrated> uncalibrated(JsonNode report) {
        Map<String, MonitoringClaim.Uncalibrated> byMeter = new LinkedHashMap<>();
        JsonNode node = report.get("uncalibratedByMeter");
        if (node == null || node.isNull()) {
            return byMeter;
        }
        node.fields().forEachRemaining(e -> {
            List<MeterCalibration.Span> spans = new ArrayList<>();
            field(e.getValue(), "spans").forEach(span -> spans.add(MeterCalibration.Span.parse(span.asText())));
            byMeter.put(e.getKey(), new MonitoringClaim.Uncalibrated(text(e.getValue(), "accuracyClass"), spans,
                    field(e.getValue(), "correctionWh").asLong()));
        });
        return byMeter;
    }

    /** Each meter's class and certificates; null in bundles made before calibration was applied. */
    private static Map<String, MeterCalibration> calibrations(JsonNode root) {
        JsonNode node = root.get("calibrations");
        if (node == null || node.isNull()) {
            return null;
        }
        Map<String, MeterCalibration> byMeter = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            List<MeterCalibration.Certificate> certificates = new ArrayList<>();
            field(e.getValue(), "certificates").forEach(c -> certificates.add(new MeterCalibration.Certificate(
                    text(c, "certificateId"), date(c, "calibratedOn"), date(c, "validUntil"))));
            byMeter.put(e.getKey(), new MeterCalibration(text(e.getValue(), "accuracyClass"), certificates));
        });
        return byMeter;
    }

    /** The factor's dates and source, if the claim names them (claims made before they were carried do not). */
    private static EmissionFactor sourcedFactor(JsonNode report) {
        JsonNode factor = report.get("emissionFactor");
        if (factor == null || factor.isNull()) {
            return null;
        }
        JsonNode until = factor.get("effectiveUntil");
        try {
            return new EmissionFactor(decimal(factor, "tco2PerMwh"), date(factor, "effectiveFrom"),
                    until == null || until.isNull() ? null : date(factor, "effectiveUntil"), text(factor, "source"));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("bundle report.emissionFactor is malformed: " + e.getMessage());
        }
    }

    /** EN-R-002's figures, if the report has them (a JCM bundle has none). */
    private static io.solarmrv.attestation.MonitoringClaim.SelfConsumption selfConsumption(JsonNode report) {
        JsonNode self = report.get("selfConsumption");
        if (self == null || self.isNull()) {
            return null;
        }
        Map<String, Long> export = new LinkedHashMap<>();
        field(self, "exportWhBySiteMeter").fields().forEachRemaining(e -> export.put(e.getKey(), e.getValue().asLong()));
        List<io.solarmrv.attestation.BatteryEnergy> batteries = new ArrayList<>();
        for (JsonNode battery : self.path("batteries")) {
            try {
                batteries.add(new io.solarmrv.attestation.BatteryEnergy(field(battery, "battery").asText(),
                        field(battery, "chargeWh").asLong(), field(battery, "dischargeWh").asLong(), field(battery, "capacityWh").asLong()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bundle report.selfConsumption.batteries is malformed: " + e.getMessage());
            }
        }
        return new io.solarmrv.attestation.MonitoringClaim.SelfConsumption(field(self, "fiscalYear").asInt(), export,
                field(self, "selfConsumedWh").asLong(), batteries);
    }

    private static Map<String, List<Long>> voided(JsonNode report) {
        return sequencesByDevice(report, "voidedSequencesByDevice");
    }

    private static Map<String, List<Long>> sequencesByDevice(JsonNode report, String name) {
        Map<String, List<Long>> byDevice = new LinkedHashMap<>();
        field(report, name).fields().forEachRemaining(e -> {
            List<Long> sequences = new ArrayList<>();
            e.getValue().forEach(seq -> sequences.add(seq.asLong()));
            byDevice.put(e.getKey(), sequences);
        });
        return byDevice;
    }

    private static List<byte[]> byteList(JsonNode array, boolean base64) {
        List<byte[]> hashes = new ArrayList<>();
        for (JsonNode h : array) {
            try {
                hashes.add(base64 ? BASE64_DECODER.decode(h.asText()) : HEX.parseHex(h.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bundle proof element '" + h.asText() + "' is not " + (base64 ? "base64" : "hex"));
            }
        }
        return hashes;
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("bundle field '" + name + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        return field(node, name).asText();
    }

    /** The instants a bundle may state: readings are stamped in ms since 1970, and calendars are counted in four-digit years. */
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private static Instant instant(JsonNode node, String name) {
        Instant instant;
        try {
            instant = Instant.parse(text(node, name));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("bundle field '" + name + "' is not an ISO-8601 instant: '" + text(node, name) + "'");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException("bundle field '" + name + "' is " + instant + ", outside " + EARLIEST + " to " + LATEST);
        }
        return instant;
    }

    private static java.time.LocalDate date(JsonNode node, String name) {
        try {
            return java.time.LocalDate.parse(text(node, name));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("bundle field '" + name + "' is not a date (YYYY-MM-DD): '" + text(node, name) + "'");
        }
    }

    private static BigDecimal decimal(JsonNode node, String name) {
        try {
            return new BigDecimal(text(node, name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bundle field '" + name + "' is not a decimal number: '" + text(node, name) + "'");
        }
    }

    private static byte[] bytes(JsonNode node, String name, boolean base64) {
        try {
            return base64 ? BASE64_DECODER.decode(text(node, name)) : HEX.parseHex(text(node, name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bundle field '" + name + "' is not " + (base64 ? "base64" : "hex"));
        }
    }
}
