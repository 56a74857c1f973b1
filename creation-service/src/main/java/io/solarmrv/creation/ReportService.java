package io.solarmrv.creation;

import io.solarmrv.attestation.JcmSolarPv;
import io.solarmrv.creation.MonitoringReport.BoundaryReading;
import io.solarmrv.creation.MonitoringReport.DeviceEnergy;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a project's monitoring report for a period from the stream job's results. */
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
        List<DeviceEnergy> devices = new ArrayList<>();
        long totalWh = 0;
        for (String deviceId : project.deviceIds()) {
            Optional<BoundaryReading> first = results.firstReading(deviceId, from, to);
            Optional<BoundaryReading> last = results.lastReading(deviceId, from, to);
            long energyWh = first.isPresent() && last.isPresent()
                    ? JcmSolarPv.periodEnergyWh(first.get().registerWh(), last.get().registerWh()) : 0;
            totalWh += energyWh;
            devices.add(new DeviceEnergy(deviceId, energyWh, JcmSolarPv.kilowattHours(energyWh),
                    first.orElse(null), last.orElse(null), results.hours(deviceId, from, to),
                    results.qualityFlagCounts(deviceId, from, to)));
        }
        BigDecimal tonnes = JcmSolarPv.tonnes(totalWh, project.emissionFactorTco2PerMwh());
        return Optional.of(new MonitoringReport(project.id(), project.methodology(), from, to,
                MonitoringReport.ENERGY_RULE, devices, totalWh, JcmSolarPv.kilowattHours(totalWh),
                project.emissionFactorTco2PerMwh(), tonnes, JcmSolarPv.credits(tonnes), results.checkpoints()));
    }
}
