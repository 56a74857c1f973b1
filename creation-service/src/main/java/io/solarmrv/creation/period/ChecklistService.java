package io.solarmrv.creation.period;

import io.solarmrv.attestation.DeviceRegistry;
import io.solarmrv.creation.MethodologyFit;
import io.solarmrv.creation.MonitoringReport;
import io.solarmrv.creation.Project;
import io.solarmrv.creation.ProjectRepository;
import io.solarmrv.creation.MonitoringReport.DeviceEnergy;
import io.solarmrv.creation.ReportService;
import io.solarmrv.creation.ResultsRepository;
import io.solarmrv.creation.cycle.CreditingPeriod;
import io.solarmrv.creation.cycle.CycleEntry;
import io.solarmrv.creation.cycle.ProjectCycle;
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
 * project and its registration (crediting period, methodology fit, device list), the registry
 * (keys, calibration certificates, meter replacements), the log (chain continuity, completeness),
 * the chain (the report hash it holds) and the verifier's findings.
 */
@Singleton
public class ChecklistService {
    private final PeriodWorkflow workflow;
    private final ReportService reports;
    private final ResultsRepository results;
    private final Registry registry;
    private final Optional<PeriodLedger> ledger;
    private final ProjectRepository projects;
    private final ProjectCycle cycle;
    private final Findings findings;

    public ChecklistService(PeriodWorkflow workflow, ReportService reports, ResultsRepository results, Registry registry,
                            Optional<PeriodLedger> ledger, ProjectRepository projects, ProjectCycle cycle, Findings findings) {
        this.projects = projects;
        this.cycle = cycle;
        this.findings = findings;
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
        items.add(onChain(period, submitted));
        items.add(recomputed(period, submitted));
        items.add(emissionFactor(submitted));
        Project project = projects.find(projectId).orElseThrow();
        items.add(creditingPeriod(period, project));
        items.add(eligibility(project));
        items.add(planConformity(project, submitted));
        // One item per check across every meter (generation and, under EN-R-002, site meters), naming
        // the meters that fail, not 4 rows a meter: 1,000 meters stay a page a verifier can read.
        List<MeterCheck> keys = new ArrayList<>();
        List<MeterCheck> continuity = new ArrayList<>();
        List<MeterCheck> completeness = new ArrayList<>();
        List<MeterCheck> calibration = new ArrayList<>();
        for (DeviceEnergy device : submitted.devices()) {
            Optional<Registry.DeviceRecord> record = registry.device(device.deviceId());
            keys.add(keys(period, device.deviceId(), record));
            continuity.add(continuity(period, device));
            completeness.add(completeness(period, device.deviceId()));
            calibration.add(calibration(period, device.deviceId(), record));
        }
        if (submitted.selfConsumption() != null) {
            // EN-R-002's site meters: their export lowers the result, so their keys, data and calibration matter as much.
            // A battery's too: understating its charge would raise EL_self.
            List<String> meters = new ArrayList<>(submitted.selfConsumption().siteMeters().stream()
                    .map(MonitoringReport.SiteExport::deviceId).toList());
            submitted.selfConsumption().batteries().forEach(battery -> meters.add(battery.deviceId()));
            for (String meter : meters) {
                Optional<Registry.DeviceRecord> record = registry.device(meter);
                keys.add(keys(period, meter, record));
                completeness.add(completeness(period, meter));
                calibration.add(calibration(period, meter, record));
            }
        }
        items.add(acrossMeters(CheckItem.KEYS, keys));
        items.add(acrossMeters(CheckItem.CONTINUITY, continuity));
        items.add(acrossMeters(CheckItem.COMPLETENESS, completeness));
        items.add(acrossMeters(CheckItem.CALIBRATION, calibration));
        items.add(qualityFlags(submitted));
        items.add(countedOnce(period, submitted));
        items.add(findings(projectId, number));
        items.add(materiality(submitted));
        items.add(CheckItem.OTHER_SCHEMES.with(Outcome.VERIFIER, "not machine-checkable: this registry's chain sees its own periods"
                + " only (JCM, J-Credit, CDM and voluntary registries are the verifier's to search)"));
        items.add(CheckItem.SITE_VISIT.with(Outcome.VERIFIER, "not machine-checkable; the methodology's equipment criteria"
                + " (e.g. module and inverter certification) are read from the documents seen on site"));
        items.add(CheckItem.CERTIFICATES.with(Outcome.VERIFIER, "not machine-checkable"));
        return new Checklist(projectId, number, items);
    }

    /** One meter's outcome of one check, with what shows it. */
    private record MeterCheck(String deviceId, boolean passed, String evidence) {
    }

    /** How many failing meters an item names before it only counts the rest. */
    private static final int NAMED_FAILURES = 20;

    /** PASS if every meter passed; else FAIL naming the meters that did not (the first {@value #NAMED_FAILURES}) and why. */
    private static Item acrossMeters(CheckItem item, List<MeterCheck> checks) {
        List<MeterCheck> failed = checks.stream().filter(c -> !c.passed()).toList();
        if (failed.isEmpty()) {
            String example = checks.isEmpty() ? "" : "; e.g. " + checks.get(0).deviceId() + ": " + checks.get(0).evidence();
            return item.with(Outcome.PASS, "all " + checks.size() + " meters" + example);
        }
        StringBuilder evidence = new StringBuilder(failed.size() + " of " + checks.size() + " meters fail: ");
        failed.stream().limit(NAMED_FAILURES).forEach(c -> evidence.append(c.deviceId()).append(" (").append(c.evidence()).append("); "));
        if (failed.size() > NAMED_FAILURES) {
            evidence.append("and ").append(failed.size() - NAMED_FAILURES).append(" more");
        }
        return item.with(Outcome.FAIL, evidence.toString().replaceAll("; $", ""));
    }

    /**
     * No meter's energy of this period is claimed twice on this registry's chain: MonitoringRegistry
     * admits each meter's instant to one period only, of any project (it reverts {@code
     * PeriodOverlaps} otherwise), and the chain's record of this period names exactly the report's
     * meters, so that rule held for each of them.
     */
    private Item countedOnce(MonitoringPeriod period, MonitoringReport submitted) throws IOException {
        if (ledger.isEmpty()) {
            return CheckItem.COUNTED_ONCE.with(Outcome.FAIL, "no chain is configured");
        }
        List<String> meters = submitted.deviceIds();
        byte[] expected = io.solarmrv.ledger.PeriodClient.devicesHashOf(meters);
        byte[] onChain = ledger.get().devicesHash(period.chainPeriodId());
        boolean same = java.util.Arrays.equals(expected, onChain);
        return CheckItem.COUNTED_ONCE.with(same ? Outcome.PASS : Outcome.FAIL, "chain period #" + period.chainPeriodId()
                + (same ? " holds exactly the report's " + meters.size() + " meters" : " holds devices hash "
                + HexFormat.of().formatHex(onChain) + ", not the report's " + meters.size() + " meters' " + HexFormat.of().formatHex(expected))
                + " (MonitoringRegistry admits a meter's instant to one period only, of any project)");
    }

    /**
     * The chain records exactly version 1's claim ({@link io.solarmrv.ledger.ClaimedPeriod}, the rule
     * {@code mrv verify} applies too: its hash, project, interval, reduction and credits), resting on
     * the period's anchored checkpoint.
     */
    private Item onChain(MonitoringPeriod period, MonitoringReport submitted) throws IOException {
        if (ledger.isEmpty()) {
            return CheckItem.ON_CHAIN.with(Outcome.FAIL, "no chain is configured");
        }
        Optional<io.solarmrv.ledger.PeriodClaim> recorded = ledger.get().claim(period.chainPeriodId());
        if (recorded.isEmpty()) {
            return CheckItem.ON_CHAIN.with(Outcome.FAIL, "chain period #" + period.chainPeriodId() + " holds no claim (taken away by a"
                    + " reorganisation?)");
        }
        io.solarmrv.attestation.MonitoringClaim claim = submitted.claim();
        String submittedHash = period.versions().get(0).claimSha256();
        List<String> differences = new ArrayList<>(new io.solarmrv.ledger.ClaimedPeriod(period.projectId(), period.from(), period.to(),
                HexFormat.of().parseHex(submittedHash), claim.reductionKg(), claim.credits()).differencesFrom(recorded.get()));
        if (recorded.get().logSize() != period.logSize() || !HexFormat.of().formatHex(recorded.get().logRoot()).equals(period.logRoot())) {
            differences.add("it rests on tree size " + recorded.get().logSize() + ", not the period's checkpoint of " + period.logSize()
                    + " leaves");
        }
        return CheckItem.ON_CHAIN.with(differences.isEmpty() ? Outcome.PASS : Outcome.FAIL, "chain period #" + period.chainPeriodId()
                + (differences.isEmpty() ? " records exactly version 1's claim (hash " + submittedHash + ", " + claim.reductionKg()
                + " kg, " + claim.credits() + " credits)" : ": " + String.join("; ", differences))
                + "; log checkpoint of " + period.logSize() + " leaves, root " + period.logRoot());
    }

    /**
     * The claim names its methodology, and its emission factor with the factor's source and dates (the
     * report took the factor effective on every day of the period). Whether the value is the one in
     * that document is for the verifier to read; the detail says where.
     */
    private static Item emissionFactor(MonitoringReport submitted) {
        String value = submitted.methodology() + "; EF " + submitted.emissionFactorTco2PerMwh().toPlainString() + " tCO2/MWh";
        io.solarmrv.attestation.methodology.EmissionFactor factor = submitted.sourcedFactor();
        if (factor == null) {
            return CheckItem.EMISSION_FACTOR.with(Outcome.FAIL, value + ": no source or dates recorded (a report made before"
                    + " factors carried them); check the value against the project's registration");
        }
        return CheckItem.EMISSION_FACTOR.with(Outcome.PASS, value + ", effective " + factor.effectiveDates() + ", source: "
                + factor.source() + " (the value against that document is the verifier's to read)");
    }

    private Item recomputed(MonitoringPeriod period, MonitoringReport submitted) throws SQLException {
        MonitoringReport now = reports.report(period.projectId(), period.from(), period.to()).orElseThrow();
        boolean same = HexFormat.of().formatHex(now.claim().digest()).equals(period.versions().get(0).claimSha256());
        return CheckItem.RECOMPUTED.with(same ? Outcome.PASS : Outcome.FAIL, "energy " + now.totalEnergyWh() + " Wh (submitted " + submitted.totalEnergyWh()
                        + "), excluded " + now.excludedEnergyWh() + " Wh (submitted " + submitted.excludedEnergyWh() + "), credits "
                        + now.creditsTco2() + " (submitted " + submitted.creditsTco2() + ")");
    }

    private static MeterCheck keys(MonitoringPeriod period, String deviceId, Optional<Registry.DeviceRecord> record) {
        if (record.isEmpty()) {
            return new MeterCheck(deviceId, false, "not in the registry");
        }
        // A key stored before registration checked curve points is named here, not thrown.
        List<String> refused = new java.util.ArrayList<>();
        List<DeviceRegistry.DeviceKey> keys = DeviceRegistry.parse(String.join("\n", record.get().keys()), refused::add).keys();
        List<DeviceRegistry.DeviceKey> valid = keys.stream().filter(k -> overlaps(k, period)).toList();
        return new MeterCheck(deviceId, !valid.isEmpty(), (valid.isEmpty() ? keys.size()
                + " key(s), none valid during the period" : valid.size() + " key(s) valid during the period: "
                + valid.stream().map(DeviceRegistry.DeviceKey::line).reduce((a, b) -> a + "; " + b).orElse(""))
                + (refused.isEmpty() ? "" : "; not keys: " + String.join("; ", refused)));
    }

    private static boolean overlaps(DeviceRegistry.DeviceKey key, MonitoringPeriod period) {
        return (key.validFrom() == null || key.validFrom().isBefore(period.to()))
                && (key.validUntil() == null || key.validUntil().isAfter(period.from()));
    }

    private MeterCheck continuity(MonitoringPeriod period, DeviceEnergy device) throws SQLException {
        if (device.first() == null) {
            return new MeterCheck(device.deviceId(), false, "no readings in the period");
        }
        long expected = device.last().sequence() - device.first().sequence() + 1;
        long present = results.readingCount(device.deviceId(), period.from(), period.to());
        return new MeterCheck(device.deviceId(), present == expected, present + " readings, sequence "
                + device.first().sequence() + " to " + device.last().sequence() + " (" + expected + " expected)");
    }

    private MeterCheck completeness(MonitoringPeriod period, String deviceId) throws SQLException {
        long hours = Duration.between(period.from(), period.to()).toHours();
        long withData = results.hoursWithReadings(deviceId, period.from(), period.to());
        boolean complete = hours > 0 && withData == hours;
        return new MeterCheck(deviceId, complete, withData + " of " + hours + " hours have readings"
                + (complete ? "" : "; the energy of hours without readings is still bounded by the register (invariant 2)"));
    }

    private static MeterCheck calibration(MonitoringPeriod period, String deviceId, Optional<Registry.DeviceRecord> record) {
        List<Calibration> certificates = record.map(Registry.DeviceRecord::calibrations).orElse(List.of());
        var first = period.from().atZone(ZoneOffset.UTC).toLocalDate();
        var last = period.to().minusMillis(1).atZone(ZoneOffset.UTC).toLocalDate();
        Optional<Calibration> covering = certificates.stream().filter(c -> c.covers(first) && c.covers(last)).findFirst();
        return covering.map(c -> new MeterCheck(deviceId, true, "certificate " + c.certificateId() + " by " + c.issuer()
                        + ", valid " + c.calibratedOn() + " to " + c.validUntil()
                        + (c.documentSha256() == null ? "" : ", document SHA-256 " + c.documentSha256())))
                .orElseGet(() -> new MeterCheck(deviceId, false, certificates.isEmpty() ? "no certificate recorded"
                        : certificates.size() + " certificate(s), none covering " + first + " to " + last));
    }

    /** The period lies within the crediting period its registration gives ({@link CreditingPeriod}), as closing required. */
    private Item creditingPeriod(MonitoringPeriod period, Project project) throws SQLException {
        Optional<ProjectCycle.Status> status = cycle.status(project.id());
        Optional<CycleEntry> registration = status.flatMap(ProjectCycle.Status::registration);
        if (registration.isEmpty()) {
            return CheckItem.CREDITING_PERIOD.with(Outcome.FAIL, "the project has no registration recorded");
        }
        CreditingPeriod crediting = CreditingPeriod.of(registration.get(), status.get().scheme());
        Optional<String> refusal = crediting.refusal(period.from(), period.to());
        String span = "registered " + registration.get().effectiveOn() + "; crediting period from " + crediting.start() + " ("
                + crediting.startRule() + ")" + (crediting.end() == null ? ", no end recorded" : " to " + crediting.end() + " ("
                + crediting.endRule() + ")");
        return CheckItem.CREDITING_PERIOD.with(refusal.isEmpty() ? Outcome.PASS : Outcome.FAIL,
                refusal.map(r -> span + "; " + r).orElse(span + "; the period [" + period.from() + ", " + period.to() + ") lies within"));
    }

    /**
     * The registered devices fit the methodology as the service checks it ({@link MethodologyFit}:
     * roles from the registry, every battery at their sites in the computation, no chiller); the methodology's documentary
     * criteria are the site visit's.
     */
    private Item eligibility(Project project) throws SQLException {
        try {
            MethodologyFit.Outcome.Fits fits = reports.fit(project);
            return CheckItem.ELIGIBILITY.with(Outcome.PASS, project.methodology() + " computes the project's registered devices: "
                    + fits.generation().size() + " generation meter(s)" + (fits.siteMeters().isEmpty() ? ""
                    : ", " + fits.siteMeters().size() + " site meter(s)") + (fits.batteries().isEmpty()
                    ? "; no battery at their sites" : ", " + fits.batteries().size() + " battery(ies) with rated capacity, every"
                    + " battery at their sites") + "; no chiller (MethodologyFit)");
        } catch (io.micronaut.http.exceptions.HttpStatusException refused) {
            return CheckItem.ELIGIBILITY.with(Outcome.FAIL, refused.getMessage());
        }
    }

    /**
     * The meters the report computes are the project's registered meters (its device list is fixed
     * when it is proposed; a programme's, those of its members crediting throughout the period), with their registered nameplates; meter replacements inside the period
     * are named, since the monitoring plan's points then changed meters.
     */
    private Item planConformity(Project project, MonitoringReport submitted) throws SQLException {
        java.util.Set<String> reported = new java.util.TreeSet<>(submitted.deviceIds());
        if (submitted.selfConsumption() != null) {
            submitted.selfConsumption().siteMeters().forEach(m -> reported.add(m.deviceId()));
        }
        // A programme's registered meters for the period are those of the members crediting throughout it.
        java.util.Set<String> registered = new java.util.TreeSet<>(submitted.members().isEmpty() ? project.deviceIds()
                : submitted.members().stream().filter(MonitoringReport.Member::counts).flatMap(m -> m.deviceIds().stream()).toList());
        if (!reported.equals(registered)) {
            java.util.Set<String> missing = new java.util.TreeSet<>(registered);
            missing.removeAll(reported);
            java.util.Set<String> extra = new java.util.TreeSet<>(reported);
            extra.removeAll(registered);
            return CheckItem.PLAN_CONFORMITY.with(Outcome.FAIL, "registered but not reported: " + missing + "; reported but not"
                    + " registered: " + extra);
        }
        long nameplateW = 0;
        List<String> replacements = new ArrayList<>();
        for (DeviceEnergy device : submitted.devices()) {
            Optional<Registry.DeviceRecord> record = registry.device(device.deviceId());
            nameplateW += record.map(r -> r.device().nameplateW() == null ? 0L : r.device().nameplateW()).orElse(0L);
            if (record.isPresent() && device.first() != null) {
                for (io.solarmrv.creation.registry.MeterReplacement replacement : record.get().meterReplacements()) {
                    if (replacement.finalSequence() >= device.first().sequence() && replacement.finalSequence() < device.last().sequence()) {
                        replacements.add(device.deviceId() + ": meter " + replacement.oldSerial() + " replaced by "
                                + replacement.newSerial() + " after reading " + replacement.finalSequence());
                    }
                }
            }
        }
        return CheckItem.PLAN_CONFORMITY.with(Outcome.PASS, "the report's " + reported.size() + " meters are the project's registered"
                + " meters; generation nameplate " + java.math.BigDecimal.valueOf(nameplateW).movePointLeft(3).stripTrailingZeros().toPlainString() + " kW"
                + "; meter replacements in the period: " + (replacements.isEmpty() ? "none" : String.join("; ", replacements)));
    }

    /** PASS when no corrective action or clarification request is open (a FAR does not hold approval); the findings named. */
    private Item findings(String projectId, int number) throws SQLException {
        List<Finding> all = findings.list(projectId, number);
        List<Finding> holding = all.stream().filter(Finding::blocksApproval).toList();
        String named = all.isEmpty() ? "no findings raised" : all.stream().map(f -> f.type() + " " + f.number() + " " + f.state())
                .collect(java.util.stream.Collectors.joining(", "));
        return CheckItem.FINDINGS.with(holding.isEmpty() ? Outcome.PASS : Outcome.FAIL, named);
    }

    /**
     * What the figures leave out (energy of flagged readings) and correct (uncalibrated days, by the
     * class's error) as a share of what was metered: both already taken off the credited figure, so
     * they never overstate. Whether the share is material is judged against the scheme's threshold,
     * which no source here gives: the figure is evidenced, the judgment is the verifier's.
     */
    private static Item materiality(MonitoringReport report) {
        long corrections = report.devices().stream().mapToLong(d -> d.calibration() == null ? 0 : d.calibration().correctionWh()).sum();
        if (report.selfConsumption() != null) {
            corrections += report.selfConsumption().siteMeters().stream()
                    .mapToLong(m -> m.calibration() == null ? 0 : m.calibration().correctionWh()).sum();
            corrections += report.selfConsumption().batteries().stream().mapToLong(b -> b.calibration().correctionWh()).sum();
        }
        long metered = report.totalEnergyWh();
        String share = metered <= 0 ? "-" : java.math.BigDecimal.valueOf(100.0 * (report.excludedEnergyWh() + corrections) / metered)
                .setScale(3, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
        return CheckItem.MATERIALITY.with(Outcome.VERIFIER, "excluded for quality flags " + report.excludedEnergyWh() + " Wh, calibration"
                + " corrections " + corrections + " Wh: " + share + " of the " + metered + " Wh metered, both taken off the credited"
                + " figure; the scheme's materiality threshold is the verifier's to apply (not encoded: no sourced value)");
    }

    private static Item qualityFlags(MonitoringReport report) {
        StringBuilder evidence = new StringBuilder();
        for (DeviceEnergy device : report.devices()) {
            evidence.append(device.deviceId()).append(": ").append(device.qualityFlags().isEmpty() ? "no fault flags" : device.qualityFlags())
                    .append(device.qualityTags().isEmpty() ? "" : ", tags (not faults) " + device.qualityTags())
                    .append(", ").append(device.voidedSequences().size()).append(" readings void their steps; ");
        }
        evidence.append(report.excludedEnergyWh()).append(" Wh excluded from ").append(report.totalEnergyWh()).append(" Wh");
        return CheckItem.QUALITY_FLAGS.with(Outcome.PASS, evidence.toString());
    }
}
