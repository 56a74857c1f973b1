package io.solarmrv.bundle;

import io.solarmrv.results.LogCheckpoints;
import io.solarmrv.attestation.BundleReadings;
import io.solarmrv.attestation.EvidenceSample;
import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.attestation.MonitoringClaim;
import io.solarmrv.attestation.ProofBundle;
import io.solarmrv.attestation.methodology.Methodologies;
import io.solarmrv.attestation.methodology.VoidingRules;
import io.solarmrv.attestation.log.TiledLog;
import io.solarmrv.results.IndexedReading;
import io.solarmrv.results.LogIndex;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles a {@link ProofBundle} for a claim from the results database: the checkpoints, and the
 * readings of the claim's devices {@link Wanted} (every accepted reading of the period, plus the one
 * just before it, so each chain shows its link into the period; or the bounds and samples of
 * {@link ProofBundle.Selection.BoundsAndSamples}), each with an inclusion proof against the latest checkpoint.
 * Readings are found by the log's index in the results database ({@link LogIndex}); their envelopes
 * and proofs come from the log's tiles (O(log n) tile reads each).
 */
public final class ProofBundleExporter {
    private ProofBundleExporter() {
    }

    /**
     * Which readings to put in a bundle ({@link ProofBundle.Selection}).
     *
     * @param sampleDays   with bounds, how many whole device-days to draw
     * @param voidingRules with bounds, per meter the voiding rules a verifier re-runs on its sampled
     *                     days (the nameplate and thresholds the stream job checked it with)
     */
    public record Wanted(boolean complete, int sampleDays, java.util.Map<String, VoidingRules> voidingRules) {
        public Wanted {
            if (sampleDays < 0) {
                throw new IllegalArgumentException("a sample of " + sampleDays + " device-days");
            }
            voidingRules = java.util.Map.copyOf(voidingRules);
        }

        /** Every reading of the period: O(readings) in size and time, for small periods. */
        public static Wanted everyReading() {
            return new Wanted(true, 0, java.util.Map.of());
        }

        /** The readings the figures rest on and {@code sampleDays} whole device-days: O(devices + flags + samples). */
        public static Wanted boundsAndSamples(int sampleDays, java.util.Map<String, VoidingRules> voidingRules) {
            return new Wanted(false, sampleDays, voidingRules);
        }
    }

    /**
     * @param calibrations per meter of the claim, its accuracy class and certificates as the registry
     *                     holds them ({@link ProofBundle#calibrations()})
     * @param log          the log's tiles, holding at least {@code upToSize} leaves
     * @param upToSize     the largest checkpoint the bundle may rest on (the tiles' size as read;
     *                     checkpoints anchored after it are left out)
     * @param wanted       every reading, or the bounds and a sample of device-days
     */
    public static ProofBundle export(Connection db, MonitoringClaim claim, String registry, String logVerifierKey,
                                     ProofBundle.Anchor anchor,
                                     java.util.Map<String, io.solarmrv.attestation.methodology.MeterCalibration> calibrations,
                                     TiledLog log, long upToSize, Wanted wanted)
            throws SQLException {
        List<ProofBundle.Checkpoint> checkpoints = new ArrayList<>();
        new LogCheckpoints(db).forEach(upToSize, anchored -> {
            long previousSize = checkpoints.isEmpty() ? 0 : checkpoints.get(checkpoints.size() - 1).treeSize();
            List<byte[]> consistency = MerkleTree.consistencyProof(log, anchored.treeSize(), previousSize);
            checkpoints.add(new ProofBundle.Checkpoint(anchored.treeSize(), anchored.root(), anchored.signedNote(),
                    anchored.transactionHash(), consistency));
        });
        if (checkpoints.isEmpty()) {
            throw new SQLException("no log checkpoint has been anchored yet");
        }
        ProofBundle.Checkpoint latest = checkpoints.get(checkpoints.size() - 1);
        // A site meter's and a battery's (EN-R-002) readings are in the bundle too: export and charge are measured outward.
        java.util.Set<String> siteMeters = new java.util.HashSet<>();
        if (claim.selfConsumption() != null) {
            siteMeters.addAll(claim.selfConsumption().exportWh().keySet());
            claim.selfConsumption().batteries().forEach(battery -> siteMeters.add(battery.battery()));
        }
        java.util.SortedSet<String> devices = claim.meters();
        ProofBundle.Selection selection = new ProofBundle.Selection.Complete();
        List<ProofBundle.ProvenReading> readings = new ArrayList<>();
        LogIndex index = new LogIndex(db);
        if (wanted.complete()) {
            for (String deviceId : devices) {
                completeReadings(index, log, claim, deviceId, siteMeters.contains(deviceId), latest.treeSize(), readings);
            }
        } else {
            java.time.ZoneId zone = Methodologies.calendarOf(claim.methodology());
            List<EvidenceSample.DeviceDay> samples = EvidenceSample.draw(EvidenceSample.seed(claim.digest(), latest.root()),
                    devices, claim.from(), claim.to(), zone, wanted.sampleDays());
            selection = new ProofBundle.Selection.BoundsAndSamples(wanted.sampleDays(), samples, wanted.voidingRules());
            ReadingBounds bounds = new ReadingBounds(index, log, latest.treeSize());
            for (String deviceId : devices) {
                java.util.SortedSet<Long> sequences = BundleReadings.sequences(claim, deviceId, samples.stream()
                        .filter(day -> day.deviceId().equals(deviceId)).map(day -> day.window(zone, claim.from(), claim.to())).toList(),
                        bounds);
                bounds.prove(deviceId, sequences, readings);
            }
        }
        return new ProofBundle(claim.projectId(), claim.from(), claim.to(), claim.emissionFactorTco2PerMwh(),
                new java.util.TreeMap<>(claim.energyWh()), claim.totalEnergyWh(), new java.util.TreeMap<>(claim.voidedSequences()), claim.excludedEnergyWh(), claim.emissionReductionsTco2(),
                claim.credits(), registry, logVerifierKey, checkpoints, anchor, readings, claim.selfConsumption(), claim.methodology(),
                claim.meterReplacements(), claim.sourcedFactor(), claim.uncalibrated(), calibrations, selection);
    }

    /** Each device's readings of the period and the one before it; a site meter's or battery's also the first at or after the end. */
    private static void completeReadings(LogIndex index, TiledLog log, MonitoringClaim claim, String deviceId, boolean siteMeter,
                                         long treeSize, List<ProofBundle.ProvenReading> readings) throws SQLException {
        long from = claim.from().toEpochMilli();
        long to = claim.to().toEpochMilli();
        long low = index.last(deviceId, Long.MIN_VALUE, from - 1, treeSize).map(IndexedReading::timestampMillis).orElse(from);
        long high = siteMeter ? index.first(deviceId, to, Long.MAX_VALUE, treeSize).map(IndexedReading::timestampMillis).orElse(to) : to;
        List<IndexedReading> found = new ArrayList<>();
        index.forEach(deviceId, low, high, treeSize, found::add);
        found.sort(java.util.Comparator.comparingLong(IndexedReading::sequence));
        for (IndexedReading reading : found) {
            readings.add(ReadingBounds.proven(log, reading.leafIndex(), treeSize));
        }
    }
}
