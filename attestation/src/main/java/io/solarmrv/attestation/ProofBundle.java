package io.solarmrv.attestation;

import io.solarmrv.attestation.methodology.EmissionFactor;
import io.solarmrv.attestation.methodology.MeterCalibration;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an auditor receives for a monitoring period: the report's figures, the device-key registry,
 * the log checkpoints (signed notes, and where they were anchored), and readings with their inclusion proofs.
 * Everything in it can be checked by {@link BundleVerifier} without any other data; the anchors
 * additionally against the chain.
 *
 * @param claimedEnergyWh per device, the energy the report states (register delta over the period)
 * @param voidedSequences per device, the sequence numbers of readings whose quality flags void
 *                        the register steps touching them (see {@link JcmSolarPv#excludedEnergyWh})
 * @param claimedExcludedEnergyWh the energy the report excludes for those steps, all devices
 * @param logVerifierKey  the C2SP verifier key of the log that signed the checkpoints
 * @param selfConsumption EN-R-002's figures (null for JCM): fiscal year, export per site meter,
 *                        self-consumed energy; the site meters' readings are in {@code readings}
 * @param methodology     the methodology and version the claim names ({@code TH_AM001 Ver1.0}); null
 *                        for a claim of format 1, recorded before claims named it
 * @param meterReplacements per device, the final readings of meters replaced within the period (the
 *                        claim's {@code meter-replaced-after} lines); empty where none was
 * @param sourcedFactor   the emission factor with its effective dates and source, as the claim names
 *                        it; null for claims made before factors carried their source
 * @param uncalibrated    per meter, the claim's {@code uncalibrated} lines: days without calibration and
 *                        the correction applied for them; empty where none was
 * @param calibrations    per meter of the claim (generation and site meters), its accuracy class and
 *                        certificates as the registry holds them, from which the verifier recomputes
 *                        the uncovered days; null in bundles made before calibration was applied
 */
public record ProofBundle(
        String projectId,
        Instant from,
        Instant to,
        BigDecimal emissionFactorTco2PerMwh,
        Map<String, Long> claimedEnergyWh,
        long claimedTotalEnergyWh,
        Map<String, List<Long>> voidedSequences,
        long claimedExcludedEnergyWh,
        BigDecimal claimedEmissionReductionsTco2,
        long claimedCredits,
        String registry,
        String logVerifierKey,
        List<Checkpoint> checkpoints,
        Anchor anchor,
        List<ProvenReading> readings,
        MonitoringClaim.SelfConsumption selfConsumption,
        String methodology,
        Map<String, List<Long>> meterReplacements,
        EmissionFactor sourcedFactor,
        Map<String, MonitoringClaim.Uncalibrated> uncalibrated,
        Map<String, MeterCalibration> calibrations,
        Selection selection) {

    public static final String FORMAT = "solar-mrv-proof-bundle/3";
    /** Bundles holding every reading of the period, written before bundles said which readings they hold; still read. */
    public static final String FORMAT_2 = "solar-mrv-proof-bundle/2";
    /** Bundles written before claims named their methodology; still read. */
    public static final String FORMAT_1 = "solar-mrv-proof-bundle/1";

    public ProofBundle {
        meterReplacements = meterReplacements == null ? Map.of() : Map.copyOf(meterReplacements);
        uncalibrated = uncalibrated == null ? Map.of() : Map.copyOf(uncalibrated);
        calibrations = calibrations == null ? null : Map.copyOf(calibrations);
        selection = selection == null ? new Selection.Complete() : selection;
    }

    /** A bundle holding every reading of the period ({@link Selection.Complete}). */
    public ProofBundle(String projectId, Instant from, Instant to, BigDecimal emissionFactorTco2PerMwh,
                       Map<String, Long> claimedEnergyWh, long claimedTotalEnergyWh, Map<String, List<Long>> voidedSequences,
                       long claimedExcludedEnergyWh, BigDecimal claimedEmissionReductionsTco2, long claimedCredits, String registry,
                       String logVerifierKey, List<Checkpoint> checkpoints, Anchor anchor, List<ProvenReading> readings,
                       MonitoringClaim.SelfConsumption selfConsumption, String methodology, Map<String, List<Long>> meterReplacements,
                       EmissionFactor sourcedFactor, Map<String, MonitoringClaim.Uncalibrated> uncalibrated,
                       Map<String, MeterCalibration> calibrations) {
        this(projectId, from, to, emissionFactorTco2PerMwh, claimedEnergyWh, claimedTotalEnergyWh, voidedSequences,
                claimedExcludedEnergyWh, claimedEmissionReductionsTco2, claimedCredits, registry, logVerifierKey, checkpoints, anchor,
                readings, selfConsumption, methodology, meterReplacements, sourcedFactor, uncalibrated, calibrations, null);
    }

    /**
     * Which of the period's readings a bundle holds: every one ({@link Complete}), or the ones its
     * figures rest on and whole sampled device-days ({@link BoundsAndSamples}), so that its size grows
     * with devices, flags and samples, not with readings.
     */
    public sealed interface Selection {
        /** Every reading of each device in the period, and the one just before it. */
        record Complete() implements Selection {
        }

        /**
         * Per device (each of the claim's generation and site meters), the readings its figures rest
         * on, each beside the reading next to it in its chain so the bound is shown: the last before
         * the period and the first in it, the last in it and the first after it (where the log has
         * one), each voided reading with both neighbours, both sides of each meter replacement, both
         * sides of each edge of a span no calibration covers; and every reading of the {@code samples}
         * (whole device-days in the host country's calendar, clipped to the period, with the reading
         * before and after), drawn by {@link ReadingSample} from a seed anyone recomputes
         * ({@link EvidenceSample#seed}).
         *
         * @param samplesRequested how many device-days were drawn (all of them where there are fewer)
         * @param voidingRules     per meter, the {@link io.solarmrv.attestation.methodology.VoidingRules}
         *                         (its nameplate and thresholds) a verifier re-runs on its sampled days:
         *                         every reading they flag must be voided in the claim; empty in bundles
         *                         made before, and for meters the registry gives no nameplate
         */
        record BoundsAndSamples(int samplesRequested, List<EvidenceSample.DeviceDay> samples,
                                Map<String, io.solarmrv.attestation.methodology.VoidingRules> voidingRules) implements Selection {
            public BoundsAndSamples {
                samples = List.copyOf(samples);
                voidingRules = voidingRules == null ? Map.of() : Map.copyOf(voidingRules);
            }

            /** A selection made without voiding rules for its samples. */
            public BoundsAndSamples(int samplesRequested, List<EvidenceSample.DeviceDay> samples) {
                this(samplesRequested, samples, Map.of());
            }
        }
    }

    /** A bundle made before calibration was applied (no uncalibrated lines, no calibrations). */
    public ProofBundle(String projectId, Instant from, Instant to, BigDecimal emissionFactorTco2PerMwh,
                       Map<String, Long> claimedEnergyWh, long claimedTotalEnergyWh, Map<String, List<Long>> voidedSequences,
                       long claimedExcludedEnergyWh, BigDecimal claimedEmissionReductionsTco2, long claimedCredits, String registry,
                       String logVerifierKey, List<Checkpoint> checkpoints, Anchor anchor, List<ProvenReading> readings,
                       MonitoringClaim.SelfConsumption selfConsumption, String methodology, Map<String, List<Long>> meterReplacements,
                       EmissionFactor sourcedFactor) {
        this(projectId, from, to, emissionFactorTco2PerMwh, claimedEnergyWh, claimedTotalEnergyWh, voidedSequences,
                claimedExcludedEnergyWh, claimedEmissionReductionsTco2, claimedCredits, registry, logVerifierKey, checkpoints, anchor,
                readings, selfConsumption, methodology, meterReplacements, sourcedFactor, Map.of(), null);
    }

    /** A bundle of a format 1 JCM claim (no methodology named, no self-consumption figures). */
    public ProofBundle(String projectId, Instant from, Instant to, BigDecimal emissionFactorTco2PerMwh,
                       Map<String, Long> claimedEnergyWh, long claimedTotalEnergyWh, Map<String, List<Long>> voidedSequences,
                       long claimedExcludedEnergyWh, BigDecimal claimedEmissionReductionsTco2, long claimedCredits, String registry,
                       String logVerifierKey, List<Checkpoint> checkpoints, Anchor anchor, List<ProvenReading> readings) {
        this(projectId, from, to, emissionFactorTco2PerMwh, claimedEnergyWh, claimedTotalEnergyWh, voidedSequences,
                claimedExcludedEnergyWh, claimedEmissionReductionsTco2, claimedCredits, registry, logVerifierKey, checkpoints, anchor,
                readings, null, null, Map.of(), null, Map.of(), null);
    }

    /**
     * A log checkpoint, its C2SP signed note, the transaction that anchored it, and the RFC 9162
     * consistency proof from the previous checkpoint of the bundle (empty for the first).
     */
    public record Checkpoint(long treeSize, byte[] root, String signedNote, String transactionHash,
                             List<byte[]> consistencyFromPrevious) {
    }

    /**
     * Where the checkpoints are anchored (the AnchorRegistry), and where the period is recorded and
     * issued: the MonitoringRegistry and CreditIssuance contracts and the period's id there (0 and
     * empty addresses when the period has not been put on chain).
     */
    public record Anchor(long chainId, String contractAddress, String monitoringRegistry, String creditIssuance,
                         long periodId) {
        public Anchor(long chainId, String contractAddress) {
            this(chainId, contractAddress, "", "", 0);
        }
    }

    /** The same bundle, its period recorded on chain under {@code periodId}. */
    public ProofBundle withPeriod(String monitoringRegistry, String creditIssuance, long periodId) {
        return new ProofBundle(projectId, from, to, emissionFactorTco2PerMwh, claimedEnergyWh, claimedTotalEnergyWh,
                voidedSequences, claimedExcludedEnergyWh, claimedEmissionReductionsTco2, claimedCredits, registry, logVerifierKey, checkpoints,
                new Anchor(anchor.chainId(), anchor.contractAddress(), monitoringRegistry, creditIssuance, periodId), readings,
                selfConsumption, methodology, meterReplacements, sourcedFactor, uncalibrated, calibrations, selection);
    }

    /** The claims of this bundle; {@link MonitoringClaim#digest()} is the report hash recorded on chain. */
    public MonitoringClaim claim() {
        return new MonitoringClaim(projectId, from, to, emissionFactorTco2PerMwh, claimedEnergyWh, voidedSequences,
                claimedTotalEnergyWh, claimedExcludedEnergyWh, claimedEmissionReductionsTco2, claimedCredits, selfConsumption, methodology,
                meterReplacements, sourcedFactor, uncalibrated);
    }

    public byte[] claimDigest() {
        return claim().digest();
    }

    /** A signed reading at its log index, with its inclusion proof against the checkpoint of {@code treeSize}. */
    public record ProvenReading(long leafIndex, byte[] envelope, long treeSize, List<byte[]> inclusionProof) {
    }
}
