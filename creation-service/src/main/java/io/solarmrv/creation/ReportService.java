package io.solarmrv.creation;

import io.solarmrv.attestation.BatteryEnergy;
import io.solarmrv.attestation.JCreditSolarSelfConsumption;
import io.solarmrv.attestation.JcmSolarPv;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.methodology.EmissionFactor;
import io.solarmrv.attestation.methodology.EmissionFactors;
import io.solarmrv.attestation.methodology.Methodologies;
import io.solarmrv.attestation.methodology.Methodology;
import io.solarmrv.attestation.methodology.MeterCalibration;
import io.solarmrv.creation.ResultsRepository.SignedBoundary;
import io.solarmrv.creation.MonitoringReport.DeviceEnergy;
import io.solarmrv.creation.programme.MemberSite;
import io.solarmrv.creation.programme.Membership;
import io.solarmrv.creation.programme.Programmes;
import io.solarmrv.creation.registry.Device;
import io.solarmrv.creation.registry.MeterReplacement;
import io.solarmrv.creation.registry.Registry;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds a project's monitoring report for a period from the stream job's results, by the formula of
 * the methodology the project registered ({@link Methodologies}): JCM solar PV (RE = EG x EF), or
 * J-Credit EN-R-002, where only self-consumed electricity counts (generation minus the site meters'
 * export, in one fiscal year, with that year's emission factor). Each device's role comes from the
 * registry ({@link MethodologyFit}); what the methodology cannot account for is refused (409).
 */
@Singleton
public class ReportService {
    private final ProjectRepository projects;
    private final ResultsRepository results;
    private final Registry registry;
    private final Programmes programmes;

    public ReportService(ProjectRepository projects, ResultsRepository results, Registry registry,
                         Programmes programmes) {
        this.projects = projects;
        this.results = results;
        this.registry = registry;
        this.programmes = programmes;
    }

    public Optional<MonitoringReport> report(String projectId, Instant from, Instant to) throws SQLException {
        Optional<Project> found = projects.find(projectId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Project project = found.get();
        Methodology methodology = methodologyOf(project);
        List<MemberSite> members = programmes.members(projectId);
        Map<String, Device> registered = registry.devicesAndSiteNeighbours(project.deviceIds());
        List<String> counted = members.isEmpty() ? project.deviceIds()
                : countedDevices(project, members, registered, from, to, methodology.zone());
        MethodologyFit.Outcome.Fits devices = fit(methodology, counted, members.isEmpty() ? registered : atSitesOf(counted, registered));
        long intervalSeconds = MonitoringReport.intervalSecondsFor(from, to);
        MonitoringReport report = switch (methodology.formula()) {
            case SELF_CONSUMED_PV -> selfConsumptionReport(project, methodology, devices, from, to, intervalSeconds);
            case PV_OUTPUT -> {
                EmissionFactor factor = factorFor(project, methodology, from, to);
                Generation generation = generation(methodology, devices.generation(), from, to, intervalSeconds);
                BigDecimal tonnes = JcmSolarPv.tonnes(generation.creditedWh(), factor.tco2PerMwh());
                yield report(project, from, to, intervalSeconds, generation, factor, tonnes, null);
            }
        };
        return Optional.of(members.isEmpty() ? report : withMembers(report, members, registered, from, to, methodology.zone()));
    }

    /**
     * A programme's devices whose readings count in [from, to): those at member sites crediting
     * throughout the period ({@link Membership}). Refused (409) where
     * none does, or where a project device's site is no member at all.
     */
    private static List<String> countedDevices(Project project, List<MemberSite> members,
                                               Map<String, Device> registered, Instant from, Instant to, java.time.ZoneId zone) {
        java.util.Set<String> countingSites = new java.util.HashSet<>();
        java.util.Set<String> memberSites = new java.util.HashSet<>();
        for (MemberSite member : members) {
            memberSites.add(member.siteId());
            if (Membership.in(member, from, to, zone)
                    instanceof Membership.Outcome.Counts) {
                countingSites.add(member.siteId());
            }
        }
        List<String> counted = new ArrayList<>();
        for (String deviceId : project.deviceIds()) {
            Device device = registered.get(deviceId);
            if (device == null) {
                throw conflict("device " + deviceId + " is not in the registry, so its site and role are unknown");
            }
            if (!memberSites.contains(device.siteId())) {
                throw conflict("device " + deviceId + " is at site " + device.siteId() + ", which is not a member of programme "
                        + project.id() + ": enrol the site (POST /projects/" + project.id() + "/member-sites) or leave it out");
            }
            if (countingSites.contains(device.siteId())) {
                counted.add(deviceId);
            }
        }
        if (counted.isEmpty()) {
            throw conflict("no member site of programme " + project.id() + " credits throughout [" + from + ", " + to + ")");
        }
        return counted;
    }

    /** The registered devices at the sites of {@code deviceIds} (theirs and their site neighbours), from {@code registered}. */
    private static Map<String, Device> atSitesOf(List<String> deviceIds, Map<String, Device> registered) {
        java.util.Set<String> sites = new java.util.HashSet<>();
        deviceIds.forEach(id -> sites.add(registered.get(id).siteId()));
        Map<String, Device> atSites = new java.util.LinkedHashMap<>();
        registered.forEach((id, device) -> {
            if (sites.contains(device.siteId())) {
                atSites.put(id, device);
            }
        });
        return atSites;
    }

    /** The report with one line per membership: whether it counts, and its share of the figures. */
    private MonitoringReport withMembers(MonitoringReport report, List<MemberSite> members, Map<String, Device> registered,
                                         Instant from, Instant to, java.time.ZoneId zone) throws SQLException {
        Map<String, Long> share = new java.util.HashMap<>();
        report.devices().forEach(d -> share.put(d.deviceId(), d.creditedEnergyWh()));
        Map<String, Long> export = new java.util.HashMap<>();
        Map<String, Long> withheld = new java.util.HashMap<>();
        if (report.selfConsumption() != null) {
            report.selfConsumption().siteMeters().forEach(m -> export.put(m.deviceId(), m.correctedExportWh()));
            report.selfConsumption().batteries().forEach(b -> withheld.put(b.deviceId(), b.withheldWh()));
        }
        Map<String, List<String>> devicesBySite = new java.util.TreeMap<>();
        registered.values().forEach(d -> devicesBySite.computeIfAbsent(d.siteId(), s -> new ArrayList<>()).add(d.id()));
        List<MonitoringReport.Member> lines = new ArrayList<>();
        long hours = java.time.Duration.between(from, to).toHours();
        for (MemberSite member : members) {
            Membership.Outcome outcome = Membership.in(member, from, to, zone);
            List<String> ids = devicesBySite.getOrDefault(member.siteId(), List.of());
            boolean counts = outcome instanceof Membership.Outcome.Counts;
            long withReadings = 0;
            if (counts) {
                withReadings = hours;
                for (String id : ids) {
                    withReadings = Math.min(withReadings, results.hoursWithReadings(id, from, to));
                }
            }
            lines.add(new MonitoringReport.Member(member.siteId(), member.dataSource(), counts,
                    outcome instanceof Membership.Outcome.LeftOut out ? out.reason() : null, ids,
                    counts ? ids.stream().mapToLong(id -> share.getOrDefault(id, 0L)).sum() : 0,
                    counts ? ids.stream().mapToLong(id -> export.getOrDefault(id, 0L)).sum() : 0,
                    counts ? ids.stream().mapToLong(id -> withheld.getOrDefault(id, 0L)).sum() : 0, hours, withReadings));
        }
        return report.withMembers(lines);
    }

    /** The project's methodology, computed for its host country; refused (409) with the reason otherwise. */
    private static Methodology methodologyOf(Project project) {
        Methodology methodology = Methodologies.resolve(project.methodology()).orElseThrow(reason -> conflict("project "
                + project.id() + " names methodology '" + project.methodology() + "', which is not computed: " + reason));
        try {
            methodology.hostCountry(project.hostCountry());
        } catch (IllegalArgumentException e) {
            throw conflict("project " + project.id() + ": " + e.getMessage());
        }
        return methodology;
    }

    /** The project's devices by role as its methodology computes them ({@link MethodologyFit}); refused (409) naming why. */
    public MethodologyFit.Outcome.Fits fit(Project project) throws SQLException {
        return fit(methodologyOf(project), project.deviceIds(), registry.devicesAndSiteNeighbours(project.deviceIds()));
    }

    private static MethodologyFit.Outcome.Fits fit(Methodology methodology, List<String> deviceIds, Map<String, Device> registered) {
        MethodologyFit.Outcome fit = MethodologyFit.check(methodology, deviceIds, registered, true);
        if (fit instanceof MethodologyFit.Outcome.Refused refused) {
            throw conflict(refused.reason());
        }
        return (MethodologyFit.Outcome.Fits) fit;
    }

    /**
     * The one emission factor effective on every day of [from, to) in the host country's calendar
     * ({@link EmissionFactors#covering}); a period without one is refused (409), never computed with
     * another period's value.
     */
    private static EmissionFactor factorFor(Project project, Methodology methodology, Instant from, Instant to) {
        Methodology.PeriodDays days = methodology.periodDays(from, to);
        try {
            return new EmissionFactors(project.emissionFactors()).covering(days.first(), days.last());
        } catch (IllegalArgumentException e) {
            throw conflict("project " + project.id() + ": " + e.getMessage());
        }
    }

    private MonitoringReport report(Project project, Instant from, Instant to, long intervalSeconds, Generation generation,
                                    EmissionFactor factor, BigDecimal tonnes, MonitoringReport.SelfConsumption selfConsumption)
            throws SQLException {
        return new MonitoringReport(project.id(), project.methodology(), from, to, MonitoringReport.ENERGY_RULE,
                MonitoringReport.EXCLUSION_RULE, intervalSeconds, generation.devices(), generation.totalWh(),
                JcmSolarPv.kilowattHours(generation.totalWh()), generation.excludedWh(), generation.creditedWh(),
                JcmSolarPv.kilowattHours(generation.creditedWh()), factor.tco2PerMwh(), tonnes, JcmSolarPv.credits(tonnes),
                results.checkpoints(), selfConsumption, factor);
    }

    /** The generation meters' energy, exclusions and credited energy (the same rules under both schemes). */
    private record Generation(List<DeviceEnergy> devices, long totalWh, long excludedWh, long creditedWh) {
    }

    private Generation generation(Methodology methodology, List<String> deviceIds, Instant from, Instant to, long intervalSeconds)
            throws SQLException {
        List<DeviceEnergy> devices = new ArrayList<>();
        long totalWh = 0;
        long excludedWh = 0;
        long creditedWh = 0;
        for (String deviceId : deviceIds) {
            Optional<SignedBoundary> first = results.firstReading(deviceId, from, to);
            Optional<SignedBoundary> last = results.lastReading(deviceId, from, to);
            Registry.DeviceRecord record = registered(deviceId);
            MeterCalibration calibration = calibration(record);
            List<MeterCalibration.Span> uncovered = calibration.uncovered(from, to, methodology.zone());
            long energyWh = 0;
            long uncalibratedWh = 0;
            List<Long> replacedAfter = List.of();
            if (first.isPresent() && last.isPresent()) {
                List<MeterReplacement> replacements = replacementsWithin(record, first.get().signed().sequence(),
                        last.get().signed().sequence());
                replacedAfter = replacements.stream().map(MeterReplacement::finalSequence).toList();
                TreeMap<Long, Reading> marks = markReadings(deviceId, first.get().signed(), last.get().signed(), replacements);
                energyWh = energyPerMeter(deviceId, marks, replacements);
                uncalibratedWh = uncalibratedEnergyWh(deviceId, marks, uncovered, replacedAfter, from, to);
            }
            Exclusion exclusion = exclusion(results.flaggedReadings(deviceId, from, to), replacedAfter);
            MonitoringReport.Calibration correction = applied(calibration, uncovered, uncalibratedWh);
            long deviceCreditedWh = JcmSolarPv.creditedEnergyWh(energyWh, exclusion.energyWh()
                    + correction.correctionWh());
            totalWh += energyWh;
            excludedWh += exclusion.energyWh();
            creditedWh += deviceCreditedWh;
            devices.add(DeviceEnergy.withRuleCounts(deviceId, energyWh, JcmSolarPv.kilowattHours(energyWh),
                    exclusion.energyWh(), exclusion.voidedSequences(), deviceCreditedWh,
                    first.map(SignedBoundary::reading).orElse(null), last.map(SignedBoundary::reading).orElse(null), results.intervals(deviceId, from, to, intervalSeconds),
                    results.qualityFlagCounts(deviceId, from, to), replacedAfter, correction));
        }
        return new Generation(devices, totalWh, excludedWh, creditedWh);
    }

    /** A device's registry record: keys, calibrations, replacements (the fit check has found it there). */
    private Registry.DeviceRecord registered(String deviceId) throws SQLException {
        return registry.device(deviceId).orElseThrow(() -> conflict("device " + deviceId + " is not in the registry"));
    }

    /** A meter's accuracy class and certificates, as its registry record holds them. */
    private static MeterCalibration calibration(Registry.DeviceRecord record) {
        return new MeterCalibration(record.device().accuracyClass(), record.calibrations().stream()
                .map(c -> new MeterCalibration.Certificate(c.certificateId(), c.calibratedOn(), c.validUntil())).toList());
    }

    /** The report's statement of a meter's class, certificates, uncovered days and their correction (0 where none). */
    private static MonitoringReport.Calibration applied(MeterCalibration calibration, List<MeterCalibration.Span> uncovered,
                                                        long energyWh) {
        return new MonitoringReport.Calibration(calibration.accuracyClass(), calibration.maxPermissibleErrorPercent(),
                calibration.certificates().stream().map(c -> new MonitoringReport.Certificate(c.certificateId(), c.calibratedOn(),
                        c.validUntil())).toList(),
                uncovered.stream().map(s -> new MonitoringReport.UncoveredSpan(s.from(), s.to())).toList(),
                uncovered.isEmpty() ? 0 : energyWh, uncovered.isEmpty() ? 0 : calibration.correctionWh(energyWh));
    }

    /**
     * The energy a generation meter measured over its uncovered spans ({@link JcmSolarPv#spanEnergyWh}),
     * from each span's bounding readings: index lookups, not the period's readings.
     */
    private long uncalibratedEnergyWh(String deviceId, TreeMap<Long, Reading> marks, List<MeterCalibration.Span> uncovered,
                                      List<Long> replacedAfter, Instant from, Instant to) throws SQLException {
        if (uncovered.isEmpty()) {
            return 0;
        }
        TreeMap<Long, Reading> readings = new TreeMap<>(marks);
        for (MeterCalibration.Span span : uncovered) {
            results.lastReading(deviceId, from, span.from()).ifPresent(b -> readings.put(b.signed().sequence(), b.signed()));
            results.firstReading(deviceId, span.to(), to).ifPresent(b -> readings.put(b.signed().sequence(), b.signed()));
        }
        List<Reading> inOrder = new ArrayList<>(readings.values());
        return uncovered.stream().mapToLong(span -> JcmSolarPv.spanEnergyWh(inOrder, span, replacedAfter)).sum();
    }

    /**
     * EN-R-002 over the registry's generation devices, site meters and batteries. Refused (409,
     * naming why) rather than computed when the figure could overstate: a period across fiscal years,
     * no factor for its year, a site meter's export or a battery's charge that cannot be bounded (no
     * reading with the register at or before the start and at or after the end).
     */
    private MonitoringReport selfConsumptionReport(Project project, Methodology methodology, MethodologyFit.Outcome.Fits devices,
                                                   Instant from, Instant to, long intervalSeconds) throws SQLException {
        if (!JCreditSolarSelfConsumption.withinOneFiscalYear(from, to)) {
            int next = JCreditSolarSelfConsumption.fiscalYear(from) + 1;
            throw conflict("a J-Credit report covers one Japanese fiscal year (April to March, Japan time), at that year's"
                    + " emission factor; [" + from + ", " + to + ") crosses into FY" + next + ": ask for it up to "
                    + java.time.LocalDate.of(next, 4, 1).atStartOfDay(java.time.ZoneId.of("Asia/Tokyo")).toInstant()
                    + " and from there (closing a period across 1 April closes one period per fiscal year)");
        }
        int fiscalYear = JCreditSolarSelfConsumption.fiscalYear(from);
        EmissionFactor factor = factorFor(project, methodology, from, to);
        List<MonitoringReport.SiteExport> siteMeters = new ArrayList<>();
        for (String deviceId : devices.siteMeters()) {
            Optional<SignedBoundary> start = results.lastAtOrBefore(deviceId, from);
            Optional<SignedBoundary> end = results.firstAtOrAfter(deviceId, to);
            if (start.isPresent() && end.isPresent()) {
                requireOneMeter(deviceId, start.get().signed(), end.get().signed());
            }
            Long startRegister = start.map(b -> b.signed().exportRegisterWh()).orElse(null);
            Long endRegister = end.map(b -> b.signed().exportRegisterWh()).orElse(null);
            try {
                long exportWh = JCreditSolarSelfConsumption.exportWh(deviceId, startRegister, endRegister);
                MeterCalibration calibration = calibration(registered(deviceId));
                siteMeters.add(new MonitoringReport.SiteExport(deviceId, start.get().reading(), startRegister, end.get().reading(),
                        endRegister, exportWh, applied(calibration, calibration.uncovered(from, to, methodology.zone()), exportWh)));
            } catch (IllegalArgumentException e) {
                throw conflict(e.getMessage());
            }
        }
        List<MonitoringReport.BatteryTerm> batteries = new ArrayList<>();
        for (String deviceId : devices.batteries()) {
            batteries.add(battery(deviceId, from, to, methodology));
        }
        Generation generation = generation(methodology, devices.generation(), from, to, intervalSeconds);
        long exportWh = siteMeters.stream().mapToLong(MonitoringReport.SiteExport::correctedExportWh).sum();
        long selfConsumedWh = JCreditSolarSelfConsumption.selfConsumedWh(new JCreditSolarSelfConsumption.FiscalYearEnergy(
                fiscalYear, generation.creditedWh(), exportWh, batteries.stream().map(MonitoringReport.BatteryTerm::energy).toList(),
                batteries.stream().mapToLong(b -> b.calibration().correctionWh()).sum()));
        BigDecimal tonnes = JCreditSolarSelfConsumption.tonnes(List.of(new JCreditSolarSelfConsumption.FiscalYearEnergy(fiscalYear,
                selfConsumedWh, 0)), new JCreditSolarSelfConsumption.Parameters(project.methodology(),
                Map.of(fiscalYear, factor.tco2PerMwh())));
        return report(project, from, to, intervalSeconds, generation, factor, tonnes, new MonitoringReport.SelfConsumption(
                JCreditSolarSelfConsumption.METHODOLOGY, fiscalYear, siteMeters, exportWh, selfConsumedWh, MonitoringReport.EXPORT_RULE,
                batteries));
    }

    /**
     * A battery's terms ({@link BatteryEnergy}) from its signed readings: the charge register (the
     * reading's second register) outward, the discharge register (its energy register) inward, and
     * its rated capacity from the registry. Refused (409, naming why) where the charge cannot be
     * bounded, a register went down, a meter was swapped within the period, or it discharged more
     * than it charged and could hold. A battery meter no certificate covered on some day of the
     * period ({@link MeterCalibration}) has its whole charge raised and discharge lowered by its
     * maximum permissible error, as a site meter's whole export is raised.
     */
    private MonitoringReport.BatteryTerm battery(String deviceId, Instant from, Instant to, Methodology methodology)
            throws SQLException {
        Optional<SignedBoundary> start = results.lastAtOrBefore(deviceId, from);
        Optional<SignedBoundary> end = results.firstAtOrAfter(deviceId, to);
        Optional<SignedBoundary> first = results.firstReading(deviceId, from, to);
        Optional<SignedBoundary> last = results.lastReading(deviceId, from, to);
        if (start.isPresent() && end.isPresent()) {
            requireOneMeter(deviceId, start.get().signed(), end.get().signed());
        }
        Registry.DeviceRecord record = registered(deviceId);
        Long capacityWh = record.device().capacityWh();
        try {
            long chargeWh = BatteryEnergy.chargeWh(deviceId, start.map(b -> b.signed().exportRegisterWh()).orElse(null),
                    end.map(b -> b.signed().exportRegisterWh()).orElse(null));
            long dischargeWh = BatteryEnergy.dischargeWh(deviceId, first.map(b -> b.signed().energyRegisterWh()).orElse(null),
                    last.map(b -> b.signed().energyRegisterWh()).orElse(null));
            BatteryEnergy energy = new BatteryEnergy(deviceId, chargeWh, dischargeWh, capacityWh == null ? 0 : capacityWh);
            MeterCalibration calibration = calibration(record);
            MonitoringReport.Calibration correction = applied(calibration, calibration.uncovered(from, to, methodology.zone()),
                    chargeWh + dischargeWh);
            return new MonitoringReport.BatteryTerm(deviceId, start.get().reading(), start.get().signed().exportRegisterWh(),
                    end.get().reading(), end.get().signed().exportRegisterWh(), first.map(SignedBoundary::reading).orElse(null),
                    last.map(SignedBoundary::reading).orElse(null), chargeWh, dischargeWh, energy.capacityWh(), correction,
                    energy.withheldWh() + correction.correctionWh());
        } catch (IllegalArgumentException e) {
            throw conflict(JCreditSolarSelfConsumption.METHODOLOGY + ": " + e.getMessage());
        }
    }

    /** The device's recorded meter replacements whose final reading lies in [first, last). */
    private static List<MeterReplacement> replacementsWithin(Registry.DeviceRecord record, long first, long last) {
        return record.meterReplacements().stream()
                .filter(r -> r.finalSequence() >= first && r.finalSequence() < last).toList();
    }

    /**
     * The period's bounding readings and the readings either side of each recorded replacement, by
     * sequence number, each replacement's checked against the serials recorded (409 where one is not
     * received yet or another meter signed it).
     */
    private TreeMap<Long, Reading> markReadings(String deviceId, Reading first, Reading last, List<MeterReplacement> replacements)
            throws SQLException {
        TreeMap<Long, Reading> readings = new TreeMap<>();
        readings.put(first.sequence(), first);
        readings.put(last.sequence(), last);
        for (MeterReplacement replacement : replacements) {
            for (long seq : List.of(replacement.finalSequence(), replacement.finalSequence() + 1)) {
                Reading reading = results.readingNumber(deviceId, seq).map(SignedBoundary::signed).orElseThrow(() -> conflict(
                        "device " + deviceId + "'s meter was replaced after reading #" + replacement.finalSequence()
                                + ", and reading #" + seq + " is not received yet: the energy either side cannot be counted"));
                String expected = seq == replacement.finalSequence() ? replacement.oldSerial() : replacement.newSerial();
                if (!reading.meterSerial().equals(expected)) {
                    throw conflict("device " + deviceId + "'s replacement after reading #" + replacement.finalSequence()
                            + " is recorded with meter " + expected + " signing #" + seq + ", but meter " + reading.meterSerial()
                            + " signed it");
                }
                readings.put(seq, reading);
            }
        }
        return readings;
    }

    /**
     * A generation meter's energy between its period's bounding readings, summed per meter across the
     * replacements recorded in the registry ({@link JcmSolarPv#energyPerMeter} over the bounds and the
     * readings either side of each replacement: index lookups, not the period's readings). Refused
     * (409) where two meters signed without a recorded replacement between the readings looked at, or
     * where a replacement's readings are not in yet or are signed by other serials than recorded. A
     * swap and a swap back between two of those readings is not seen here; {@code mrv verify}, which
     * reads every reading of the period, fails it.
     */
    private long energyPerMeter(String deviceId, TreeMap<Long, Reading> readings, List<MeterReplacement> replacements) {
        JcmSolarPv.MeterEnergy energy = JcmSolarPv.energyPerMeter(new ArrayList<>(readings.values()),
                replacements.stream().map(MeterReplacement::finalSequence).toList());
        if (energy instanceof JcmSolarPv.MeterEnergy.Refused refused) {
            throw conflict("device " + deviceId + " changed meters within the period: " + refused.reason() + ": record the"
                    + " replacement (POST /devices/" + deviceId + "/meter-replacements), or end one period before the swap");
        }
        return ((JcmSolarPv.MeterEnergy.Counted) energy).energyWh();
    }

    /**
     * Refuses a period across a site meter's replacement ({@link JcmSolarPv#meterChange}): export is
     * measured between two readings of one export register, so such a period is refused, never computed.
     */
    private static void requireOneMeter(String deviceId, Reading start, Reading end) {
        JcmSolarPv.meterChange(start, end).ifPresent(change -> {
            throw conflict("site meter " + deviceId + " changed meters within the period: " + change + "; export across a"
                    + " site meter's replacement is not computed: end one period before the swap and start the next after it");
        });
    }

    private static HttpStatusException conflict(String message) {
        return new HttpStatusException(HttpStatus.CONFLICT, message);
    }

    private record Exclusion(long energyWh, List<Long> voidedSequences) {
    }

    /**
     * The readings whose flags void their register steps, and the energy those steps held: the
     * steps into and out of each voided reading, each step once (a step between two voided
     * readings touches both), the same sum as {@link JcmSolarPv#excludedEnergyWh} over all readings;
     * a step across a recorded meter replacement is in neither the energy nor the exclusion.
     */
    private static Exclusion exclusion(List<ResultsRepository.FlaggedReading> flagged, List<Long> replacedAfter) {
        java.util.Map<Long, Long> stepFrom = new java.util.HashMap<>();
        List<Long> voided = new ArrayList<>();
        for (ResultsRepository.FlaggedReading reading : flagged) {
            if (!JcmSolarPv.flagsVoidEnergy(reading.rules())) {
                continue;
            }
            voided.add(reading.sequence());
            if (reading.previousSequence() != null && !replacedAfter.contains(reading.previousSequence())) {
                stepFrom.put(reading.previousSequence(), Math.max(0, reading.registerWh() - reading.previousRegisterWh()));
            }
            if (reading.nextSequence() != null && !replacedAfter.contains(reading.sequence())) {
                stepFrom.put(reading.sequence(), Math.max(0, reading.nextRegisterWh() - reading.registerWh()));
            }
        }
        return new Exclusion(stepFrom.values().stream().mapToLong(Long::longValue).sum(), voided);
    }
}
