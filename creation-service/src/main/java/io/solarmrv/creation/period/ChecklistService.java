package io.solarmrv.creation.period;

import io.solarmrv.attestation.DeviceRegistry;
import io.solarmrv.creation.MonitoringReport;
import io.solarmrv.creation.MonitoringReport.DeviceEnergy;
import io.solarmrv.creation.ReportService;
import io.solarmrv.creation.ResultsRepository;
import io.solarmrv.creation.period.Checklist.Item;
import io.solarmrv.creation.period.Checklist.Outcome;
import io.solarmrv.creation.registry.Calibration;
import io.solarmrv.creation.registry.Registry;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Builds a period's {@link Checklist} from what the service holds: the submitted report, the
 * registry (keys, calibration certificates), the log (chain continuity, completeness) and the
 * chain (the report hash it holds).
 */
@Singleton
public class ChecklistService {
    private final PeriodWorkflow workflow;
    private final ReportService reports;
    private final ResultsRepository results;
    private final Registry registry;
    private final Optional<PeriodLedger> ledger;

    public ChecklistService(PeriodWorkflow workflow, ReportService reports, ResultsRepository results, Registry registry,
                            Optional<PeriodLedger> ledger) {
        this.workflow = workflow;
        this.reports = reports;
        this.results = results;
        this.registry = registry;
        this.ledger = ledger;
    }

    public Checklist checklist(String projectId, int number) throws SQLException, IOException {
        MonitoringPeriod period = workflow.find(projectId, number);
        MonitoringReport submitted = workflow.storedReport(projectId, number, 1);
        List<Item> items = new ArrayList<>();
        items.add(onChain(period));
        items.add(recomputed(period, submitted));
        items.add(emissionFactor(submitted));
        for (DeviceEnergy device : submitted.devices()) {
            items.add(keys(period, device.deviceId()));
            items.add(continuity(period, device));
            items.add(completeness(period, device.deviceId()));
            items.add(calibration(period, device.deviceId()));
        }
        if (submitted.selfConsumption() != null) {
            // EN-R-002's site meters: their export lowers the result, so their keys, data and calibration matter as much.
            for (MonitoringReport.SiteExport meter : submitted.selfConsumption().siteMeters()) {
                items.add(keys(period, meter.deviceId()));
                items.add(completeness(period, meter.deviceId()));
                items.add(calibration(period, meter.deviceId()));
            }
        }
        items.add(qualityFlags(submitted));
        items.add(new Item("site-visit", "Site visit: meters installed as the monitoring plan says", Outcome.VERIFIER,
                "not machine-checkable"));
        items.add(new Item("certificates", "Calibration certificates inspected (documents match the recorded hashes)",
                Outcome.VERIFIER, "not machine-checkable"));
        return new Checklist(projectId, number, items);
    }

    private Item onChain(MonitoringPeriod period) throws IOException {
        String title = "The chain holds this report's claim, resting on an anchored log checkpoint";
        if (ledger.isEmpty()) {
            return new Item("on-chain", title, Outcome.FAIL, "no chain is configured");
        }
        String onChain = HexFormat.of().formatHex(ledger.get().reportHash(period.chainPeriodId()));
        String submitted = period.versions().get(0).claimSha256();
        return new Item("on-chain", title, onChain.equals(submitted) ? Outcome.PASS : Outcome.FAIL,
                "chain period #" + period.chainPeriodId() + " holds report hash " + onChain + "; version 1's claim hash is "
                        + submitted + "; log checkpoint of " + period.logSize() + " leaves, root " + period.logRoot());
    }

    /**
     * The claim names its methodology, and its emission factor with the factor's source and dates (the
     * report took the factor effective on every day of the period). Whether the value is the one in
     * that document is for the verifier to read; the detail says where.
     */
    private static Item emissionFactor(MonitoringReport submitted) {
        String title = "The claim names its methodology and its emission factor's source and dates";
        String value = submitted.methodology() + "; EF " + submitted.emissionFactorTco2PerMwh().toPlainString() + " tCO2/MWh";
        io.solarmrv.attestation.methodology.EmissionFactor factor = submitted.sourcedFactor();
        if (factor == null) {
            return new Item("emission-factor", title, Outcome.FAIL, value + ": no source or dates recorded (a report made before"
                    + " factors carried them); check the value against the project's registration");
        }
        return new Item("emission-factor", title, Outcome.PASS, value + ", effective " + factor.effectiveDates() + ", source: "
                + factor.source() + " (the value against that document is the verifier's to read)");
    }

    private Item recomputed(MonitoringPeriod period, MonitoringReport submitted) throws SQLException {
        MonitoringReport now = reports.report(period.projectId(), period.from(), period.to()).orElseThrow();
        boolean same = HexFormat.of().formatHex(now.claim().digest()).equals(period.versions().get(0).claimSha256());
        return new Item("recomputed", "Figures recomputed now from the readings equal the submitted ones",
                same ? Outcome.PASS : Outcome.FAIL, "energy " + now.totalEnergyWh() + " Wh (submitted " + submitted.totalEnergyWh()
                        + "), excluded " + now.excludedEnergyWh() + " Wh (submitted " + submitted.excludedEnergyWh() + "), credits "
                        + now.creditsTco2() + " (submitted " + submitted.creditsTco2() + ")");
    }

    private Item keys(MonitoringPeriod period, String deviceId) throws SQLException {
        String id = "keys:" + deviceId;
        String title = deviceId + ": registered, with a key valid during the period";
        Optional<Registry.DeviceRecord> record = registry.device(deviceId);
        if (record.isEmpty()) {
            return new Item(id, title, Outcome.FAIL, "not in the registry");
        }
        // A key stored before registration checked curve points is named here, not thrown.
        List<String> refused = new java.util.ArrayList<>();
        List<DeviceRegistry.DeviceKey> keys = DeviceRegistry.parse(String.join("\n", record.get().keys()), refused::add).keys();
        List<DeviceRegistry.DeviceKey> valid = keys.stream().filter(k -> overlaps(k, period)).toList();
        return new Item(id, title, valid.isEmpty() ? Outcome.FAIL : Outcome.PASS, (valid.isEmpty() ? keys.size()
                + " key(s), none valid during the period" : valid.size() + " key(s) valid during the period: "
                + valid.stream().map(DeviceRegistry.DeviceKey::line).reduce((a, b) -> a + "; " + b).orElse(""))
                + (refused.isEmpty() ? "" : "; not keys: " + String.join("; ", refused)));
    }

    private static boolean overlaps(DeviceRegistry.DeviceKey key, MonitoringPeriod period) {
        return (key.validFrom() == null || key.validFrom().isBefore(period.to()))
                && (key.validUntil() == null || key.validUntil().isAfter(period.from()));
    }

    private Item continuity(MonitoringPeriod period, DeviceEnergy device) throws SQLException {
        String id = "continuity:" + device.deviceId();
        String title = device.deviceId() + ": signed readings form an unbroken chain across the period";
        if (device.first() == null) {
            return new Item(id, title, Outcome.FAIL, "no readings in the period");
        }
        long expected = device.last().sequence() - device.first().sequence() + 1;
        long present = results.readingCount(device.deviceId(), period.from(), period.to());
        return new Item(id, title, present == expected ? Outcome.PASS : Outcome.FAIL, present + " readings, sequence "
                + device.first().sequence() + " to " + device.last().sequence() + " (" + expected + " expected)");
    }

    private Item completeness(MonitoringPeriod period, String deviceId) throws SQLException {
        long hours = Duration.between(period.from(), period.to()).toHours();
        long withData = results.hoursWithReadings(deviceId, period.from(), period.to());
        boolean complete = hours > 0 && withData == hours;
        return new Item("completeness:" + deviceId, deviceId + ": readings in every hour of the period",
                complete ? Outcome.PASS : Outcome.FAIL, withData + " of " + hours + " hours have readings"
                        + (complete ? "" : "; the energy of hours without readings is still bounded by the register (invariant 2)"));
    }

    private Item calibration(MonitoringPeriod period, String deviceId) throws SQLException {
        String id = "calibration:" + deviceId;
        String title = deviceId + ": a calibration certificate covers the whole period";
        List<Calibration> certificates = registry.device(deviceId).map(Registry.DeviceRecord::calibrations).orElse(List.of());
        var first = period.from().atZone(ZoneOffset.UTC).toLocalDate();
        var last = period.to().minusMillis(1).atZone(ZoneOffset.UTC).toLocalDate();
        Optional<Calibration> covering = certificates.stream().filter(c -> c.covers(first) && c.covers(last)).findFirst();
        return covering.map(c -> new Item(id, title, Outcome.PASS, "certificate " + c.certificateId() + " by " + c.issuer()
                        + ", valid " + c.calibratedOn() + " to " + c.validUntil()
                        + (c.documentSha256() == null ? "" : ", document SHA-256 " + c.documentSha256())))
                .orElseGet(() -> new Item(id, title, Outcome.FAIL, certificates.isEmpty() ? "no certificate recorded"
                        : certificates.size() + " certificate(s), none covering " + first + " to " + last));
    }

    private static Item qualityFlags(MonitoringReport report) {
        StringBuilder evidence = new StringBuilder();
        for (DeviceEnergy device : report.devices()) {
            evidence.append(device.deviceId()).append(": ").append(device.qualityFlags().isEmpty() ? "no fault flags" : device.qualityFlags())
                    .append(device.qualityTags().isEmpty() ? "" : ", tags (not faults) " + device.qualityTags())
                    .append(", ").append(device.voidedSequences().size()).append(" readings void their steps; ");
        }
        evidence.append(report.excludedEnergyWh()).append(" Wh excluded from ").append(report.totalEnergyWh()).append(" Wh");
        return new Item("quality-flags", "Quality flags applied: energy of doubted readings excluded before the reductions",
                Outcome.PASS, evidence.toString());
    }
}
