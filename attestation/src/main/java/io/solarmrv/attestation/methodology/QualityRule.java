package io.solarmrv.attestation.methodology;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every quality rule the readings job flags readings by (docs/QUALITY.md), with the name it is
 * stored and shown under, whether it tags what a reading shows or doubts the reading (a fault), and
 * whether its flag voids the register steps touching the reading (the conservative exclusion,
 * {@code JcmSolarPv.excludedEnergyWh}). One list, read by the job that flags, the service that
 * reports and the verifier that recomputes.
 */
public enum QualityRule {
    SPIKE("spike", Kind.FAULT, false),
    STALE("stale", Kind.FAULT, true),
    OUT_OF_RANGE("out_of_range", Kind.FAULT, true),
    REGISTER_JUMP("register_jump", Kind.FAULT, true),
    KEY_REVOKED("key_revoked", Kind.FAULT, true),
    REGISTER_DECREASE("register_decrease", Kind.FAULT, false),
    REGISTER_POWER_MISMATCH("register_power_mismatch", Kind.FAULT, false),
    NIGHT_GENERATION("night_generation", Kind.FAULT, false),
    TIMESTAMP_SHIFT("timestamp_shift", Kind.FAULT, false),
    INCOMPLETE_DAY("incomplete_day", Kind.FAULT, false),
    INTERPOLATED("interpolated", Kind.FAULT, false),
    CLOCK_AHEAD("clock_ahead", Kind.FAULT, false),
    CLOCK_BACKWARDS("clock_backwards", Kind.FAULT, false),
    IRRADIANCE_OUT_OF_RANGE("irradiance_out_of_range", Kind.FAULT, false),
    POWER_ABOVE_IRRADIANCE("power_above_irradiance", Kind.FAULT, false),
    /** The inverter at its AC limit. */
    CLIPPING("clipping", Kind.TAG, false),
    /** The first reading after missing ones. */
    AFTER_GAP("after_gap", Kind.TAG, false);

    /** A tag says what a reading shows and is never counted as a flagged reading; a fault doubts it. */
    public enum Kind { TAG, FAULT }

    private final String id;
    private final Kind kind;
    private final boolean voidsEnergy;

    QualityRule(String id, Kind kind, boolean voidsEnergy) {
        this.id = id;
        this.kind = kind;
        this.voidsEnergy = voidsEnergy;
    }

    /** The name stored in {@code quality_flags.rule} and shown in reports. */
    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public boolean voidsEnergy() {
        return voidsEnergy;
    }

    /** The rule stored under {@code id}, if it is one. */
    public static Optional<QualityRule> of(String id) {
        return Arrays.stream(values()).filter(rule -> rule.id.equals(id)).findFirst();
    }

    /** The names of the rules that match. */
    public static Set<String> ids(java.util.function.Predicate<QualityRule> which) {
        return Arrays.stream(values()).filter(which).map(QualityRule::id).collect(Collectors.toUnmodifiableSet());
    }
}
