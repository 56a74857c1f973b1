package io.solarmrv.creation;

import io.solarmrv.attestation.JcmSolarPv;
import io.solarmrv.creation.MonitoringReport.BoundaryReading;
import io.solarmrv.creation.MonitoringReport.DeviceEnergy;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a project's monitoring report for a period from the stream job's results, for JCM solar
 * PV projects; J-Credit (EN-R-002) projects are refused until the export register reaches the results.
 */
@Singleton
public class ReportService {
    private final ProjectRepository projects;
    private final ResultsRepository results;

    public ReportService(ProjectRepository projects, ResultsRepository results) {
        this.projects = projects;
        this.results = results;
    }

    public Optional<MonitoringReport> report(String projectId, Instant from, Instant to) throws SQLException {
        Optional<Project> found = projects.find(projectId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Project project = found.get();
        if (!project.schemeOrDefault().equals("JCM")) {
            // Conservative: refuse rather than compute a figure under the wrong methodology.
            throw new HttpStatusException(HttpStatus.CONFLICT, "project " + projectId + " is a " + project.schemeOrDefault()
                    + " project: under EN-R-002 only self-consumed electricity counts (generation minus export), which needs"
                    + " each site meter's export register; the results tables do not hold it yet, so no report is computed"
                    + " rather than one that could overstate");
        }
        List<DeviceEnergy> devices = new ArrayList<>();
        long intervalSeconds = MonitoringReport.intervalSecondsFor(from, to);
        long totalWh = 0;
        long excludedWh = 0;
        long creditedWh = 0;
        for (String deviceId : project.deviceIds()) {
            Optional<BoundaryReading> first = results.firstReading(deviceId, from, to);
            Optional<BoundaryReading> last = results.lastReading(deviceId, from, to);
            long energyWh = first.isPresent() && last.isPresent()
                    ? JcmSolarPv.periodEnergyWh(first.get().registerWh(), last.get().registerWh()) : 0;
            Exclusion exclusion = exclusion(results.flaggedReadings(deviceId, from, to));
            long deviceCreditedWh = JcmSolarPv.creditedEnergyWh(energyWh, exclusion.energyWh());
            totalWh += energyWh;
            excludedWh += exclusion.energyWh();
            creditedWh += deviceCreditedWh;
            devices.add(new DeviceEnergy(deviceId, energyWh, JcmSolarPv.kilowattHours(energyWh),
                    exclusion.energyWh(), exclusion.voidedSequences(), deviceCreditedWh,
                    first.orElse(null), last.orElse(null), results.intervals(deviceId, from, to, intervalSeconds),
                    results.qualityFlagCounts(deviceId, from, to)));
        }
        BigDecimal tonnes = JcmSolarPv.tonnes(creditedWh, project.emissionFactorTco2PerMwh());
        return Optional.of(new MonitoringReport(project.id(), project.methodology(), from, to,
                MonitoringReport.ENERGY_RULE, MonitoringReport.EXCLUSION_RULE, intervalSeconds, devices, totalWh,
                JcmSolarPv.kilowattHours(totalWh), excludedWh, creditedWh, JcmSolarPv.kilowattHours(creditedWh),
                project.emissionFactorTco2PerMwh(), tonnes, JcmSolarPv.credits(tonnes), results.checkpoints()));
    }

    private record Exclusion(long energyWh, List<Long> voidedSequences) {
    }

    /**
     * The readings whose flags void their register steps, and the energy those steps held: the
     * steps into and out of each voided reading, each step once (a step between two voided
     * readings touches both), the same sum as {@link JcmSolarPv#excludedEnergyWh} over all readings.
     */
    private static Exclusion exclusion(List<ResultsRepository.FlaggedReading> flagged) {
        java.util.Map<Long, Long> stepFrom = new java.util.HashMap<>();
        List<Long> voided = new ArrayList<>();
        for (ResultsRepository.FlaggedReading reading : flagged) {
            if (!JcmSolarPv.flagsVoidEnergy(reading.rules())) {
                continue;
            }
            voided.add(reading.sequence());
            if (reading.previousSequence() != null) {
                stepFrom.put(reading.previousSequence(), Math.max(0, reading.registerWh() - reading.previousRegisterWh()));
            }
            if (reading.nextSequence() != null) {
                stepFrom.put(reading.sequence(), Math.max(0, reading.nextRegisterWh() - reading.registerWh()));
            }
        }
        return new Exclusion(stepFrom.values().stream().mapToLong(Long::longValue).sum(), voided);
    }
}
