package io.solarmrv.creation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.solarmrv.attestation.MonitoringClaim;
import io.solarmrv.attestation.methodology.EmissionFactor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitoring report of one project for one period [from, to]. {@code sourcedFactor} is the
 * emission factor it applies with its effective dates and source document (null only in reports
 * made before factors carried their source); {@code emissionFactorTco2PerMwh} is its value.
 */
@Serdeable
public record MonitoringReport(
        String projectId,
        String methodology,
        Instant from,
        Instant to,
        String energyRule,
        String exclusionRule,
        long intervalSeconds,
        List<DeviceEnergy> devices,
        long totalEnergyWh,
        BigDecimal totalEnergyKwh,
        long excludedEnergyWh,
        long creditedEnergyWh,
        BigDecimal creditedEnergyKwh,
        BigDecimal emissionFactorTco2PerMwh,
        BigDecimal emissionReductionsTco2,
        long creditsTco2,
        List<AnchoredCheckpoint> checkpoints,
        @Nullable SelfConsumption selfConsumption,
        @Nullable EmissionFactor sourcedFactor,
        @Nullable List<Member> members) {

    @io.micronaut.core.annotation.Creator
    public MonitoringReport {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** A report of an ordinary project (no member sites). */
    public MonitoringReport(String projectId, String methodology, Instant from, Instant to, String energyRule, String exclusionRule,
                            long intervalSeconds, List<DeviceEnergy> devices, long totalEnergyWh, BigDecimal totalEnergyKwh,
                            long excludedEnergyWh, long creditedEnergyWh, BigDecimal creditedEnergyKwh,
                            BigDecimal emissionFactorTco2PerMwh, BigDecimal emissionReductionsTco2, long creditsTco2,
                            List<AnchoredCheckpoint> checkpoints, SelfConsumption selfConsumption, EmissionFactor sourcedFactor) {
        this(projectId, methodology, from, to, energyRule, exclusionRule, intervalSeconds, devices, totalEnergyWh, totalEnergyKwh,
                excludedEnergyWh, creditedEnergyWh, creditedEnergyKwh, emissionFactorTco2PerMwh, emissionReductionsTco2, creditsTco2,
                checkpoints, selfConsumption, sourcedFactor, List.of());
    }

    /** The same report with these member lines (a programme's). */
    public MonitoringReport withMembers(List<Member> lines) {
        return new MonitoringReport(projectId, methodology, from, to, energyRule, exclusionRule, intervalSeconds, devices, totalEnergyWh,
                totalEnergyKwh, excludedEnergyWh, creditedEnergyWh, creditedEnergyKwh, emissionFactorTco2PerMwh, emissionReductionsTco2,
                creditsTco2, checkpoints, selfConsumption, sourcedFactor, lines);
    }

    /**
     * A member site of a programme-type project in this period: whether it counts ({@code
     * programme.Membership}; if not, why), where its data come from, its devices, and its share of
     * the figures (credited generation, export, what its batteries withhold; 0 where it does not
     * count), and its completeness: of the period's whole hours, how many have readings of every one
     * of its devices (the least of its devices; 0 where it does not count). The project's reductions
     * are computed once over the members that count and floored once, not per member.
     */
    @Serdeable
    public record Member(String siteId, String dataSource, boolean counts, @Nullable String leftOutBecause, List<String> deviceIds,
                         long creditedGenerationWh, long exportWh, long withheldWh, long hours, long hoursWithReadings) {
    }

    /** The report's figures as the canonical claim whose digest is recorded on chain. */
    public MonitoringClaim claim() {
        Map<String, Long> energy = new LinkedHashMap<>();
        Map<String, List<Long>> voided = new LinkedHashMap<>();
        Map<String, List<Long>> replaced = new LinkedHashMap<>();
        Map<String, MonitoringClaim.Uncalibrated> uncalibrated = new LinkedHashMap<>();
        for (DeviceEnergy device : devices) {
            if (device.calibration() != null && device.calibration().claimed() != null) {
                uncalibrated.put(device.deviceId(), device.calibration().claimed());
            }
            energy.put(device.deviceId(), device.energyWh());
            voided.put(device.deviceId(), device.voidedSequences());
            if (!device.meterReplacedAfter().isEmpty()) {
                replaced.put(device.deviceId(), device.meterReplacedAfter());
            }
        }
        MonitoringClaim.SelfConsumption self = null;
        if (selfConsumption != null) {
            Map<String, Long> export = new LinkedHashMap<>();
            selfConsumption.siteMeters().forEach(meter -> {
                export.put(meter.deviceId(), meter.exportWh());
                if (meter.calibration() != null && meter.calibration().claimed() != null) {
                    uncalibrated.put(meter.deviceId(), meter.calibration().claimed());
                }
            });
            selfConsumption.batteries().forEach(battery -> {
                if (battery.calibration().claimed() != null) {
                    uncalibrated.put(battery.deviceId(), battery.calibration().claimed());
                }
            });
            self = new MonitoringClaim.SelfConsumption(selfConsumption.fiscalYear(), export, selfConsumption.selfConsumedWh(),
                    selfConsumption.batteries().stream().map(BatteryTerm::energy).toList());
        }
        return new MonitoringClaim(projectId, from, to, emissionFactorTco2PerMwh, energy, voided, totalEnergyWh,
                excludedEnergyWh, emissionReductionsTco2, creditsTco2, self, methodology, replaced, sourcedFactor, uncalibrated);
    }

    /**
     * Each meter's accuracy class and certificates as the report applied them, for the proof bundle;
     * null for a report made before calibration was applied (no meter carries them).
     */
    @Nullable
    public Map<String, io.solarmrv.attestation.methodology.MeterCalibration> calibrations() {
        Map<String, io.solarmrv.attestation.methodology.MeterCalibration> byMeter = new LinkedHashMap<>();
        for (DeviceEnergy device : devices) {
            if (device.calibration() == null) {
                return null;
            }
            byMeter.put(device.deviceId(), device.calibration().meterCalibration());
        }
        if (selfConsumption != null) {
            for (SiteExport meter : selfConsumption.siteMeters()) {
                if (meter.calibration() == null) {
                    return null;
                }
                byMeter.put(meter.deviceId(), meter.calibration().meterCalibration());
            }
            selfConsumption.batteries().forEach(battery -> byMeter.put(battery.deviceId(), battery.calibration().meterCalibration()));
        }
        return byMeter;
    }

    /** Every device the report rests on: the generation meters and, under EN-R-002, the site meters and batteries. */
    public List<String> deviceIds() {
        List<String> ids = new java.util.ArrayList<>(devices.stream().map(DeviceEnergy::deviceId).toList());
        if (selfConsumption != null) {
            selfConsumption.siteMeters().forEach(meter -> ids.add(meter.deviceId()));
            selfConsumption.batteries().forEach(battery -> ids.add(battery.deviceId()));
        }
        return ids;
    }

    /**
     * J-Credit EN-R-002 (null for JCM): the Japanese fiscal year of the period (whose emission factor
     * is {@link #emissionFactorTco2PerMwh}), each site meter's export, each battery's terms, and the
     * self-consumed energy the reductions rest on: credited generation minus export minus what the
     * batteries withhold, never below zero.
     */
    @Serdeable
    public record SelfConsumption(String methodology, int fiscalYear, List<SiteExport> siteMeters, long exportWh,
                                  long selfConsumedWh, String exportRule, @Nullable List<BatteryTerm> batteries) {
        @io.micronaut.core.annotation.Creator
        public SelfConsumption {
            batteries = batteries == null ? List.of() : List.copyOf(batteries);
        }

        /** Figures at sites without a battery. */
        public SelfConsumption(String methodology, int fiscalYear, List<SiteExport> siteMeters, long exportWh,
                               long selfConsumedWh, String exportRule) {
            this(methodology, fiscalYear, siteMeters, exportWh, selfConsumedWh, exportRule, List.of());
        }
    }

    /**
     * A battery's terms ({@link io.solarmrv.attestation.BatteryEnergy}): its charge between the charge
     * registers of the readings that bracket the period (outward), its discharge between the discharge
     * registers of its first and last readings in it (inward; none: 0), its rated capacity from the
     * registry, its meter's calibration ({@code uncalibratedEnergyWh} is charge + discharge where a
     * day was not covered), and the energy withheld, charge - discharge + capacity + the calibration
     * correction.
     */
    @Serdeable
    public record BatteryTerm(String deviceId, BoundaryReading chargeStart, long chargeStartRegisterWh, BoundaryReading chargeEnd,
                              long chargeEndRegisterWh, @Nullable BoundaryReading dischargeFirst,
                              @Nullable BoundaryReading dischargeLast, long chargeWh, long dischargeWh, long capacityWh,
                              Calibration calibration, long withheldWh) {
        /** The terms as the claim states them. */
        public io.solarmrv.attestation.BatteryEnergy energy() {
            return new io.solarmrv.attestation.BatteryEnergy(deviceId, chargeWh, dischargeWh, capacityWh);
        }
    }

    /**
     * A site meter's export over the period, between the readings that bracket it (outside or on its
     * bounds); {@code calibration}, the meter's certificates and the correction that raises the
     * export where none covered it on some days (null in reports made before calibration was applied).
     */
    @Serdeable
    public record SiteExport(String deviceId, BoundaryReading start, long startExportRegisterWh, BoundaryReading end,
                             long endExportRegisterWh, long exportWh, @Nullable Calibration calibration) {
        /** The export the reductions are computed with: measured, plus any calibration correction. */
        public long correctedExportWh() {
            return exportWh + (calibration == null ? 0 : calibration.correctionWh());
        }
    }

    /**
     * A meter's accuracy class and the calibration certificates the report applied, the days of the
     * period none covered, and the conservative correction for them ({@link
     * io.solarmrv.attestation.methodology.MeterCalibration}): the maximum permissible error of the
     * class applied to {@code uncalibratedEnergyWh}, the energy measured over those days (a generation
     * meter's, which the correction lowers) or the period's export (a site meter's, which it raises);
     * 0 where every day was covered.
     */
    @Serdeable
    public record Calibration(String accuracyClass, BigDecimal maxPermissibleErrorPercent, List<Certificate> certificates,
                              List<UncoveredSpan> uncovered, long uncalibratedEnergyWh, long correctionWh) {
        /** The class and certificates as the bundle carries them, for {@code mrv verify} to recompute. */
        public io.solarmrv.attestation.methodology.MeterCalibration meterCalibration() {
            return new io.solarmrv.attestation.methodology.MeterCalibration(accuracyClass, certificates.stream()
                    .map(c -> new io.solarmrv.attestation.methodology.MeterCalibration.Certificate(c.certificateId(), c.calibratedOn(),
                            c.validUntil())).toList());
        }

        /** The claim's {@code uncalibrated} line; null where every day was covered. */
        @Nullable
        MonitoringClaim.Uncalibrated claimed() {
            return uncovered.isEmpty() ? null : new MonitoringClaim.Uncalibrated(accuracyClass, uncovered.stream()
                    .map(s -> new io.solarmrv.attestation.methodology.MeterCalibration.Span(s.from(), s.to())).toList(), correctionWh);
        }
    }

    /** A calibration certificate's identity and the days it covers, calibratedOn up to, not including, validUntil. */
    @Serdeable
    public record Certificate(String certificateId, java.time.LocalDate calibratedOn, java.time.LocalDate validUntil) {
    }

    /** Instants [from, to) no calibration certificate covered. */
    @Serdeable
    public record UncoveredSpan(Instant from, Instant to) {
    }

    public static final String EXPORT_RULE = "per site meter: its export register at the first reading at or after 'to' minus at"
            + " the last reading at or before 'from' (measured outward, never understated); export is taken in full, flagged or"
            + " not; EL_self = credited generation - export, never below zero; ER = EL_self x EF of the fiscal year (J-Credit"
            + " EN-R-002; ARCHITECTURE.md invariant 3)";

    public static final String ENERGY_RULE = "per meter: register at the last reading at or before 'to' minus register"
            + " at the first reading at or after 'from' (ARCHITECTURE.md invariant 2)";

    public static final String EXCLUSION_RULE = "a reading flagged stale, out_of_range, register_jump (rules that doubt the meter) or key_revoked voids"
            + " the register steps into and out of it: their increases are excluded and EG = energy - excluded, never below zero;"
            + " ER = EG x EF (JCM solar PV; ARCHITECTURE.md invariant 3, docs/QUALITY.md)";

    /**
     * A device's energy in the period, from its boundary readings; the energy excluded for the
     * readings whose flags void their step (listed by sequence number) and what is credited; the
     * hourly breakdown and how many of its readings tripped each quality rule (docs/QUALITY.md):
     * {@code qualityFlags} the fault rules, {@code qualityTags} the tags ({@link
     * io.solarmrv.attestation.JcmSolarPv#TAG_RULES}), shown apart (reports stored before the split
     * read with no tags); {@code calibration}, the meter's class and certificates and the correction
     * for days none covered ({@link Calibration}; null in reports made before it was applied).
     * Credited energy = energy - excluded - correction, never below zero.
     */
    @Serdeable
    public record DeviceEnergy(String deviceId, long energyWh, BigDecimal energyKwh, long excludedEnergyWh,
                               List<Long> voidedSequences, long creditedEnergyWh,
                               @Nullable BoundaryReading first, @Nullable BoundaryReading last,
                               List<IntervalEnergy> intervals, java.util.Map<String, Integer> qualityFlags,
                               @Nullable List<Long> meterReplacedAfter, @Nullable java.util.Map<String, Integer> qualityTags,
                               @Nullable Calibration calibration) {
        @io.micronaut.core.annotation.Creator
        public DeviceEnergy {
            meterReplacedAfter = meterReplacedAfter == null ? List.of() : List.copyOf(meterReplacedAfter);
            qualityTags = qualityTags == null ? java.util.Map.of() : qualityTags;
        }

        /** Splits each rule's count into faults and tags. */
        public static DeviceEnergy withRuleCounts(String deviceId, long energyWh, BigDecimal energyKwh, long excludedEnergyWh,
                                                  List<Long> voidedSequences, long creditedEnergyWh, @Nullable BoundaryReading first,
                                                  @Nullable BoundaryReading last, List<IntervalEnergy> intervals,
                                                  java.util.Map<String, Integer> ruleCounts, List<Long> meterReplacedAfter,
                                                  @Nullable Calibration calibration) {
            java.util.Map<String, Integer> faults = new java.util.TreeMap<>();
            java.util.Map<String, Integer> tags = new java.util.TreeMap<>();
            ruleCounts.forEach((rule, count) -> (io.solarmrv.attestation.JcmSolarPv.TAG_RULES.contains(rule) ? tags : faults)
                    .put(rule, count));
            return new DeviceEnergy(deviceId, energyWh, energyKwh, excludedEnergyWh, voidedSequences, creditedEnergyWh, first, last,
                    intervals, faults, meterReplacedAfter, tags, calibration);
        }

        /** A device whose meter was not replaced within the period. */
        public DeviceEnergy(String deviceId, long energyWh, BigDecimal energyKwh, long excludedEnergyWh, List<Long> voidedSequences,
                            long creditedEnergyWh, @Nullable BoundaryReading first, @Nullable BoundaryReading last,
                            List<IntervalEnergy> intervals, java.util.Map<String, Integer> qualityFlags) {
            this(deviceId, energyWh, energyKwh, excludedEnergyWh, voidedSequences, creditedEnergyWh, first, last, intervals,
                    qualityFlags, List.of(), java.util.Map.of(), null);
        }
    }

    /** A reading that bounds the period, and where it sits in the Merkle log. */
    @Serdeable
    public record BoundaryReading(long sequence, Instant timestamp, long registerWh, long leafIndex) {
    }

    /**
     * Energy attributed to one interval of the breakdown (a UTC hour or day, see {@link #intervalSeconds}),
     * its readings and how many of them a fault rule flagged (tags not counted; 0 in reports stored before it was counted).
     */
    @Serdeable
    public record IntervalEnergy(Instant start, int readings, long energyWh, int flaggedReadings) {
    }

    /** The breakdown's interval: a UTC hour for periods up to {@value #HOURLY_UP_TO_DAYS} days, a UTC day beyond. */
    public static long intervalSecondsFor(Instant from, Instant to) {
        return java.time.Duration.between(from, to).toDays() <= HOURLY_UP_TO_DAYS ? 3_600 : 86_400;
    }

    public static final int HOURLY_UP_TO_DAYS = 7;

    /**
     * The first UTC hour start at or after {@code instant}, in epoch ms: the breakdown covers the
     * hours starting in [from, to), i.e. from {@code hourStartAtOrAfter(from)} to before
     * {@code hourStartAtOrAfter(to)}.
     */
    public static long hourStartAtOrAfter(Instant instant) {
        return -Math.floorDiv(-instant.toEpochMilli(), 3_600_000L) * 3_600_000L;
    }

    /** A Merkle log checkpoint and the transaction that anchored it. */
    @Serdeable
    public record AnchoredCheckpoint(long treeSize, String root, String contractAddress, String transactionHash,
                                     long blockNumber, String signedNote) {
    }
}
