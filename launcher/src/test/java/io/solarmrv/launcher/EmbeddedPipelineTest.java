package io.solarmrv.launcher;

import io.solarmrv.bundle.ProofBundleJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.solarmrv.attestation.ProofBundle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One simulated day end to end on the embedded parts (HiveMQ CE, MiniCluster, PostgreSQL, anvil),
 * then the auditor's side: {@code mrv verify} accepts the day's proof bundle and rejects each kind
 * of tampering.
 */
class EmbeddedPipelineTest {
    @Test
    void aDayThroughTheWholePipelineMatchesTheSimulatorsAndTheChain(@TempDir Path workDir) throws Exception {
        EndToEndScenario.run(workDir, null, 0, EmbeddedPipelineTest::auditTheBundle);
    }

    private static void auditTheBundle(LocalPipeline pipeline, JsonNode report, Path workDir) throws Exception {
        java.time.Instant from = java.time.Instant.parse(report.get("from").asText());
        java.time.Instant to = java.time.Instant.parse(report.get("to").asText());
        LocalPipeline.RecordedPeriod recorded = pipeline.recordPeriod(report.get("projectId").asText(), from, to);
        ProofBundle bundle = recorded.bundle();
        assertEquals(report.get("totalEnergyWh"), recorded.report().get("totalEnergyWh"), "the period's report is the day's report");
        assertEquals(bundle.claimedCredits() == 0 ? "APPROVED" : "ISSUED", recorded.period().get("state").asText());
        String rpc = pipeline.chain().rpcUrl();

        Verdict genuine = verify(workDir, "genuine", bundle, rpc);
        assertEquals(0, genuine.exit(), genuine.out());
        assertTrue(genuine.out().contains("VERIFIED: every check holds"), genuine.out());
        assertTrue(genuine.out().contains("ok    append-only"), genuine.out());
        assertTrue(genuine.out().contains("ok    sample draw: ") && genuine.out().contains("ok    bounds "),
                "the served bundle holds the bounds and drawn device-days: " + genuine.out());
        assertTrue(genuine.out().contains("ok    voiding rules "), "stale and out_of_range re-run on the sampled days: " + genuine.out());
        assertTrue(genuine.out().contains("ok    period 1: recorded at"), genuine.out());
        assertTrue(genuine.out().contains("ok    verification: status " + (bundle.claimedCredits() == 0 ? "APPROVED" : "ISSUED")
                + ", approved by verifier"), genuine.out());
        assertTrue(genuine.out().contains(bundle.claimedCredits() == 0 ? "ok    issuance: no credits claimed, none issued"
                : "ok    issuance: " + bundle.claimedCredits() + " credits issued, serials 1.." + bundle.claimedCredits()),
                genuine.out());
        Verdict pinned = verify(workDir, "pinned", bundle, rpc, "--log-key", bundle.logVerifierKey(), "--chain-id",
                Long.toString(pipeline.chain().chainId()));
        assertEquals(0, pinned.exit(), pinned.out());
        assertTrue(pinned.out().contains("ok    trust root log key") && pinned.out().contains("ok    trust root chain"), pinned.out());
        Verdict otherLog = verify(workDir, "other-log", bundle, rpc, "--log-key",
                io.solarmrv.attestation.note.NoteKeys.newSigner("elsewhere.example/log",
                        io.solarmrv.attestation.GatewayKey.generate(new java.security.SecureRandom())).verifierKey().toString());
        assertEquals(1, otherLog.exit(), "a bundle naming another log than the pinned one fails");
        assertTrue(otherLog.out().contains("FAIL  trust root log key: the bundle names log key " + bundle.logVerifierKey()), otherLog.out());
        aFurtherReadingIsProvenFromTheLogsTiles(pipeline, bundle, workDir, rpc);
        java.io.IOException again = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> pipeline.recordPeriod(report.get("projectId").asText(), from, to));
        assertTrue(again.getMessage().contains("overlaps"), "the same interval cannot be closed twice: " + again.getMessage());

        ProofBundle inflated = new ProofBundle(bundle.projectId(), bundle.from(), bundle.to(), bundle.emissionFactorTco2PerMwh(),
                bundle.claimedEnergyWh(), bundle.claimedTotalEnergyWh(), bundle.voidedSequences(),
                bundle.claimedExcludedEnergyWh(), bundle.claimedEmissionReductionsTco2(), bundle.claimedCredits() + 1, bundle.registry(), bundle.logVerifierKey(), bundle.checkpoints(), bundle.anchor(),
                bundle.readings(), bundle.selfConsumption(), bundle.methodology(), bundle.meterReplacements(), bundle.sourcedFactor(),
                bundle.uncalibrated(), bundle.calibrations(), bundle.selection());
        Verdict moreCredits = verify(workDir, "more-credits", inflated, rpc);
        assertEquals(1, moreCredits.exit());
        assertTrue(moreCredits.out().contains("FAIL  period 1: the chain's report hash is not the hash of these claims"),
                moreCredits.out());
        assertTrue(moreCredits.out().contains("FAIL  issuance"), moreCredits.out());

        List<ProofBundle.ProvenReading> readings = new ArrayList<>(bundle.readings());
        ProofBundle.ProvenReading victim = readings.get(readings.size() / 2);
        byte[] flipped = victim.envelope().clone();
        flipped[flipped.length - EndToEndScenario.SIGNATURE_BSTR - 1] ^= 0x04;   // a bit of the reading's salt
        readings.set(readings.size() / 2, new ProofBundle.ProvenReading(victim.leafIndex(), flipped, victim.treeSize(), victim.inclusionProof()));
        Verdict bitFlip = verify(workDir, "bit-flip", with(bundle, readings, bundle.checkpoints()), rpc);
        assertEquals(1, bitFlip.exit());
        assertTrue(bitFlip.out().contains("signature does not verify"), bitFlip.out());

        List<ProofBundle.ProvenReading> removed = new ArrayList<>(bundle.readings());
        removed.remove(removed.size() / 3);
        Verdict gap = verify(workDir, "removed", with(bundle, removed, bundle.checkpoints()), rpc);
        assertEquals(1, gap.exit());
        assertTrue(gap.out().contains("FAIL  sample ") && gap.out().contains("is not in the bundle"),
                "a reading taken out of a drawn device-day: " + gap.out());
        Verdict gapInEvery = verify(workDir, "removed-complete", with(bundle, removed, bundle.checkpoints(),
                new ProofBundle.Selection.Complete()), rpc);
        assertEquals(1, gapInEvery.exit());
        assertTrue(gapInEvery.out().contains("GAP between"), "the same bundle read as holding every reading: " + gapInEvery.out());

        List<ProofBundle.ProvenReading> wrongRoot = new ArrayList<>(bundle.readings());
        ProofBundle.ProvenReading late = wrongRoot.get(wrongRoot.size() - 1);
        long earlierSize = bundle.checkpoints().get(bundle.checkpoints().size() - 2).treeSize();
        wrongRoot.set(wrongRoot.size() - 1, new ProofBundle.ProvenReading(late.leafIndex(), late.envelope(), earlierSize, late.inclusionProof()));
        Verdict proof = verify(workDir, "wrong-root", with(bundle, wrongRoot, bundle.checkpoints()), rpc);
        assertEquals(1, proof.exit());
        assertTrue(proof.out().contains("FAIL  inclusion"), proof.out());

        List<ProofBundle.Checkpoint> unanchored = new ArrayList<>(bundle.checkpoints());
        unanchored.add(new ProofBundle.Checkpoint(1_000_000, new byte[32], bundle.checkpoints().get(0).signedNote(), "0x00",
                List.of()));
        Verdict notAnchored = verify(workDir, "unanchored", with(bundle, bundle.readings(), unanchored), rpc);
        assertEquals(1, notAnchored.exit());
        assertTrue(notAnchored.out().contains("no root is anchored for tree size 1000000"), notAnchored.out());
        assertTrue(notAnchored.out().contains("FAIL  checkpoint signatures"), "a checkpoint nobody signed: " + notAnchored.out());
        assertTrue(notAnchored.out().contains("FAIL  append-only"), "a checkpoint not consistent with the log: " + notAnchored.out());
    }

    private record Verdict(int exit, String out) {
    }

    /**
     * A verifier asks for one reading outside the bundle ({@code mrv verify --log}): the service
     * names where it is, and the command proves it from the hash tiles the service serves against
     * the signed checkpoint, its next reading after the time asked, and the root on chain.
     */
    private static void aFurtherReadingIsProvenFromTheLogsTiles(LocalPipeline pipeline, ProofBundle bundle, Path workDir, String rpc)
            throws Exception {
        Path token = Files.writeString(workDir.resolve("auditor.token"), pipeline.apiToken("walk-through", "AUDITOR"));
        Path registry = Files.writeString(workDir.resolve("registry.txt"), bundle.registry());
        String device = bundle.claimedEnergyWh().keySet().iterator().next();
        String noon = bundle.from().plus(java.time.Duration.ofHours(12)).toString();
        List<String> args = List.of("--log", pipeline.serviceUrl(), "--device", device, "--at", noon, "--token-file", token.toString(),
                "--log-key", bundle.logVerifierKey(), "--registry", registry.toString(), "--rpc", rpc, "--contract",
                bundle.anchor().contractAddress(), "--chain-id", Long.toString(bundle.anchor().chainId()));
        Verdict reading = run(args);
        assertEquals(0, reading.exit(), reading.out());
        for (String line : List.of("ok    checkpoint: tree size", "ok    reading: leaf ", "ok    at or before: #", "ok    next: leaf ",
                "ok    latest: #", "no later reading at or before " + noon, "ok    anchor ")) {
            assertTrue(reading.out().contains(line), line + " in: " + reading.out());
        }
        Path otherRegistry = Files.writeString(workDir.resolve("other-registry.txt"), io.solarmrv.attestation.DeviceRegistry
                .registrationLine(device, io.solarmrv.attestation.GatewayKey.generate(new java.security.SecureRandom())) + "\n");
        List<String> pinnedElsewhere = new ArrayList<>(args);
        pinnedElsewhere.set(pinnedElsewhere.indexOf(registry.toString()), otherRegistry.toString());
        Verdict forged = run(pinnedElsewhere);
        assertEquals(1, forged.exit(), "readings not signed by the pinned registry's key: " + forged.out());
        assertTrue(forged.out().contains("FAIL  reading: ") && forged.out().contains("signed by a key the registry does not bind"),
                forged.out());
        List<String> noKey = new ArrayList<>(args.subList(0, 8));
        Verdict unpinned = run(noKey);
        assertEquals(2, unpinned.exit());
        assertTrue(unpinned.out().contains("MALFORMED: --log needs --log-key, --registry"), unpinned.out());
    }

    private static Verdict run(List<String> args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            List<String> all = new ArrayList<>(List.of("verify"));
            all.addAll(args);
            int exit = new CommandLine(new Mrv()).execute(all.toArray(String[]::new));
            return new Verdict(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private static ProofBundle with(ProofBundle b, List<ProofBundle.ProvenReading> readings, List<ProofBundle.Checkpoint> checkpoints) {
        return with(b, readings, checkpoints, b.selection());
    }

    private static ProofBundle with(ProofBundle b, List<ProofBundle.ProvenReading> readings, List<ProofBundle.Checkpoint> checkpoints,
                                    ProofBundle.Selection selection) {
        return new ProofBundle(b.projectId(), b.from(), b.to(), b.emissionFactorTco2PerMwh(), b.claimedEnergyWh(),
                b.claimedTotalEnergyWh(), b.voidedSequences(), b.claimedExcludedEnergyWh(), b.claimedEmissionReductionsTco2(),
                b.claimedCredits(), b.registry(),
                b.logVerifierKey(), checkpoints, b.anchor(), readings, b.selfConsumption(), b.methodology(), b.meterReplacements(),
                b.sourcedFactor(), b.uncalibrated(), b.calibrations(), selection);
    }

    private static Verdict verify(Path workDir, String name, ProofBundle bundle, String rpc, String... pins) throws Exception {
        Path file = workDir.resolve(name + "-bundle.json");
        ProofBundleJson.write(bundle, file);
        List<String> args = new ArrayList<>(List.of(file.toString(), "--rpc", rpc));
        args.addAll(List.of(pins));
        return run(args);
    }
}
