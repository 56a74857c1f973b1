package io.solarmrv.attestation;

import io.solarmrv.attestation.methodology.MeterCalibration;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which of a device's readings a bundle of bounds and samples holds ({@link
 * ProofBundle.Selection.BoundsAndSamples}), as sequence numbers: each reading a claim's figures rest
 * on beside its neighbour in the chain, so the bound is shown, and every reading of each sampled
 * window with the one before and after it. The work is a few lookups per device, flag, replacement
 * and uncalibrated span and one range per sampled day, whatever the log's size; what the figures
 * are recomputed from is {@link JcmSolarPv} and {@link JCreditSolarSelfConsumption}'s business, and
 * {@link EvidenceCoverage} checks the same rule from the other side.
 */
public final class BundleReadings {
    private BundleReadings() {
    }

    /** Finds a device's readings by time in the log (ties in time broken by sequence). */
    public interface ChainIndex {
        /** The sequence of the device's first reading at or after {@code timestampMillis}. */
        OptionalLong firstAtOrAfter(String deviceId, long timestampMillis);

        /** The sequence of its last reading at or before {@code timestampMillis}. */
        OptionalLong lastAtOrBefore(String deviceId, long timestampMillis);

        /** The sequence of its last reading before {@code timestampMillis}. */
        OptionalLong lastBefore(String deviceId, long timestampMillis);
    }

    /**
     * The sequences of {@code deviceId} a bundle for {@code claim} holds: the last reading before the
     * period and the first in it, the last in it and the next, each voided reading and both its
     * neighbours, both sides of each recorded meter replacement, both sides of each edge of the
     * device's uncalibrated spans, and every reading of each sampled window with its neighbours.
     * Sequences the log does not have (past the device's latest) are asked for and not found.
     */
    public static SortedSet<Long> sequences(MonitoringClaim claim, String deviceId, List<EvidenceSample.Window> sampled,
                                            ChainIndex log) {
        TreeSet<Long> sequences = new TreeSet<>();
        log.firstAtOrAfter(deviceId, claim.from().toEpochMilli()).ifPresent(first -> pair(sequences, first - 1));
        log.lastAtOrBefore(deviceId, claim.to().toEpochMilli()).ifPresent(last -> pair(sequences, last));
        for (long voided : claim.voidedSequences().getOrDefault(deviceId, List.of())) {
            pair(sequences, voided - 1);
            pair(sequences, voided);
        }
        for (long replaced : claim.meterReplacements().getOrDefault(deviceId, List.of())) {
            pair(sequences, replaced);
        }
        MonitoringClaim.Uncalibrated uncalibrated = claim.uncalibrated().get(deviceId);
        for (MeterCalibration.Span span : uncalibrated == null ? List.<MeterCalibration.Span>of() : uncalibrated.spans()) {
            log.lastAtOrBefore(deviceId, span.from().toEpochMilli()).ifPresent(start -> pair(sequences, start));
            log.firstAtOrAfter(deviceId, span.to().toEpochMilli()).ifPresent(end -> pair(sequences, end - 1));
        }
        for (EvidenceSample.Window window : sampled) {
            OptionalLong before = log.lastBefore(deviceId, window.start().toEpochMilli());
            OptionalLong after = log.firstAtOrAfter(deviceId, window.end().toEpochMilli());
            long low = before.isPresent() ? before.getAsLong() : log.firstAtOrAfter(deviceId, window.start().toEpochMilli()).orElse(-1);
            long high = after.isPresent() ? after.getAsLong() : log.lastBefore(deviceId, window.end().toEpochMilli()).orElse(-1);
            for (long sequence = Math.max(0, low); low >= 0 && sequence <= high; sequence++) {
                sequences.add(sequence);
            }
        }
        return sequences;
    }

    /** A reading and the next one in its chain (a reading "before the first" has no sequence). */
    private static void pair(TreeSet<Long> sequences, long sequence) {
        if (sequence >= 0) {
            sequences.add(sequence);
        }
        sequences.add(sequence + 1);
    }
}
