package io.solarmrv.creation.report;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.solarmrv.creation.MonitoringReport;
import io.solarmrv.creation.ProjectRepository;
import io.solarmrv.creation.period.ChecklistService;
import io.solarmrv.creation.period.Findings;
import io.solarmrv.creation.period.MonitoringPeriod;
import io.solarmrv.creation.period.PeriodWorkflow;
import io.solarmrv.creation.period.ReportVersion;
import io.solarmrv.creation.registry.Registry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A period's documents for people: a report version's Monitoring Report Sheet as XLSX and the report
 * as a PDF (the latest version unless {@code version} names another), and the verification report
 * as a PDF; each in English ({@code lang=en}, the default) or Japanese ({@code lang=ja}). Every
 * member of the project may read them.
 */
@Controller("/projects/{projectId}/periods/{number}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ReportDocumentController {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PDF = "application/pdf";

    private final PeriodWorkflow workflow;
    private final Registry registry;
    private final String configuredFont;
    private final ProjectRepository projects;
    private final ChecklistService checklists;
    private final Findings findings;

    public ReportDocumentController(PeriodWorkflow workflow, Registry registry, @Value("${mrv.report.font:}") String configuredFont,
                                    ProjectRepository projects, ChecklistService checklists, Findings findings) {
        this.projects = projects;
        this.checklists = checklists;
        this.findings = findings;
        this.workflow = workflow;
        this.registry = registry;
        this.configuredFont = configuredFont;
    }

    @Get("/report.xlsx")
    @Produces(XLSX)
    public HttpResponse<byte[]> sheet(@PathVariable String projectId, @PathVariable int number, @QueryValue @Nullable Integer version,
                                      @QueryValue @Nullable String lang) throws SQLException, IOException {
        Chosen chosen = choose(projectId, number, version, lang);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MonitoringSheetXlsx.write(out, chosen.sheet());
        return attachment(out.toByteArray(), XLSX, chosen.fileName("xlsx"));
    }

    @Get("/report.pdf")
    @Produces(PDF)
    public HttpResponse<byte[]> pdf(@PathVariable String projectId, @PathVariable int number, @QueryValue @Nullable Integer version,
                                    @QueryValue @Nullable String lang) throws SQLException, IOException {
        Chosen chosen = choose(projectId, number, version, lang);
        Path font = ReportFont.find(chosen.sheet().language(), configuredFont)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, ReportFont.missing(chosen.sheet().language())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MonitoringReportPdf.write(out, chosen.report(), chosen.sheet(), font);
        return attachment(out.toByteArray(), PDF, chosen.fileName("pdf"));
    }

    /**
     * The period's verification report: the decision with its statement as signed, the checklist as
     * it stands now, and the findings with their threads; a draft until the verifier decides.
     */
    @Get("/verification-report.pdf")
    @Produces(PDF)
    public HttpResponse<byte[]> verificationReport(@PathVariable String projectId, @PathVariable int number,
                                                   @QueryValue @Nullable String lang) throws SQLException, IOException {
        ReportLanguage language = language(lang);
        MonitoringPeriod period = workflow.find(projectId, number);
        Path font = ReportFont.find(language, configuredFont)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, ReportFont.missing(language)));
        VerificationReportPdf.Contents contents = new VerificationReportPdf.Contents(projects.find(projectId).orElseThrow(), period,
                workflow.storedReport(projectId, number, 1), checklists.checklist(projectId, number), findings.list(projectId, number));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VerificationReportPdf.write(out, contents, language, font);
        return attachment(out.toByteArray(), PDF, projectId + "-period-" + number + "-verification-" + language.code() + ".pdf");
    }

    private static ReportLanguage language(String lang) {
        try {
            return ReportLanguage.parse(lang);
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private record Chosen(String projectId, int number, int version, MonitoringReport report, MonitoringSheet sheet) {
        String fileName(String extension) {
            return projectId + "-period-" + number + "-v" + version + "-" + sheet.language().code() + "." + extension;
        }
    }

    private Chosen choose(String projectId, int number, Integer version, String lang) throws SQLException, IOException {
        ReportLanguage language = language(lang);
        MonitoringPeriod period = workflow.find(projectId, number);
        int wanted = version != null ? version : period.latest().version();
        ReportVersion chosen = period.versions().stream().filter(v -> v.version() == wanted).findFirst()
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no version " + wanted + " of period " + number));
        MonitoringReport report = workflow.storedReport(projectId, number, wanted);
        Map<String, String> serials = new HashMap<>();
        java.util.Set<String> inverterCounters = new java.util.HashSet<>();
        for (String deviceId : report.deviceIds()) {   // generation meters and, under EN-R-002, site meters
            registry.device(deviceId).ifPresent(r -> {
                serials.put(deviceId, r.device().meterSerial());
                if ("inverter".equals(r.device().kind())) {
                    inverterCounters.add(deviceId);
                }
            });
        }
        return new Chosen(projectId, number, wanted, report,
                MonitoringSheet.of(report, number, wanted, chosen.claimSha256(), serials, inverterCounters, language));
    }

    private static HttpResponse<byte[]> attachment(byte[] body, String contentType, String fileName) {
        return HttpResponse.ok(body).contentType(contentType).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }
}
