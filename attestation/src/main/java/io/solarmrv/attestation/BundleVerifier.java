package io.solarmrv.attestation;

import io.solarmrv.attestation.methodology.Methodologies;
import io.solarmrv.attestation.methodology.Methodology;
import io.solarmrv.attestation.methodology.MeterCalibration;
import io.solarmrv.attestation.note.Checkpoint;
import io.solarmrv.attestation.note.NoteKeys;
import io.solarmrv.attestation.note.SignedNote;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a {@link ProofBundle} offline: every signature, every device chain link, every inclusion
 * proof against its checkpoint, and every figure of the report recomputed from the readings with
 * the same functions the pipeline uses ({@link JcmSolarPv}). Each check yields one line.
 */
public final class BundleVerifier {
    private BundleVerifier() {
    }

    /** One verification step and its outcome. */
    public record Check(String name, boolean passed, String detail) {
    }

    public static List<Check> verify(ProofBundle bundle) {
        List<Check> checks = new ArrayList<>();
        DeviceRegistry registry;
        try {
            registry = DeviceRegistry.parse(bundle.registry());
        } catch (IllegalArgumentException e) {
            checks.add(new Check("registry", false, e.getMessage()));
            return checks;
        }
        Map<Long, byte[]> roots = new HashMap<>();
        checks.add(checkpointNotes(bundle));
        checks.add(appendOnly(bundle.checkpoints()));
        for (ProofBundle.Checkpoint checkpoint : bundle.checkpoints()) {
            roots.put(checkpoint.treeSize(), checkpoint.root());
        }
        Map<String, List<SignedReading>> chains = new LinkedHashMap<>();
        int signaturesOk = 0;
        int proofsOk = 0;
        for (ProofBundle.ProvenReading proven : bundle.readings()) {
            String where = "leaf " + proven.leafIndex();
            SignedReading signed;
            try {
                signed = SignedReading.fromWire(proven.envelope());
            } catch (MalformedEvidenceException e) {
                checks.add(new Check("reading", false, where + ": malformed: " + e.getMessage()));
                continue;
            }
            Reading reading = signed.reading();
            where += " (" + reading.deviceId() + " #" + reading.sequence() + ")";
            DeviceRegistry.Verdict verdict = registry.verify(signed);
            boolean signatureOk = verdict == DeviceRegistry.Verdict.VALID;
            if (signatureOk) {
                signaturesOk++;
            } else {
                checks.add(new Check("signature", false, where + ": " + describe(verdict)));
            }
            byte[] root = roots.get(proven.treeSize());
            boolean included = root != null && MerkleVerifier.verifyInclusion(proven.leafIndex(), proven.treeSize(),
                    MerkleHash.leafHash(proven.envelope()), proven.inclusionProof(), root);
            if (root == null) {
                checks.add(new Check("inclusion", false, where + ": no checkpoint of tree size " + proven.treeSize()));
            } else if (!included) {
                checks.add(new Check("inclusion", false, where + ": not included in the tree of size "
                        + proven.treeSize() + " with root " + HexFormat.of().formatHex(root)));
            } else {
                proofsOk++;
            }
            // Only evidence that is both signed and logged counts toward chains and figures.
            if (signatureOk && included) {
                chains.computeIfAbsent(reading.deviceId(), id -> new ArrayList<>()).add(signed);
            }
        }
        checks.add(new Check("signatures", signaturesOk == bundle.readings().size(),
                signaturesOk + " of " + bundle.readings().size() + " readings verify under their device's registered key"
                        + " and carry its registered meter's serial"));
        checks.add(new Check("inclusion proofs", proofsOk == bundle.readings().size(),
                proofsOk + " of " + bundle.readings().size() + " readings are included in an anchored checkpoint"));
        boolean complete = bundle.selection() instanceof ProofBundle.Selection.Complete;
        chains.forEach((device, readings) -> checks.add(complete ? chainCheck(device, readings) : runsCheck(device, readings)));
        if (bundle.selection() instanceof ProofBundle.Selection.BoundsAndSamples selection) {
            checks.addAll(EvidenceCoverage.checks(bundle, selection, chains));
        }
        checks.add(methodologyCheck(bundle));
        checks.add(emissionFactorCheck(bundle));
        checks.addAll(figures(bundle, chains));
        return checks;
    }

    /**
     * The claim names a methodology this verifier computes, and its figures are that methodology's:
     * self-consumption lines exactly when it is EN-R-002. A format 1 claim names none; its figures are
     * recomputed by the formula its lines imply, as before.
     */
    static Check methodologyCheck(ProofBundle bundle) {
        String implied = bundle.selfConsumption() == null ? "JCM solar PV (RE = EG x EF)" : JCreditSolarSelfConsumption.METHODOLOGY;
        if (bundle.methodology() == null) {
            return new Check("methodology", true, "the claim (format 1) names none; recomputed as " + implied);
        }
        Methodologies.Resolution resolution = Methodologies.resolve(bundle.methodology());
        if (resolution instanceof Methodologies.Resolution.Refused refused) {
            return new Check("methodology", false, refused.reason());
        }
        Methodology methodology = ((Methodologies.Resolution.Supported) resolution).methodology();
        boolean selfConsumption = methodology.formula() == Methodology.Formula.SELF_CONSUMED_PV;
        if (selfConsumption != (bundle.selfConsumption() != null)) {
            return new Check("methodology", false, methodology.reference() + " is " + methodology.formula()
                    + " but the claim's figures are " + implied + "'s");
        }
        return new Check("methodology", true, methodology.reference() + " (" + methodology.scheme() + ", " + methodology.title()
                + "): figures recomputed by its formula, " + methodology.formula());
    }

    /**
     * The factor the figures are recomputed with is the one the claim names, effective on every day
     * of the period (in the host country's calendar) and of a kind the methodology applies (EN-R-002:
     * one fiscal year's). Its value against its source document is for the verifier to read.
     */
    static Check emissionFactorCheck(ProofBundle bundle) {
        io.solarmrv.attestation.methodology.EmissionFactor factor = bundle.sourcedFactor();
        String value = bundle.emissionFactorTco2PerMwh().toPlainString() + " tCO2/MWh";
        if (factor == null) {
            return new Check("emission factor", true, value + "; the claim names no source or dates for it (made before"
                    + " claims carried them): check it against the project's registration");
        }
        Optional<Methodology> methodology = bundle.methodology() == null ? Optional.empty()
                : Methodologies.resolve(bundle.methodology()).supported();
        if (methodology.isEmpty()) {
            return new Check("emission factor", false, value + " is dated by the host country's calendar, and the claim names no"
                    + " methodology this verifier computes");
        }
        java.time.ZoneId zone = methodology.get().zone();
        Methodology.PeriodDays days = methodology.get().periodDays(bundle.from(), bundle.to());
        if (!factor.covers(days.first(), days.last())) {
            return new Check("emission factor", false, value + " is effective " + factor.effectiveDates() + ", and the period runs "
                    + days.first() + " to " + days.last() + " (" + zone + ")");
        }
        Optional<String> refusal = methodology.get().factorRefusal(factor);
        if (refusal.isPresent()) {
            return new Check("emission factor", false, refusal.get());
        }
        return new Check("emission factor", true, value + ", effective " + factor.effectiveDates() + " (covers the period "
                + days.first() + " to " + days.last() + ", " + zone + "), source: " + factor.source());
    }

    /** Each checkpoint extends the one before it (RFC 9162 consistency): the log only ever grew. */
    static Check appendOnly(List<ProofBundle.Checkpoint> checkpoints) {
        for (int i = 1; i < checkpoints.size(); i++) {
            ProofBundle.Checkpoint previous = checkpoints.get(i - 1);
            ProofBundle.Checkpoint current = checkpoints.get(i);
            if (!MerkleVerifier.verifyConsistency(previous.treeSize(), current.treeSize(), previous.root(), current.root(),
                    current.consistencyFromPrevious())) {
                return new Check("append-only", false, "checkpoint " + current.treeSize()
                        + " is not consistent with checkpoint " + previous.treeSize());
            }
        }
        return new Check("append-only", true, "each of " + checkpoints.size()
                + " checkpoints is consistent with the one before (RFC 9162 consistency proofs)");
    }

    /** What a registry verdict on a reading means, in words. */
    public static String describe(DeviceRegistry.Verdict verdict) {
        return switch (verdict) {
            case VALID -> "signature verifies";
            case UNKNOWN_DEVICE -> "no key is registered for the device";
            case UNKNOWN_KEY -> "signed by a key the registry does not bind to the device";
            case KEY_OUTSIDE_VALIDITY -> "signed by the device's key outside the key's validity";
            case KEY_REVOKED -> "signed by a key revoked at or before the reading's time";
            case BAD_SIGNATURE -> "signature does not verify";
            case WRONG_METER -> "carries a meter serial other than the one registered behind the device at its sequence";
        };
    }

    /** Every checkpoint is a C2SP note signed by the log key, stating exactly its tree size and root. */
    static Check checkpointNotes(ProofBundle bundle) {
        NoteKeys.VerifierKey logKey;
        try {
            logKey = NoteKeys.parseVerifier(bundle.logVerifierKey());
        } catch (IllegalArgumentException e) {
            return new Check("checkpoint signatures", false, "log verifier key: " + e.getMessage());
        }
        for (ProofBundle.Checkpoint checkpoint : bundle.checkpoints()) {
            String where = "checkpoint " + checkpoint.treeSize() + ": ";
            try {
                SignedNote.Opened opened = SignedNote.open(checkpoint.signedNote(), logKey);
                if (!opened.verified()) {
                    return new Check("checkpoint signatures", false, where + opened.reason());
                }
                Checkpoint body = Checkpoint.parse(opened.text());
                if (body.treeSize() != checkpoint.treeSize() || !MessageDigest.isEqual(body.root(), checkpoint.root())
                        || !body.origin().equals(logKey.name())) {
                    return new Check("checkpoint signatures", false, where + "the signed note states a different origin, size or root");
                }
            } catch (IllegalArgumentException e) {
                return new Check("checkpoint signatures", false, where + "malformed signed note: " + e.getMessage());
            }
        }
        return new Check("checkpoint signatures", true, bundle.checkpoints().size()
                + " checkpoints are signed notes by " + logKey);
    }

    /** Checks that a device's readings (in bundle order) form one unbroken chain. */
    static Check chainCheck(String device, List<SignedReading> readings) {
        for (int i = 1; i < readings.size(); i++) {
            Reading previous = readings.get(i - 1).reading();
            Reading current = readings.get(i).reading();
            Optional<ChainFault> fault = ChainFault.between(previous.sequence(), readings.get(i - 1).readingHash(),
                    current.sequence(), current.previousHash());
            if (fault.isPresent()) {
                return new Check("chain " + device, false, fault.get() + " between #" + previous.sequence()
                        + " and #" + current.sequence());
            }
        }
        return new Check("chain " + device, true, readings.size() + " readings, sequence +1 and hash-linked throughout");
    }

    /**
     * Checks that a device's readings in a bundle of bounds and samples, taken in sequence order,
     * are hash-linked wherever their sequences are consecutive, with no sequence twice: runs of
     * one chain with gaps between them (the readings the log holds between runs are not in the bundle).
     */
    static Check runsCheck(String device, List<SignedReading> readings) {
        List<SignedReading> ordered = new ArrayList<>(readings);
        ordered.sort(java.util.Comparator.comparingLong(r -> r.reading().sequence()));
        int runs = ordered.isEmpty() ? 0 : 1;
        for (int i = 1; i < ordered.size(); i++) {
            Reading previous = ordered.get(i - 1).reading();
            Reading current = ordered.get(i).reading();
            if (current.sequence() == previous.sequence()) {
                return new Check("chain " + device, false, "two readings with sequence #" + current.sequence());
            }
            if (current.sequence() > previous.sequence() + 1) {
                runs++;
                continue;
            }
            Optional<ChainFault> fault = ChainFault.between(previous.sequence(), ordered.get(i - 1).readingHash(),
                    current.sequence(), current.previousHash());
            if (fault.isPresent()) {
                return new Check("chain " + device, false, fault.get() + " between #" + previous.sequence()
                        + " and #" + current.sequence());
            }
        }
        return new Check("chain " + device, true, ordered.size() + " readings in " + runs
                + " runs of consecutive sequences, each hash-linked throughout");
    }

    private static List<Check> figures(ProofBundle bundle, Map<String, List<SignedReading>> chains) {
        List<Check> checks = new ArrayList<>();
        long total = 0;
        long excluded = 0;
        long credited = 0;
        for (Map.Entry<String, Long> claim : bundle.claimedEnergyWh().entrySet()) {
            List<Reading> inPeriod = inPeriod(chains.getOrDefault(claim.getKey(), List.of()), bundle.from(), bundle.to());
            List<Long> replacedAfter = bundle.meterReplacements().getOrDefault(claim.getKey(), List.of());
            JcmSolarPv.MeterEnergy perMeter = JcmSolarPv.energyPerMeter(inPeriod, replacedAfter);
            long energy = perMeter instanceof JcmSolarPv.MeterEnergy.Counted counted ? counted.energyWh() : 0;
            long deviceExcluded = excluded(inPeriod, bundle.voidedSequences().getOrDefault(claim.getKey(), List.of()), replacedAfter);
            total += energy;
            excluded += deviceExcluded;
            long correction = calibrationCorrection(bundle, claim.getKey(), spans -> spans.stream()
                    .mapToLong(span -> JcmSolarPv.spanEnergyWh(inPeriod, span, replacedAfter)).sum(), "measured then", checks);
            credited += JcmSolarPv.creditedEnergyWh(energy, deviceExcluded + correction);
            if (perMeter instanceof JcmSolarPv.MeterEnergy.Refused refused) {
                checks.add(new Check("energy " + claim.getKey(), false, "the period spans a meter replacement: " + refused.reason()));
                continue;
            }
            checks.add(new Check("energy " + claim.getKey(), energy == claim.getValue(),
                    "recomputed " + energy + " Wh from boundary registers" + (replacedAfter.isEmpty() ? ""
                            : ", per meter across the replacements after #" + replacedAfter) + ", report states "
                            + claim.getValue() + " Wh"));
        }
        checks.add(new Check("total energy", total == bundle.claimedTotalEnergyWh(),
                "recomputed " + total + " Wh, report states " + bundle.claimedTotalEnergyWh() + " Wh"));
        checks.add(new Check("excluded energy", excluded == bundle.claimedExcludedEnergyWh(),
                "recomputed " + excluded + " Wh in the register steps voided by "
                        + bundle.voidedSequences().values().stream().mapToInt(List::size).sum()
                        + " flagged readings, report states " + bundle.claimedExcludedEnergyWh() + " Wh"));
        BigDecimal tonnes;
        String rule;
        if (bundle.selfConsumption() == null) {
            tonnes = JcmSolarPv.tonnes(credited, bundle.emissionFactorTco2PerMwh());
            rule = "EG x EF, EG = " + credited + " Wh credited";
        } else {
            long selfConsumed = selfConsumption(bundle, chains, credited, checks);
            int fiscalYear = bundle.selfConsumption().fiscalYear();
            tonnes = JCreditSolarSelfConsumption.tonnes(List.of(new JCreditSolarSelfConsumption.FiscalYearEnergy(fiscalYear,
                    selfConsumed, 0)), new JCreditSolarSelfConsumption.Parameters("as claimed",
                    Map.of(fiscalYear, bundle.emissionFactorTco2PerMwh())));
            rule = "EL_self x EF of FY" + fiscalYear + ", EL_self = " + selfConsumed + " Wh";
        }
        checks.add(new Check("emission reductions", tonnes.compareTo(bundle.claimedEmissionReductionsTco2()) == 0,
                "recomputed " + tonnes.toPlainString() + " tCO2 (" + rule + "), report states "
                        + bundle.claimedEmissionReductionsTco2().toPlainString()));
        long credits = JcmSolarPv.credits(tonnes);
        checks.add(new Check("credits", credits == bundle.claimedCredits(),
                "recomputed " + credits + " (rounded down), report states " + bundle.claimedCredits()));
        return checks;
    }

    /**
     * EN-R-002: the period within one fiscal year (the one claimed), each site meter's export
     * recomputed outward from its export register, each battery's charge outward and discharge
     * inward ({@link BatteryEnergy}), and EL_self = credited generation - export - what the batteries
     * withhold, never below zero. Adds a check per figure; returns the recomputed EL_self.
     */
    private static long selfConsumption(ProofBundle bundle, Map<String, List<SignedReading>> chains, long credited, List<Check> checks) {
        MonitoringClaim.SelfConsumption claimed = bundle.selfConsumption();
        int fiscalYear = JCreditSolarSelfConsumption.fiscalYear(bundle.from());
        boolean oneYear = JCreditSolarSelfConsumption.withinOneFiscalYear(bundle.from(), bundle.to());
        checks.add(new Check("fiscal year", oneYear && fiscalYear == claimed.fiscalYear(), "the period lies in FY" + fiscalYear
                + (oneYear ? "" : " and beyond") + ", report states FY" + claimed.fiscalYear()));
        long export = 0;
        for (Map.Entry<String, Long> meter : new java.util.TreeMap<>(claimed.exportWh()).entrySet()) {
            Long[] outward = outward(chains.getOrDefault(meter.getKey(), List.of()), bundle, Reading::exportRegisterWh);
            try {
                long recomputed = JCreditSolarSelfConsumption.exportWh(meter.getKey(), outward[0], outward[1]);
                export += recomputed + calibrationCorrection(bundle, meter.getKey(), spans -> recomputed,
                        "exported in the period, raised by it", checks);
                checks.add(new Check("export " + meter.getKey(), recomputed == meter.getValue(), "recomputed " + recomputed
                        + " Wh from the export registers around the period, report states " + meter.getValue() + " Wh"));
            } catch (IllegalArgumentException e) {
                export += meter.getValue();
                checks.add(new Check("export " + meter.getKey(), false, e.getMessage()));
            }
        }
        List<BatteryEnergy> batteries = new ArrayList<>();
        long batteryCorrection = 0;
        for (BatteryEnergy claimedBattery : claimed.batteries()) {
            BatteryEnergy battery = battery(claimedBattery, chains.getOrDefault(claimedBattery.battery(), List.of()), bundle, checks);
            batteries.add(battery);
            batteryCorrection += calibrationCorrection(bundle, battery.battery(), spans -> battery.chargeWh() + battery.dischargeWh(),
                    "charged and discharged in the period, charge raised and discharge lowered by it", checks);
        }
        long selfConsumed = JCreditSolarSelfConsumption.selfConsumedWh(new JCreditSolarSelfConsumption.FiscalYearEnergy(
                claimed.fiscalYear(), credited, export, batteries, batteryCorrection));
        long withheld = batteries.stream().mapToLong(BatteryEnergy::withheldWh).sum() + batteryCorrection;
        checks.add(new Check("self-consumption", selfConsumed == claimed.selfConsumedWh(), "recomputed " + selfConsumed
                + " Wh (credited generation " + credited + " - export " + export + " with calibration corrections"
                + (batteries.isEmpty() ? "" : " - " + withheld + " withheld by " + batteries.size() + " batteries")
                + ", never below zero), report states " + claimed.selfConsumedWh() + " Wh"));
        return selfConsumed;
    }

    /**
     * A battery's charge recomputed outward from its charge register (the reading's second register)
     * and its discharge inward from its discharge register (the energy register), with a check
     * against the claim; the rated capacity is the claim's, for the verifier to read against the
     * battery's specification. Where the registers cannot bound the charge, the check fails and the
     * claim's figures stand in, so the other checks still run.
     */
    private static BatteryEnergy battery(BatteryEnergy claimed, List<SignedReading> chain, ProofBundle bundle, List<Check> checks) {
        String name = "battery " + claimed.battery();
        Long[] outward = outward(chain, bundle, Reading::exportRegisterWh);
        List<Reading> inside = inPeriod(chain, bundle.from(), bundle.to());
        try {
            long charge = BatteryEnergy.chargeWh(claimed.battery(), outward[0], outward[1]);
            long discharge = BatteryEnergy.dischargeWh(claimed.battery(),
                    inside.isEmpty() ? null : inside.get(0).energyRegisterWh(),
                    inside.isEmpty() ? null : inside.get(inside.size() - 1).energyRegisterWh());
            BatteryEnergy recomputed = new BatteryEnergy(claimed.battery(), charge, discharge, claimed.capacityWh());
            checks.add(new Check(name, recomputed.equals(claimed), "recomputed charge " + charge + " Wh (outward) and discharge "
                    + discharge + " Wh (inward) from its registers, withholding " + recomputed.withheldWh() + " Wh with the"
                    + " rated capacity " + claimed.capacityWh() + " Wh the claim states (check it against the battery's"
                    + " specification); report states " + claimed.chargeWh() + " and " + claimed.dischargeWh() + " Wh"));
            return recomputed;
        } catch (IllegalArgumentException e) {
            checks.add(new Check(name, false, e.getMessage()));
            return claimed;
        }
    }

    /** A register at the last reading at or before the period's start and at the first at or after its end (null where none). */
    private static Long[] outward(List<SignedReading> chain, ProofBundle bundle, java.util.function.Function<Reading, Long> register) {
        Long atStart = null;
        Long atEnd = null;
        long startTs = Long.MIN_VALUE;
        long endTs = Long.MAX_VALUE;
        for (SignedReading signed : chain) {
            Reading r = signed.reading();
            if (r.timestampMillis() <= bundle.from().toEpochMilli() && r.timestampMillis() >= startTs) {
                startTs = r.timestampMillis();
                atStart = register.apply(r);
            }
            if (r.timestampMillis() >= bundle.to().toEpochMilli() && r.timestampMillis() <= endTs) {
                endTs = r.timestampMillis();
                atEnd = register.apply(r);
            }
        }
        return new Long[] {atStart, atEnd};
    }

    /**
     * A meter's calibration correction ({@link MeterCalibration}), recomputed from the bundle's
     * certificates and readings, with a check that the claim states the same uncovered spans, class
     * and correction. {@code energyOver} gives the energy the correction applies to for the uncovered
     * spans. Bundles made before calibration was applied carry no certificates: their claim has no
     * correction, and the check says so.
     *
     * @return the correction the figures are recomputed with
     */
    private static long calibrationCorrection(ProofBundle bundle, String meter,
                                              java.util.function.Function<List<MeterCalibration.Span>, Long> energyOver,
                                              String energyIs, List<Check> checks) {
        MonitoringClaim.Uncalibrated claimed = bundle.uncalibrated().get(meter);
        String name = "calibration " + meter;
        if (bundle.calibrations() == null) {
            checks.add(new Check(name, claimed == null, claimed == null ? "the bundle predates calibration corrections:"
                    + " check the meter's certificates against the period by hand" : "the claim states a correction, and the"
                    + " bundle carries no certificates to recompute it"));
            return claimed == null ? 0 : claimed.correctionWh();
        }
        MeterCalibration calibration = bundle.calibrations().get(meter);
        if (calibration == null) {
            checks.add(new Check(name, false, "the bundle carries no accuracy class or certificates for " + meter));
            return claimed == null ? 0 : claimed.correctionWh();
        }
        java.time.ZoneId zone = zoneOf(bundle);
        List<MeterCalibration.Span> spans = calibration.uncovered(bundle.from(), bundle.to(), zone);
        if (spans.isEmpty()) {
            checks.add(new Check(name, claimed == null, "certificates " + calibration.certificates().stream()
                    .map(MeterCalibration.Certificate::certificateId).toList() + " cover every day of the period ("
                    + zone + ")" + (claimed == null ? "" : ", yet the claim states a correction")));
            return 0;
        }
        long energy = energyOver.apply(spans);
        long correction = calibration.correctionWh(energy);
        MonitoringClaim.Uncalibrated expected = new MonitoringClaim.Uncalibrated(calibration.accuracyClass(), spans, correction);
        checks.add(new Check(name, expected.equals(claimed), "no certificate covers " + spans + " (" + zone + "): class "
                + calibration.accuracyClass() + ", maximum permissible error " + calibration.maxPermissibleErrorPercent().toPlainString()
                + "% of " + energy + " Wh " + energyIs + " = correction " + correction + " Wh recomputed; the claim states "
                + (claimed == null ? "none" : claimed.spans() + ", class " + claimed.accuracyClass() + ", " + claimed.correctionWh() + " Wh")));
        return correction;
    }

    /** The host country's calendar of the claim's methodology; UTC for a claim that names none this verifier computes. */
    static java.time.ZoneId zoneOf(ProofBundle bundle) {
        return Methodologies.calendarOf(bundle.methodology());
    }

    /** A device's readings in [from, to], in time order (then sequence), as the report orders them. */
    private static List<Reading> inPeriod(List<SignedReading> readings, Instant from, Instant to) {
        List<Reading> inside = new ArrayList<>();
        for (SignedReading signed : readings) {
            Reading r = signed.reading();
            if (r.timestampMillis() >= from.toEpochMilli() && r.timestampMillis() <= to.toEpochMilli()) {
                inside.add(r);
            }
        }
        inside.sort(java.util.Comparator.comparingLong(Reading::timestampMillis).thenComparingLong(Reading::sequence));
        return inside;
    }

    /** The energy in the steps ending at the voided readings (the report's conservative exclusion). */
    private static long excluded(List<Reading> inPeriod, List<Long> voidedSequences, List<Long> replacedAfter) {
        java.util.Set<Long> voided = new java.util.HashSet<>(voidedSequences);
        long[] registers = new long[inPeriod.size()];
        boolean[] voids = new boolean[inPeriod.size()];
        boolean[] replacedBefore = new boolean[inPeriod.size()];
        for (int i = 0; i < inPeriod.size(); i++) {
            registers[i] = inPeriod.get(i).energyRegisterWh();
            voids[i] = voided.contains(inPeriod.get(i).sequence());
            replacedBefore[i] = i > 0 && replacedAfter.contains(inPeriod.get(i - 1).sequence());
        }
        return JcmSolarPv.excludedEnergyWh(registers, voids, replacedBefore);
    }
}
