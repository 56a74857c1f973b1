package io.solarmrv.bundle;

import io.solarmrv.attestation.BundleReadings;
import io.solarmrv.attestation.EvidenceSample;
import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.attestation.MonitoringClaim;
import io.solarmrv.attestation.ProofBundle;
import io.solarmrv.attestation.methodology.Methodologies;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles a {@link ProofBundle} for a claim from the results database: the checkpoints, and the
 * readings of the claim's devices {@link Wanted} (every accepted reading of the period, plus the one
 * just before it, so each chain shows its link into the period; or the bounds and samples of
 * {@link ProofBundle.Selection.BoundsAndSamples}), each with an inclusion proof against the latest checkpoint.
 * Proofs come from the hashes given: the creation service's {@code AnchoredLog.proofs}, the log's
 * tiles (O(log n) reads each) or, without tiles, its leaf hashes in memory.
 */
public final class ProofBundleExporter {
    private ProofBundleExporter() {
    }

    /**
     * Which readings to put in a bundle ({@link ProofBundle.Selection}).
     *
     * @param sampleDays with bounds, how many whole device-days to draw
     */
    public record Wanted(boolean complete, int sampleDays) {
        public Wanted {
            if (sampleDays < 0) {
                throw new IllegalArgumentException("a sample of " + sampleDays + " device-days");
            }
        }

        /** Every reading of the period: O(readings) in size and time, for small periods. */
        public static Wanted everyReading() {
            return new Wanted(true, 0);
        }

        /** The readings the figures rest on and {@code sampleDays} whole device-days: O(devices + flags + samples). */
        public static Wanted boundsAndSamples(int sampleDays) {
            return new Wanted(false, sampleDays);
        }
    }

    /**
     * @param calibrations per meter of the claim, its accuracy class and certificates as the registry
     *                     holds them ({@link ProofBundle#calibrations()})
     * @param hashes       the log's hashes for proofs up to {@code upToSize}
     * @param upToSize     the largest checkpoint the bundle may rest on (the hashes' size; checkpoints
     *                     anchored after them are left out)
     * @param wanted       every reading, or the bounds and a sample of device-days
     */
    public static ProofBundle export(Connection db, MonitoringClaim claim, String registry, String logVerifierKey,
                                     ProofBundle.Anchor anchor,
                                     java.util.Map<String, io.solarmrv.attestation.methodology.MeterCalibration> calibrations,
                                     MerkleTree.SubtreeHashes hashes, long upToSize, Wanted wanted)
            throws SQLException {
        List<ProofBundle.Checkpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(
                "SELECT tree_size, root, signed_note, tx_hash FROM log_checkpoints WHERE tree_size <= ? ORDER BY tree_size")) {
            select.setLong(1, upToSize);
            ResultSet rows = select.executeQuery();
            long previousSize = 0;
            while (rows.next()) {
                long size = rows.getLong(1);
                List<byte[]> consistency = MerkleTree.consistencyProof(hashes, size, previousSize);
                checkpoints.add(new ProofBundle.Checkpoint(size, rows.getBytes(2), rows.getString(3), rows.getString(4), consistency));
                previousSize = size;
            }
        }
        if (checkpoints.isEmpty()) {
            throw new SQLException("no log checkpoint has been anchored yet");
        }
        ProofBundle.Checkpoint latest = checkpoints.get(checkpoints.size() - 1);
        // A site meter's (EN-R-002) readings are in the bundle too: its export is measured outward.
        java.util.Set<String> siteMeters = claim.selfConsumption() == null ? java.util.Set.of() : claim.selfConsumption().exportWh().keySet();
        java.util.SortedSet<String> devices = claim.meters();
        ProofBundle.Selection selection = new ProofBundle.Selection.Complete();
        List<ProofBundle.ProvenReading> readings = new ArrayList<>();
        if (wanted.complete()) {
            for (String deviceId : devices) {
                completeReadings(db, claim, deviceId, siteMeters.contains(deviceId), latest.treeSize(), hashes, readings);
            }
        } else {
            java.time.ZoneId zone = Methodologies.calendarOf(claim.methodology());
            List<EvidenceSample.DeviceDay> samples = EvidenceSample.draw(EvidenceSample.seed(claim.digest(), latest.root()),
                    devices, claim.from(), claim.to(), zone, wanted.sampleDays());
            selection = new ProofBundle.Selection.BoundsAndSamples(wanted.sampleDays(), samples);
            ReadingBounds bounds = new ReadingBounds(db, latest.treeSize());
            for (String deviceId : devices) {
                java.util.SortedSet<Long> sequences = BundleReadings.sequences(claim, deviceId, samples.stream()
                        .filter(day -> day.deviceId().equals(deviceId)).map(day -> day.window(zone, claim.from(), claim.to())).toList(),
                        bounds);
                bounds.prove(deviceId, sequences, hashes, readings);
            }
        }
        return new ProofBundle(claim.projectId(), claim.from(), claim.to(), claim.emissionFactorTco2PerMwh(),
                new java.util.TreeMap<>(claim.energyWh()), claim.totalEnergyWh(), new java.util.TreeMap<>(claim.voidedSequences()), claim.excludedEnergyWh(), claim.emissionReductionsTco2(),
                claim.credits(), registry, logVerifierKey, checkpoints, anchor, readings, claim.selfConsumption(), claim.methodology(),
                claim.meterReplacements(), claim.sourcedFactor(), claim.uncalibrated(), calibrations, selection);
    }

    /** Each device's readings of the period and the one before it; a site meter's also the first at or after the end. */
    private static void completeReadings(Connection db, MonitoringClaim claim, String deviceId, boolean siteMeter, long treeSize,
                                         MerkleTree.SubtreeHashes hashes, List<ProofBundle.ProvenReading> readings) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT leaf_index, envelope FROM log_leaves"
                + " WHERE device_id = ? AND leaf_index < ? AND ts_ms <= ("
                + "   SELECT CASE WHEN ? THEN coalesce(min(ts_ms), ?) ELSE ? END FROM log_leaves WHERE device_id = ? AND ts_ms >= ?)"
                + " AND ts_ms >= ("
                + "   SELECT coalesce(max(ts_ms), ?) FROM log_leaves WHERE device_id = ? AND ts_ms < ?)"
                + " ORDER BY seq")) {
            long to = claim.to().toEpochMilli();
            select.setString(1, deviceId);
            select.setLong(2, treeSize);
            select.setBoolean(3, siteMeter);
            select.setLong(4, to);
            select.setLong(5, to);
            select.setString(6, deviceId);
            select.setLong(7, to);
            select.setLong(8, claim.from().toEpochMilli());
            select.setString(9, deviceId);
            select.setLong(10, claim.from().toEpochMilli());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long index = rows.getLong(1);
                    readings.add(new ProofBundle.ProvenReading(index, rows.getBytes(2), treeSize,
                            MerkleTree.inclusionProof(hashes, treeSize, index)));
                }
            }
        }
    }
}
