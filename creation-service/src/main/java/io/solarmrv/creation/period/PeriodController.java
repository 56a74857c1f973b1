package io.solarmrv.creation.period;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.solarmrv.creation.MonitoringReport;
import io.solarmrv.creation.access.Roles;
import io.solarmrv.creation.allocation.Article6;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Monitoring periods over HTTP: creators close and request issuance, verifiers decide, the administrator issues. */
@Controller("/projects/{projectId}/periods")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class PeriodController {
    @Serdeable
    public record Close(String from, String to) {
    }

    /** The verifier's decision: the statement, and the signature over the digest from {@code decision-digest}. */
    @Serdeable
    public record Decision(boolean approve, String statement, String signature) {
    }

    private final PeriodWorkflow workflow;
    private final Periods periods;
    private final ChecklistService checklists;
    private final BundleService bundles;

    public PeriodController(PeriodWorkflow workflow, Periods periods, ChecklistService checklists, BundleService bundles) {
        this.bundles = bundles;
        this.workflow = workflow;
        this.periods = periods;
        this.checklists = checklists;
    }

    /**
     * Closes a period (201, the period). A J-Credit period across 1 April is closed as one period per
     * fiscal year: the body is the first, and a {@code Link: </projects/{id}/periods/{n}>; rel="next"}
     * header names each of the others.
     */
    @Post
    @Secured({Roles.CREATOR, Roles.ADMIN})
    public HttpResponse<MonitoringPeriod> close(@PathVariable String projectId, @Body Close close, Authentication actor)
            throws SQLException, IOException, InterruptedException {
        Instant from = instant("from", close.from());
        Instant to = instant("to", close.to());
        if (!to.isAfter(from)) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'to' (" + to + ") must be after 'from' (" + from + ")");
        }
        List<MonitoringPeriod> closed = workflow.close(projectId, from, to, actor.getName());
        MutableHttpResponse<MonitoringPeriod> created = HttpResponse.created(closed.get(0));
        for (MonitoringPeriod next : closed.subList(1, closed.size())) {
            created.getHeaders().add(HttpHeaders.LINK, "</projects/" + projectId + "/periods/" + next.number() + ">; rel=\"next\"");
        }
        return created;
    }

    @Get
    public java.util.List<MonitoringPeriod> periods(@PathVariable String projectId) throws SQLException {
        return periods.list(projectId);
    }

    @Get("/{number}")
    public MonitoringPeriod period(@PathVariable String projectId, @PathVariable int number) throws SQLException {
        return workflow.find(projectId, number);
    }

    /** A version's report JSON as it was generated (default: the latest). */
    @Get("/{number}/report.json")
    @Produces(MediaType.APPLICATION_JSON)
    public String report(@PathVariable String projectId, @PathVariable int number, @QueryValue @Nullable Integer version)
            throws SQLException {
        return stored("report_json", projectId, number, version);
    }

    /**
     * The period's proof bundle for {@code mrv verify} (the submitted claim, readings and their
     * proofs, the chain's addresses): the readings its figures rest on and a drawn sample of whole
     * device-days, or with {@code readings=all} every reading of the period.
     */
    @Get("/{number}/bundle.json")
    @Produces(MediaType.APPLICATION_JSON)
    public io.micronaut.http.server.types.files.StreamedFile bundle(@PathVariable String projectId, @PathVariable int number,
                                       @QueryValue @Nullable String readings) throws SQLException, IOException {
        boolean every;
        if (readings == null || readings.equals("bounds")) {
            every = false;
        } else if (readings.equals("all")) {
            every = true;
        } else {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "readings must be 'bounds' (the default: the readings the"
                    + " figures rest on and sampled device-days) or 'all' (every reading of the period), not '" + readings + "'");
        }
        // Written to a temporary file and streamed from it (deleted when sent): a programme's bundle
        // of thousands of devices is tens of MB, more than the service's heap should hold at once.
        java.nio.file.Path file = java.nio.file.Files.createTempFile("bundle-", ".json");
        try {
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file))) {
                bundles.write(projectId, number, every, out);
            }
            return new io.micronaut.http.server.types.files.StreamedFile(java.nio.file.Files.newInputStream(file,
                    java.nio.file.StandardOpenOption.DELETE_ON_CLOSE), MediaType.APPLICATION_JSON_TYPE)
                    .attach(projectId + "-period-" + number + "-bundle.json");
        } catch (SQLException | IOException | RuntimeException e) {
            java.nio.file.Files.deleteIfExists(file);
            throw e;
        }
    }

    /** A version's canonical claim text; its SHA-256 is the version's {@code claimSha256}. */
    @Get("/{number}/claim.txt")
    @Produces(MediaType.TEXT_PLAIN)
    public String claim(@PathVariable String projectId, @PathVariable int number, @QueryValue @Nullable Integer version)
            throws SQLException {
        return stored("claim_text", projectId, number, version);
    }

    /** Every item the machine can evidence, with its evidence, and the items left to the verifier. */
    @Get("/{number}/checklist")
    public Checklist checklist(@PathVariable String projectId, @PathVariable int number) throws SQLException, IOException {
        return checklists.checklist(projectId, number);
    }

    /** Withdraws a RESTATED period on chain and closes a new one over its interval with the restated report (201, the new period). */
    @Post("/{number}/resubmission")
    @Secured({Roles.CREATOR, Roles.ADMIN})
    public HttpResponse<MonitoringPeriod> resubmit(@PathVariable String projectId, @PathVariable int number, Authentication actor)
            throws SQLException, IOException, InterruptedException {
        return HttpResponse.created(workflow.resubmit(projectId, number, actor.getName()));
    }

    @Post("/{number}/restate")
    @Secured({Roles.CREATOR, Roles.ADMIN, Roles.VERIFIER})
    public MonitoringPeriod restate(@PathVariable String projectId, @PathVariable int number, Authentication actor)
            throws SQLException, IOException {
        return workflow.restate(projectId, number, actor.getName());
    }

    /** What the caller may do to the period now: the actions of {@link PeriodAction} its roles and the period's state allow. */
    @Serdeable
    public record Actions(PeriodState state, List<PeriodAction> actions) {
    }

    @Get("/{number}/actions")
    public Actions actions(@PathVariable String projectId, @PathVariable int number, Authentication caller) throws SQLException {
        PeriodState state = workflow.find(projectId, number).state();
        return new Actions(state, PeriodAction.available(state, caller.getRoles()));
    }

    @Get("/{number}/decision-digest")
    @Secured({Roles.VERIFIER, Roles.ADMIN})
    public PeriodWorkflow.DecisionDigest decisionDigest(@PathVariable String projectId, @PathVariable int number,
                                                        @QueryValue boolean approve, @QueryValue String statement, Authentication actor)
            throws SQLException, IOException, InterruptedException {
        return workflow.decisionDigest(projectId, number, approve, statement, actor.getName());
    }

    @Post("/{number}/decision")
    @Secured(Roles.VERIFIER)
    public MonitoringPeriod decide(@PathVariable String projectId, @PathVariable int number, @Body Decision decision,
                                   Authentication actor) throws SQLException, IOException, InterruptedException {
        return workflow.decide(projectId, number, decision.approve(), decision.statement(), decision.signature(), actor.getName());
    }

    /** The verifier's sample: {@code {"size": n, "seed": "hex"}} (seed optional; the one used is returned and recorded). */
    @Serdeable
    public record SampleRequest(int size, @Nullable String seed) {
    }

    @Post("/{number}/samples")
    @Secured({Roles.VERIFIER, Roles.AUDITOR})
    public PeriodWorkflow.Sample sample(@PathVariable String projectId, @PathVariable int number, @Body SampleRequest request,
                                        Authentication actor) throws SQLException, IOException {
        return workflow.sample(projectId, number, request.size(), request.seed(), actor.getName());
    }

    @Post("/{number}/issuance")
    @Secured(Roles.CREATOR)
    public MonitoringPeriod requestIssuance(@PathVariable String projectId, @PathVariable int number, Authentication actor)
            throws SQLException, IOException, InterruptedException {
        return workflow.requestIssuance(projectId, number, actor.getName());
    }

    /** Issues; the body may give the Article 6.2 status {@code {"authorization","correspondingAdjustment"}} (default: not authorized). */
    @Post("/{number}/issue")
    @Secured(Roles.ADMIN)
    public MonitoringPeriod issue(@PathVariable String projectId, @PathVariable int number, @Body @Nullable Article6 article6,
                                  Authentication actor) throws SQLException, IOException, InterruptedException {
        Article6 status = article6 == null || article6.correspondingAdjustment() == null ? Article6.NOT_AUTHORIZED : article6;
        return workflow.issue(projectId, number, status, actor.getName());
    }

    private String stored(String column, String projectId, int number, Integer version) throws SQLException {
        int wanted = version != null ? version : workflow.find(projectId, number).latest().version();
        return periods.stored(column, projectId, number, wanted).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND,
                "no version " + wanted + " of period " + number + " of project " + projectId));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST,
                    "'" + name + "' must be an ISO-8601 instant such as 2026-06-20T15:00:00Z, was '" + value + "'");
        }
    }
}
