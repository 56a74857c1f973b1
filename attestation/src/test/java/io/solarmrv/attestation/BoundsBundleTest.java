package io.solarmrv.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.note.Checkpoint;
import io.solarmrv.attestation.note.NoteKeys;
import io.solarmrv.attestation.note.SignedNote;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@link BundleVerifier} on a bundle of bounds and samples ({@link ProofBundle.Selection.BoundsAndSamples}),
 * against the complete bundle of the same claim and log: two 50 kW inverters read hourly for a
 * two-day JCM period (Bangkok days), one reading voided.
 */
class BoundsBundleTest {
    private static final GatewayKey KEY = GatewayKey.generate(new SecureRandom());
    private static final Instant FROM = Instant.parse("2026-06-30T17:00:00Z");   // 1 July, 00:00 in Bangkok
    private static final Instant TO = FROM.plusSeconds(2 * 24 * 3600);
    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final long HOUR = 3_600_000;
    private static final int READINGS = 53;   // #0 two hours before the period, #50 at its end, #52 two hours after

    /** The log: both inverters' readings, hour by hour; reading #i at FROM + (i - 2) h, 50,000 Wh an hour. */
    private static final List<SignedReading> LOG = log();
    private static final List<byte[]> HASHES = LOG.stream().map(r -> MerkleHash.leafHash(r.toWire())).toList();
    private static final NoteKeys.SignerKey LOG_KEY = NoteKeys.newSigner("test.example/log", GatewayKey.generate(new SecureRandom()));

    private static List<SignedReading> log() {
        List<SignedReading> log = new ArrayList<>();
        byte[][] previous = {Reading.genesisHash(), Reading.genesisHash()};
        for (int i = 0; i < READINGS; i++) {
            for (int d = 0; d < 2; d++) {
                Reading r = new Reading("inv-" + (d + 1), "SN-" + (d + 1), i, FROM.toEpochMilli() + (i - 2) * HOUR,
                        1_000_000 + 50_000L * i, null, 50_000, ClockSync.NTP, 0, previous[d], new byte[Reading.SALT_LENGTH]);
                log.add(SignedReading.sign(r, KEY));
                previous[d] = Sha256.hash(ReadingCodec.encode(r));
            }
        }
        return log;
    }

    /** The claim: 48 steps of 50,000 Wh per inverter; #20 of inv-1 voided, excluding the steps into and out of it. */
    private static ProofBundle bundle(List<Integer> leaves, ProofBundle.Selection selection) {
        List<ProofBundle.ProvenReading> proven = new ArrayList<>();
        for (int i : leaves) {
            proven.add(new ProofBundle.ProvenReading(i, LOG.get(i).toWire(), LOG.size(), MerkleTree.inclusionProof(HASHES, i)));
        }
        String registry = DeviceRegistry.registrationLine("inv-1", KEY) + "\n" + DeviceRegistry.registrationLine("inv-2", KEY) + "\n";
        return new ProofBundle("plant", FROM, TO, new BigDecimal("0.5"), Map.of("inv-1", 2_400_000L, "inv-2", 2_400_000L), 4_800_000,
                Map.of("inv-1", List.of(20L)), 100_000, new BigDecimal("2.35"), 2, registry,
                LOG_KEY.verifierKey().toString(), List.of(new ProofBundle.Checkpoint(LOG.size(), MerkleTree.root(HASHES),
                        SignedNote.sign(new Checkpoint("test.example/log", LOG.size(), MerkleTree.root(HASHES)).noteText(), LOG_KEY),
                        "0x0", List.of())),
                new ProofBundle.Anchor(31337, "0x0"), proven, null, "TH_AM001 Ver1.0", Map.of(), null, Map.of(), null, selection);
    }

    /** Every reading of the period and the one before it, per device: the complete bundle. */
    private static ProofBundle complete() {
        List<Integer> leaves = new ArrayList<>();
        for (int i = 0; i < LOG.size(); i++) {
            long sequence = LOG.get(i).reading().sequence();
            if (sequence >= 1 && sequence <= 50) {
                leaves.add(i);
            }
        }
        return bundle(leaves, new ProofBundle.Selection.Complete());
    }

    /** The bounds of each device and {@code samples} drawn device-days, found by {@link BundleReadings} in the log above. */
    private static ProofBundle boundsAndSamples(int samples, Predicate<Reading> leftOut) {
        return boundsAndSamples(samples, leftOut, Map.of());
    }

    /** The same, the selection naming the voiding rules a verifier re-runs on the sampled days. */
    private static ProofBundle boundsAndSamples(int samples, Predicate<Reading> leftOut,
                                                Map<String, io.solarmrv.attestation.methodology.VoidingRules> rules) {
        ProofBundle complete = complete();
        List<EvidenceSample.DeviceDay> drawn = EvidenceSample.draw(EvidenceSample.seed(complete.claimDigest(), MerkleTree.root(HASHES)),
                Set.of("inv-1", "inv-2"), FROM, TO, BANGKOK, samples);
        List<Integer> leaves = new ArrayList<>();
        for (String device : List.of("inv-1", "inv-2")) {
            SortedSet<Long> sequences = BundleReadings.sequences(complete.claim(), device, drawn.stream()
                    .filter(day -> day.deviceId().equals(device)).map(day -> day.window(BANGKOK, FROM, TO)).toList(), INDEX);
            for (int i = 0; i < LOG.size(); i++) {
                Reading r = LOG.get(i).reading();
                if (r.deviceId().equals(device) && sequences.contains(r.sequence()) && !leftOut.test(r)) {
                    leaves.add(i);
                }
            }
        }
        return bundle(leaves, new ProofBundle.Selection.BoundsAndSamples(samples, drawn, rules));
    }

    private static final BundleReadings.ChainIndex INDEX = new BundleReadings.ChainIndex() {
        private List<Reading> of(String device) {
            return LOG.stream().map(SignedReading::reading).filter(r -> r.deviceId().equals(device))
                    .sorted(Comparator.comparingLong(Reading::timestampMillis).thenComparingLong(Reading::sequence)).toList();
        }

        @Override
        public OptionalLong firstAtOrAfter(String deviceId, long t) {
            return of(deviceId).stream().filter(r -> r.timestampMillis() >= t).mapToLong(Reading::sequence).findFirst();
        }

        @Override
        public OptionalLong lastAtOrBefore(String deviceId, long t) {
            return of(deviceId).stream().filter(r -> r.timestampMillis() <= t).mapToLong(Reading::sequence).reduce((a, b) -> b);
        }

        @Override
        public OptionalLong lastBefore(String deviceId, long t) {
            return of(deviceId).stream().filter(r -> r.timestampMillis() < t).mapToLong(Reading::sequence).reduce((a, b) -> b);
        }
    };

    private static BundleVerifier.Check check(List<BundleVerifier.Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + ": " + checks));
    }

    private static List<BundleVerifier.Check> failed(ProofBundle bundle) {
        return BundleVerifier.verify(bundle).stream().filter(c -> !c.passed()).toList();
    }

    @Test
    void theCompleteBundleOfTheClaimVerifies() {
        assertEquals(List.of(), failed(complete()));
    }

    @Test
    void aBundleOfBoundsAndOneSampledDayRecomputesTheSameFiguresFromFarFewerReadings() {
        ProofBundle bounds = boundsAndSamples(1, r -> false);
        assertEquals(List.of(), failed(bounds));
        // Per device: #1 #2, #50 #51, and for inv-1 #19 #20 #21; the sampled day adds its 24 readings and two neighbours.
        assertTrue(bounds.readings().size() < 40, bounds.readings().size() + " readings");
        assertEquals(100, complete().readings().size());
        List<BundleVerifier.Check> checks = BundleVerifier.verify(bounds);
        assertTrue(check(checks, "energy inv-1").detail().startsWith("recomputed 2400000 Wh"), check(checks, "energy inv-1").detail());
        String day = check(checks, "sample draw").detail();
        assertTrue(day.startsWith("1 device-days (1 requested)"), day);
    }

    @Test
    void aVoidedReadingWithoutItsNeighbourFailsItsBoundsAndTheExcludedEnergy() {
        ProofBundle bounds = boundsAndSamples(0, r -> r.deviceId().equals("inv-1") && r.sequence() == 21);
        List<BundleVerifier.Check> checks = BundleVerifier.verify(bounds);
        assertEquals("missing #21 beside voided #20", check(checks, "bounds inv-1").detail());
        assertFalse(check(checks, "excluded energy").passed(), "the step from #20 to #50 is no step of the chain");
        assertTrue(check(checks, "bounds inv-2").passed());
    }

    @Test
    void aReadingLeftOutOfASampledDayFailsThatSample() {
        ProofBundle whole = boundsAndSamples(4, r -> false);
        assertEquals(List.of(), failed(whole), "every device-day drawn: every reading");
        ProofBundle gap = boundsAndSamples(4, r -> r.deviceId().equals("inv-2") && r.sequence() == 30);
        List<BundleVerifier.Check> failed = failed(gap);
        assertEquals(List.of("sample inv-2 on 2026-07-02"), failed.stream().map(BundleVerifier.Check::name).toList(), failed.toString());
        assertEquals("reading #30 of the day is not in the bundle", failed.get(0).detail());
    }

    @Test
    void aSampleOtherThanTheSeedDrawsFailsTheDraw() {
        ProofBundle drawn = boundsAndSamples(1, r -> false);
        ProofBundle.Selection.BoundsAndSamples selection = (ProofBundle.Selection.BoundsAndSamples) drawn.selection();
        EvidenceSample.DeviceDay chosen = selection.samples().get(0);
        EvidenceSample.DeviceDay other = new EvidenceSample.DeviceDay(chosen.deviceId().equals("inv-1") ? "inv-2" : "inv-1", chosen.day());
        ProofBundle swapped = new ProofBundle(drawn.projectId(), drawn.from(), drawn.to(), drawn.emissionFactorTco2PerMwh(),
                drawn.claimedEnergyWh(), drawn.claimedTotalEnergyWh(), drawn.voidedSequences(), drawn.claimedExcludedEnergyWh(),
                drawn.claimedEmissionReductionsTco2(), drawn.claimedCredits(), drawn.registry(), drawn.logVerifierKey(),
                drawn.checkpoints(), drawn.anchor(), drawn.readings(), null, drawn.methodology(), Map.of(), null, Map.of(), null,
                new ProofBundle.Selection.BoundsAndSamples(1, List.of(other)));
        BundleVerifier.Check draw = check(BundleVerifier.verify(swapped), "sample draw");
        assertFalse(draw.passed());
        assertTrue(draw.detail().endsWith("the bundle lists [" + other + "] instead of [" + chosen + "]"), draw.detail());
    }

    @Test
    void theVoidingRulesReRunOnEachSampledDayFindReadingsTheClaimCountsThoughTheyWouldVoidThem() {
        // Every reading is at 50,000 W: in range for a 60 kW nameplate, out of range for a 40 kW one (above 110 %).
        var inRange = io.solarmrv.attestation.methodology.VoidingRules.defaults(60_000);
        ProofBundle consistent = boundsAndSamples(4, r -> false, Map.of("inv-1", inRange, "inv-2", inRange));
        assertEquals(List.of(), failed(consistent));
        assertTrue(check(BundleVerifier.verify(consistent), "voiding rules inv-1 on 2026-07-01").detail().endsWith("none flagged"));

        ProofBundle overNameplate = boundsAndSamples(4, r -> false,
                Map.of("inv-1", inRange, "inv-2", io.solarmrv.attestation.methodology.VoidingRules.defaults(40_000)));
        List<BundleVerifier.Check> failed = failed(overNameplate);
        assertEquals(List.of("voiding rules inv-2 on 2026-07-01", "voiding rules inv-2 on 2026-07-02"),
                failed.stream().map(BundleVerifier.Check::name).sorted().toList(), failed.toString());
        assertTrue(failed.get(0).detail().contains("flagged stale or out_of_range (nameplate 40000 W) are not voided in the claim"),
                failed.get(0).detail());
    }
}
