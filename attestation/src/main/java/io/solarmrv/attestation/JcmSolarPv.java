package io.solarmrv.attestation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The figures of a monitoring report, as the pipeline, the service and {@code mrv verify} all compute
 * them. JCM solar PV (e.g. MN_AM003, ID_AM017, TH_AM001): RE_p = EG_p x EF_RE, PE_p = 0, ER_p = RE_p - PE_p,
 * with EG in MWh and EF in tCO2/MWh. Energy enters as whole Wh from meter registers; the result is
 * exact (no binary floating point). Credits are whole tCO2 rounded down, as issuance is
 * (ARCHITECTURE.md invariant 3).
 */
public final class JcmSolarPv {
    private static final BigDecimal WH_PER_MWH = BigDecimal.valueOf(1_000_000);

    private JcmSolarPv() {
    }

    /**
     * A meter's energy in a period (ARCHITECTURE.md invariant 2): the register at the last reading at
     * or before the end minus the register at the first at or after the start. A register that went
     * down (rollback, meter swap) gives zero rather than a negative or a guessed figure (invariant 3).
     */
    public static long periodEnergyWh(long firstRegisterWh, long lastRegisterWh) {
        return Math.max(0, lastRegisterWh - firstRegisterWh);
    }

    /**
     * A register delta is energy only if one meter counted it: two readings of a device signed by
     * different meter serials have a meter replacement between them, and the new register's start is
     * not the old one's end (read as one delta, a new meter starting higher would be credited energy
     * nobody produced). Empty when one meter signed both; otherwise what changed, for a refusal.
     */
    public static java.util.Optional<String> meterChange(Reading earlier, Reading later) {
        if (earlier.meterSerial().equals(later.meterSerial())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("reading #" + earlier.sequence() + " (" + java.time.Instant.ofEpochMilli(earlier.timestampMillis())
                + ") is signed by meter " + earlier.meterSerial() + ", #" + later.sequence() + " ("
                + java.time.Instant.ofEpochMilli(later.timestampMillis()) + ") by meter " + later.meterSerial()
                + "; registers of two meters cannot be subtracted");
    }

    /** A device's energy over a period summed per meter ({@link #energyPerMeter}), or why it cannot be. */
    public sealed interface MeterEnergy {
        /** The energy, Wh: each meter's register delta, summed. */
        record Counted(long energyWh) implements MeterEnergy {
        }

        /** Two meters signed readings with no recorded replacement between them, or a recorded one is not in the readings. */
        record Refused(String reason) implements MeterEnergy {
        }
    }

    /**
     * A device's energy over its readings of a period, in sequence order, summed per meter across
     * recorded replacements: the device's register deltas while one meter counted, each never below
     * zero. {@code replacedAfter} holds the sequence numbers of the old meters' final readings (the
     * registry's replacement events); the step from each to the next reading, the new meter's first,
     * is no one meter's delta and is not counted (the swap itself generates nothing). Two readings in
     * a row signed by different serials without a recorded replacement are refused ({@link
     * #meterChange}), and so is a recorded replacement where the serial did not change. The list may
     * be every reading of the period ({@code mrv verify}) or only the period's bounds and the readings
     * either side of each replacement (the service): the sum is the same.
     */
    public static MeterEnergy energyPerMeter(java.util.List<Reading> readings, java.util.Collection<Long> replacedAfter) {
        long energy = 0;
        int start = 0;
        for (int i = 1; i <= readings.size(); i++) {
            boolean end = i == readings.size();
            if (!end) {
                Reading before = readings.get(i - 1);
                Reading after = readings.get(i);
                boolean recorded = replacedAfter.contains(before.sequence()) && after.sequence() == before.sequence() + 1;
                java.util.Optional<String> change = meterChange(before, after);
                if (change.isPresent() && !recorded) {
                    return new MeterEnergy.Refused(change.get() + ", and no replacement is recorded after #" + before.sequence());
                }
                if (change.isEmpty() && recorded) {
                    return new MeterEnergy.Refused("a meter replacement is recorded after reading #" + before.sequence() + ", but #"
                            + after.sequence() + " is signed by the same meter " + after.meterSerial());
                }
                if (!recorded) {
                    continue;
                }
            }
            if (i > start) {
                energy += periodEnergyWh(readings.get(start).energyRegisterWh(), readings.get(i - 1).energyRegisterWh());
            }
            start = i;
        }
        return new MeterEnergy.Counted(energy);
    }

    /**
     * The energy a generation meter measured over a span no calibration certificate covers ({@link
     * io.solarmrv.attestation.methodology.MeterCalibration}): from the last reading at or before the
     * span's start (else the period's first) to the first reading at or after its end (else the
     * period's last), summed per meter across recorded replacements ({@link #energyPerMeter}). The
     * steps around the span's ends count whole, so this bounds the span's energy from above and its
     * correction never understates.
     *
     * @param readings the device's readings of the period in time order: all of them ({@code mrv
     *                 verify}), or at least those two bounds and the readings either side of each
     *                 replacement between them (the service); the result is the same
     * @return the energy, Wh; 0 where the readings are refused as one device's (two meters without a
     *         recorded replacement), which refuses the period's energy itself
     */
    public static long spanEnergyWh(java.util.List<Reading> readings, io.solarmrv.attestation.methodology.MeterCalibration.Span span,
                                    java.util.Collection<Long> replacedAfter) {
        if (readings.isEmpty()) {
            return 0;
        }
        int start = 0;
        int end = readings.size() - 1;
        for (int i = 0; i < readings.size(); i++) {
            if (readings.get(i).timestampMillis() <= span.from().toEpochMilli()) {
                start = i;
            }
        }
        for (int i = readings.size() - 1; i >= 0; i--) {
            if (readings.get(i).timestampMillis() >= span.to().toEpochMilli()) {
                end = i;
            }
        }
        if (end <= start) {
            return 0;
        }
        MeterEnergy energy = energyPerMeter(readings.subList(start, end + 1), replacedAfter);
        return energy instanceof MeterEnergy.Counted counted ? counted.energyWh() : 0;
    }

    /**
     * Energy excluded for quality flags (ARCHITECTURE.md invariant 3: flagged data lowers or leaves a
     * figure, never raises it; docs/QUALITY.md): a reading flagged by a rule that doubts the
     * measurement voids the register steps into it and out of it, so neither increase is counted.
     * (A frozen meter shows no increase while frozen and catches up after: the step out of the
     * frozen run carries the doubtful energy.)
     *
     * @param registersWh the meter's registers at its readings in the period, in reading order
     * @param voids       per reading, whether its flags void the steps touching it
     * @return the sum of the voided steps' increases (decreases are already in the period's delta)
     */
    public static long excludedEnergyWh(long[] registersWh, boolean[] voids) {
        return excludedEnergyWh(registersWh, voids, new boolean[registersWh.length]);
    }

    /**
     * The same, where {@code meterReplacedBefore[i]} marks the step into reading i as a recorded meter
     * replacement ({@link #energyPerMeter}): that step is no meter's delta and not in the energy, so
     * it is not excluded either (a new register starting higher would otherwise exclude the device's
     * whole period).
     */
    public static long excludedEnergyWh(long[] registersWh, boolean[] voids, boolean[] meterReplacedBefore) {
        if (registersWh.length != voids.length || registersWh.length != meterReplacedBefore.length) {
            throw new IllegalArgumentException("one flag per reading: " + registersWh.length + " readings, "
                    + voids.length + " flags");
        }
        long excluded = 0;
        for (int i = 1; i < registersWh.length; i++) {
            if ((voids[i] || voids[i - 1]) && !meterReplacedBefore[i]) {
                excluded += Math.max(0, registersWh[i] - registersWh[i - 1]);
            }
        }
        return excluded;
    }

    /** EG credited for a meter: the period's energy less what its flags exclude, never below zero. */
    public static long creditedEnergyWh(long periodEnergyWh, long excludedEnergyWh) {
        return Math.max(0, periodEnergyWh - excludedEnergyWh);
    }

    /**
     * Whether a reading's quality flags void the register steps touching it: only rules that doubt
     * the meter itself (docs/QUALITY.md, "What a flag does to the figures"). {@code stale}: a
     * device reporting the same value while generating is frozen, register included, and its
     * catch-up is unverified. {@code out_of_range}: power below the tare or above nameplate x 1.1
     * is not a plausible measurement of this device. {@code register_jump}: the register rose by more
     * than the device can deliver (a meter swapped for one whose register starts higher, a register
     * written to); the rise is not generation. {@code key_revoked}: signed with a key whose
     * revocation, recorded after the reading was accepted, covers its time (the creation service
     * voids it); a stolen key's readings are no measurement. The power-shape rules ({@code spike},
     * {@code interpolated}, {@code clipping}, {@code after_gap}) inform the verifier but do not
     * move a cumulative register, which is where energy comes from (invariant 2).
     */
    public static boolean flagsVoidEnergy(java.util.Collection<String> rules) {
        return rules.stream().anyMatch(VOIDING_RULES::contains);
    }

    /**
     * Quality rules that tag what a reading shows rather than doubt it (docs/QUALITY.md): {@code
     * clipping} (the inverter at its AC limit) and {@code after_gap} (the first reading after
     * missing ones). A verifier sees them apart from faults, and they are never counted as flagged
     * readings. Every other rule is a fault.
     */
    public static final java.util.Set<String> TAG_RULES = io.solarmrv.attestation.methodology.QualityRule.ids(
            rule -> rule.kind() == io.solarmrv.attestation.methodology.QualityRule.Kind.TAG);

    /** Quality rules whose flag voids the register steps touching the reading. */
    public static final java.util.Set<String> VOIDING_RULES = io.solarmrv.attestation.methodology.QualityRule.ids(
            io.solarmrv.attestation.methodology.QualityRule::voidsEnergy);

    /** ER in tCO2, exact. */
    public static BigDecimal tonnes(long energyWh, BigDecimal emissionFactorTco2PerMwh) {
        if (energyWh < 0) {
            throw new IllegalArgumentException("energy must not be negative, was " + energyWh + " Wh");
        }
        if (emissionFactorTco2PerMwh.signum() < 0) {
            throw new IllegalArgumentException("emission factor must not be negative");
        }
        return BigDecimal.valueOf(energyWh).multiply(emissionFactorTco2PerMwh)
                .divide(WH_PER_MWH).stripTrailingZeros();
    }

    /** Whole credits: ER rounded down. */
    public static long credits(BigDecimal tonnes) {
        return tonnes.setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    public static BigDecimal kilowattHours(long energyWh) {
        return BigDecimal.valueOf(energyWh).movePointLeft(3);
    }
}
