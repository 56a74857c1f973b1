package io.solarmrv.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.solarmrv.attestation.BundleVerifier;
import io.solarmrv.attestation.BundleVerifier.Check;
import io.solarmrv.attestation.ChainFault;
import io.solarmrv.attestation.DeviceRegistry;
import io.solarmrv.attestation.MalformedEvidenceException;
import io.solarmrv.attestation.MerkleHash;
import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.attestation.MerkleVerifier;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.SignedReading;
import io.solarmrv.attestation.log.TileHashes;
import io.solarmrv.attestation.note.Checkpoint;
import io.solarmrv.attestation.note.NoteKeys;
import io.solarmrv.attestation.note.SignedNote;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code mrv verify --log URL --device D --at T}: a verifier's check of one further reading, outside
 * any bundle, against the log itself. The service says where the device's reading at T is (its
 * last at or before T, and the next in its chain); that answer is only a lookup. What is checked:
 * the log's checkpoint is signed by the pinned log key; each reading's signature verifies under the
 * pinned registry; each is included in the checkpoint's tree, by a proof computed here from the hash
 * tiles the log serves (O(log n) of them, c2sp.org/tlog-tiles); the next reading follows it in the
 * chain and lies after T, so no later reading at or before T was left out. The checkpoint's root
 * against the chain is {@code --rpc}'s business ({@link VerifyCommand}).
 */
final class LogReadingCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String service;
    private final String token;

    /** What was found: the checks, and the checkpoint they rest on (null if it could not be read). */
    record Outcome(List<Check> checks, Checkpoint checkpoint) {
    }

    LogReadingCheck(String serviceUrl, String token) {
        this.service = serviceUrl.endsWith("/") ? serviceUrl.substring(0, serviceUrl.length() - 1) : serviceUrl;
        this.token = token;
    }

    Outcome check(String deviceId, Instant at, NoteKeys.VerifierKey logKey, DeviceRegistry registry) {
        List<Check> checks = new ArrayList<>();
        JsonNode found;
        String note;
        try {
            // The lookup first: the checkpoint read after it covers every leaf the lookup can name.
            found = JSON.readTree(get("/devices/" + URLEncoder.encode(deviceId, StandardCharsets.UTF_8) + "/reading?at=" + at)
                    .orElseThrow(() -> new IOException("the service has no reading of " + deviceId + " at or before " + at)));
            note = new String(get("/log/checkpoint").orElseThrow(() -> new IOException("the log has no checkpoint")),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            checks.add(new Check("lookup", false, e.getMessage()));
            return new Outcome(checks, null);
        }
        SignedNote.Opened opened;
        Checkpoint checkpoint;
        try {
            opened = SignedNote.open(note, logKey);
            checkpoint = Checkpoint.parse(opened.text());
        } catch (IllegalArgumentException e) {
            checks.add(new Check("checkpoint", false, "malformed signed note: " + e.getMessage()));
            return new Outcome(checks, null);
        }
        boolean signed = opened.verified() && checkpoint.origin().equals(logKey.name());
        checks.add(new Check("checkpoint", signed, signed ? "tree size " + checkpoint.treeSize() + ", root "
                + HexFormat.of().formatHex(checkpoint.root()) + ", signed by " + logKey : opened.verified()
                ? "names origin " + checkpoint.origin() + ", not the pinned log's" : opened.reason()));
        if (!signed) {
            return new Outcome(checks, checkpoint);
        }
        TileHashes tiles = new TileHashes(checkpoint.treeSize(), path -> get("/log/" + path));
        Optional<SignedReading> reading = proven("reading", found.get("reading"), deviceId, checkpoint, tiles, registry, checks);
        JsonNode next = found.get("next");
        if (reading.isEmpty()) {
            return new Outcome(checks, checkpoint);
        }
        Reading r = reading.get().reading();
        boolean early = !Instant.ofEpochMilli(r.timestampMillis()).isAfter(at);
        checks.add(new Check("at or before", early, "#" + r.sequence() + " at " + Instant.ofEpochMilli(r.timestampMillis())
                + (early ? " is at or before " : " is after ") + at + ": energy register " + r.energyRegisterWh() + " Wh, power "
                + r.powerW() + " W"));
        if (next == null || next.isNull()) {
            checks.add(new Check("latest", true, "the service names no reading after #" + r.sequence() + " in the tree of "
                    + checkpoint.treeSize() + " (not provable: a later one would be anchored later)"));
            return new Outcome(checks, checkpoint);
        }
        Optional<SignedReading> after = proven("next", next, deviceId, checkpoint, tiles, registry, checks);
        after.ifPresent(n -> {
            Optional<ChainFault> fault = ChainFault.between(r.sequence(), reading.get().readingHash(), n.reading().sequence(),
                    n.reading().previousHash());
            boolean later = Instant.ofEpochMilli(n.reading().timestampMillis()).isAfter(at);
            checks.add(new Check("latest", fault.isEmpty() && later, fault.map(f -> f + " between #" + r.sequence() + " and #"
                    + n.reading().sequence()).orElse("#" + n.reading().sequence() + " follows it in the chain at "
                    + Instant.ofEpochMilli(n.reading().timestampMillis()) + (later ? ", after " + at + ": no later reading at or before "
                    + at + " exists" : ", not after " + at + ": the service did not name the latest"))));
        });
        return new Outcome(checks, checkpoint);
    }

    /** One reading of the lookup, signed under the registry, of the device asked for, and included in the checkpoint's tree. */
    private static Optional<SignedReading> proven(String name, JsonNode node, String deviceId, Checkpoint checkpoint, TileHashes tiles,
                                                  DeviceRegistry registry, List<Check> checks) {
        long index = node.path("leafIndex").asLong(-1);
        SignedReading signed;
        try {
            byte[] envelope = HexFormat.of().parseHex(node.path("envelope").asText());
            signed = SignedReading.fromWire(envelope);
            if (index < 0 || index >= checkpoint.treeSize()) {
                checks.add(new Check(name, false, "leaf " + index + " is not in the tree of " + checkpoint.treeSize()));
                return Optional.empty();
            }
            List<byte[]> proof = MerkleTree.inclusionProof(tiles, checkpoint.treeSize(), index);
            if (!MerkleVerifier.verifyInclusion(index, checkpoint.treeSize(), MerkleHash.leafHash(envelope), proof, checkpoint.root())) {
                checks.add(new Check(name, false, "leaf " + index + " is not these bytes in the checkpoint's tree"));
                return Optional.empty();
            }
        } catch (MalformedEvidenceException | IllegalArgumentException e) {
            checks.add(new Check(name, false, "leaf " + index + ": malformed: " + e.getMessage()));
            return Optional.empty();
        } catch (java.io.UncheckedIOException e) {
            checks.add(new Check(name, false, "leaf " + index + ": " + e.getCause().getMessage()));
            return Optional.empty();
        }
        Reading r = signed.reading();
        DeviceRegistry.Verdict verdict = registry.verify(signed);
        boolean ok = verdict == DeviceRegistry.Verdict.VALID && r.deviceId().equals(deviceId);
        checks.add(new Check(name, ok, "leaf " + index + " (" + r.deviceId() + " #" + r.sequence() + "): "
                + (r.deviceId().equals(deviceId) ? BundleVerifier.describe(verdict) : "a reading of another device")
                + ", included in the tree of " + checkpoint.treeSize() + " (proof from its tiles)"));
        return ok ? Optional.of(signed) : Optional.empty();
    }

    /** GET a path of the service: its body, empty on 404; any other status is an error naming it. */
    private Optional<byte[]> get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading " + path, e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + response.statusCode() + " "
                    + new String(response.body(), StandardCharsets.UTF_8).lines().findFirst().orElse(""));
        }
        return Optional.of(response.body());
    }
}
