package io.solarmrv.attestation;

import io.solarmrv.attestation.methodology.EmissionFactor;
import io.solarmrv.attestation.methodology.MeterCalibration;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a monitoring report claims for a period, as one canonical text: format line, project,
 * period, emission factor, energy per device and voided readings per device (both in device
 * order), total, excluded energy, reductions, credits; one per line. Its SHA-256, {@link
 * #digest()}, is the report hash recorded with the period on chain, so the report the service
 * shows, the proof bundle an auditor checks and the chain all name the same figures.
 *
 * <p>A J-Credit EN-R-002 claim ({@code selfConsumption} not null) also states, after the voided
 * lines, the fiscal year, each site meter's export and the self-consumed energy; its emission
 * factor is that fiscal year's; {@code energyWh} lists the generation meters only.
 *
 * <p>Format 2 ({@code methodology} not null) names the methodology and version the figures were
 * computed by ({@code methodology TH_AM001 Ver1.0}, after the period line), so a verifier recomputes
 * with exactly that formula. Format 1 (no methodology: claims recorded before it was named) is
 * rendered exactly as it was, its EN-R-002 claims with a {@code methodology J-Credit EN-R-002}
 * line, so their hashes on chain still match.
 *
 * <p>A device whose meter was replaced within the period ({@code meterReplacements}: per device, the
 * sequence numbers of the old meters' final readings, from the registry) has a line {@code
 * meter-replaced-after <device> <seq>...} after the voided lines; its energy is summed per meter
 * ({@link JcmSolarPv#energyPerMeter}). Claims without replacements have no such line.
 *
 * <p>A claim whose factor is dated and sourced ({@code sourcedFactor} not null, its value the
 * claim's factor) states, after the factor line, {@code emission-factor-effective <from> <until|open>}
 * and {@code emission-factor-source <document>}: the chain then names which published value the
 * figures used, and a verifier checks the period lies in its dates. Claims made before factors
 * carried their source have no such lines.
 *
 * <p>A meter that no calibration certificate covered on some days of the period ({@code
 * uncalibrated}, {@link MeterCalibration}) has a line {@code uncalibrated <device> <class>
 * <correction-wh> <from>/<to>...} after the replacement lines: its accuracy class, the correction
 * applied (a generation meter's credited energy lowered by it, a site meter's export raised by it)
 * and the uncovered spans. Claims where every meter was covered, or made before calibration was
 * applied, have no such line.
 */
public record MonitoringClaim(
        String projectId,
        Instant from,
        Instant to,
        BigDecimal emissionFactorTco2PerMwh,
        Map<String, Long> energyWh,
        Map<String, List<Long>> voidedSequences,
        long totalEnergyWh,
        long excludedEnergyWh,
        BigDecimal emissionReductionsTco2,
        long credits,
        SelfConsumption selfConsumption,
        String methodology,
        Map<String, List<Long>> meterReplacements,
        EmissionFactor sourcedFactor,
        Map<String, Uncalibrated> uncalibrated) {

    public static final String FORMAT = "solar-mrv-claim/2";
    static final String FORMAT_1 = "solar-mrv-claim/1";

    /**
     * EN-R-002's figures: the Japanese fiscal year of the period, the export of each site meter
     * (its export register over the period, see {@link JCreditSolarSelfConsumption#exportWh}), each
     * storage battery's charge, discharge and rated capacity ({@link BatteryEnergy}) and the
     * self-consumed energy: credited generation minus export minus what the batteries withhold, never
     * below zero. A claim with batteries has a line {@code battery <id> <charge-wh> <discharge-wh>
     * <capacity-wh>} per battery after the export lines; one without has none, as before.
     */
    public record SelfConsumption(int fiscalYear, Map<String, Long> exportWh, long selfConsumedWh, List<BatteryEnergy> batteries) {
        public SelfConsumption {
            exportWh = Map.copyOf(exportWh);
            batteries = batteries == null ? List.of() : batteries.stream()
                    .sorted(java.util.Comparator.comparing(BatteryEnergy::battery)).toList();
        }

        /** Figures at sites without a battery. */
        public SelfConsumption(int fiscalYear, Map<String, Long> exportWh, long selfConsumedWh) {
            this(fiscalYear, exportWh, selfConsumedWh, List.of());
        }

        public long totalExportWh() {
            return exportWh.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * A meter's days without calibration in the period: its class, the uncovered spans and the
     * correction applied for them ({@link MeterCalibration#correctionWh}).
     */
    public record Uncalibrated(String accuracyClass, List<MeterCalibration.Span> spans, long correctionWh) {
        public Uncalibrated {
            spans = List.copyOf(spans);
            if (spans.isEmpty() || correctionWh < 0) {
                throw new IllegalArgumentException("an uncalibrated meter has at least one span and a correction >= 0");
            }
        }
    }

    public MonitoringClaim {
        uncalibrated = uncalibrated == null ? Map.of() : Map.copyOf(uncalibrated);
        energyWh = Map.copyOf(energyWh);
        voidedSequences = Map.copyOf(voidedSequences);
        meterReplacements = meterReplacements == null ? Map.of() : Map.copyOf(meterReplacements);
        if (sourcedFactor != null && sourcedFactor.tco2PerMwh().compareTo(emissionFactorTco2PerMwh) != 0) {
            throw new IllegalArgumentException("the claim's factor " + emissionFactorTco2PerMwh.toPlainString()
                    + " is not its sourced factor's " + sourcedFactor.tco2PerMwh().toPlainString());
        }
    }

    /** A claim whose meters were calibrated throughout, or made before calibration was applied. */
    public MonitoringClaim(String projectId, Instant from, Instant to, BigDecimal emissionFactorTco2PerMwh,
                           Map<String, Long> energyWh, Map<String, List<Long>> voidedSequences, long totalEnergyWh,
                           long excludedEnergyWh, BigDecimal emissionReductionsTco2, long credits, SelfConsumption selfConsumption,
                           String methodology, Map<String, List<Long>> meterReplacements, EmissionFactor sourcedFactor) {
        this(projectId, from, to, emissionFactorTco2PerMwh, energyWh, voidedSequences, totalEnergyWh, excludedEnergyWh,
                emissionReductionsTco2, credits, selfConsumption, methodology, meterReplacements, sourcedFactor, Map.of());
    }

    /** A claim with no meter replaced within its period. */
    public MonitoringClaim(String projectId, Instant from, Instant to, BigDecimal emissionFactorTco2PerMwh,
                           Map<String, Long> energyWh, Map<String, List<Long>> voidedSequences, long totalEnergyWh,
                           long excludedEnergyWh, BigDecimal emissionReductionsTco2, long credits, SelfConsumption selfConsumption,
                           String methodology) {
        this(projectId, from, to, emissionFactorTco2PerMwh, energyWh, voidedSequences, totalEnergyWh, excludedEnergyWh,
                emissionReductionsTco2, credits, selfConsumption, methodology, Map.of(), null, Map.of());
    }

    /** A format 1 JCM solar PV claim (no methodology, no self-consumption lines). */
    public MonitoringClaim(String projectId, Instant from, Instant to, BigDecimal emissionFactorTco2PerMwh,
                           Map<String, Long> energyWh, Map<String, List<Long>> voidedSequences, long totalEnergyWh,
                           long excludedEnergyWh, BigDecimal emissionReductionsTco2, long credits) {
        this(projectId, from, to, emissionFactorTco2PerMwh, energyWh, voidedSequences, totalEnergyWh, excludedEnergyWh,
                emissionReductionsTco2, credits, null, null, Map.of(), null);
    }

    /**
     * Every meter the figures are computed from, by id: the generation meters and, under EN-R-002,
     * the site meters and batteries. A proof bundle holds their readings and draws its sampled days
     * from them.
     */
    public java.util.SortedSet<String> meters() {
        java.util.TreeSet<String> meters = new java.util.TreeSet<>(energyWh.keySet());
        if (selfConsumption != null) {
            meters.addAll(selfConsumption.exportWh().keySet());
            selfConsumption.batteries().forEach(battery -> meters.add(battery.battery()));
        }
        return meters;
    }

    public String text() {
        StringBuilder text = new StringBuilder(methodology == null ? FORMAT_1 : FORMAT).append('\n')
                .append("project ").append(projectId).append('\n')
                .append("period ").append(from).append(' ').append(to).append('\n');
        if (methodology != null) {
            text.append("methodology ").append(methodology).append('\n');
        }
        text.append("emission-factor-tco2-per-mwh ").append(emissionFactorTco2PerMwh.toPlainString()).append('\n');
        if (sourcedFactor != null) {
            text.append("emission-factor-effective ").append(sourcedFactor.effectiveDates()).append('\n')
                    .append("emission-factor-source ").append(sourcedFactor.source()).append('\n');
        }
        new TreeMap<>(energyWh).forEach((device, wh) -> text.append("energy-wh ").append(device).append(' ').append(wh).append('\n'));
        new TreeMap<>(voidedSequences).forEach((device, sequences) -> {
            text.append("voided ").append(device);
            sequences.forEach(seq -> text.append(' ').append(seq));
            text.append('\n');
        });
        new TreeMap<>(meterReplacements).forEach((device, sequences) -> {
            if (!sequences.isEmpty()) {
                text.append("meter-replaced-after ").append(device);
                sequences.stream().sorted().forEach(seq -> text.append(' ').append(seq));
                text.append('\n');
            }
        });
        new TreeMap<>(uncalibrated).forEach((meter, u) -> {
            text.append("uncalibrated ").append(meter).append(' ').append(u.accuracyClass()).append(' ').append(u.correctionWh());
            u.spans().forEach(span -> text.append(' ').append(span));
            text.append('\n');
        });
        if (selfConsumption != null) {
            if (methodology == null) {
                text.append("methodology ").append(JCreditSolarSelfConsumption.METHODOLOGY).append('\n');
            }
            text.append("fiscal-year ").append(selfConsumption.fiscalYear()).append('\n');
            new TreeMap<>(selfConsumption.exportWh()).forEach((meter, wh) ->
                    text.append("export-wh ").append(meter).append(' ').append(wh).append('\n'));
            selfConsumption.batteries().forEach(b -> text.append("battery ").append(b.battery()).append(' ').append(b.chargeWh())
                    .append(' ').append(b.dischargeWh()).append(' ').append(b.capacityWh()).append('\n'));
            text.append("self-consumed-wh ").append(selfConsumption.selfConsumedWh()).append('\n');
        }
        return text.append("total-energy-wh ").append(totalEnergyWh).append('\n')
                .append("excluded-energy-wh ").append(excludedEnergyWh).append('\n')
                .append("emission-reductions-tco2 ").append(emissionReductionsTco2.toPlainString()).append('\n')
                .append("credits ").append(credits).append('\n')
                .toString();
    }

    /** The emission reductions in kg CO2, floored (as the chain stores them: never more than claimed). */
    public long reductionKg() {
        return emissionReductionsTco2.movePointRight(3).setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
    }

    public byte[] digest() {
        return Sha256.hash(text().getBytes(StandardCharsets.UTF_8));
    }
}
