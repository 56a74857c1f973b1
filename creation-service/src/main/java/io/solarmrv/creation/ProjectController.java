package io.solarmrv.creation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.solarmrv.attestation.methodology.EmissionFactor;
import io.solarmrv.attestation.methodology.EmissionFactors;
import io.solarmrv.attestation.methodology.Methodologies;
import io.solarmrv.attestation.methodology.Methodology;
import io.solarmrv.creation.access.Roles;
import io.solarmrv.creation.registry.Registry;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Projects and their monitoring reports. */
@Controller("/projects")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ProjectController {
    private final ProjectRepository projects;
    private final ReportService reports;
    private final Registry registry;
    private final io.solarmrv.creation.programme.Programmes programmes;

    public ProjectController(ProjectRepository projects, ReportService reports, Registry registry,
                             io.solarmrv.creation.programme.Programmes programmes) {
        this.projects = projects;
        this.reports = reports;
        this.registry = registry;
        this.programmes = programmes;
    }

    /**
     * Registers a project; the caller is recorded as its creator in the audit log. Its methodology
     * must be one this system computes ({@link Methodologies}), of the project's scheme, and fit the
     * project's devices already in the registry ({@link MethodologyFit}), and the project must be in
     * the country that approved it ({@link Methodology#hostCountry}); it is stored by its canonical
     * reference, e.g. {@code EN-R-002 Ver3.0}, and the host country by its ISO code. A device whose
     * site is a programme's member site is refused (409): it would be counted twice.
     */
    @Post
    @Secured({Roles.CREATOR, Roles.ADMIN})
    public HttpResponse<Project> create(@Body Project submitted, Authentication actor) throws SQLException, java.io.IOException {
        Project project = checked(submitted);
        Methodology methodology = methodology(project);
        if (MethodologyFit.check(methodology, project.deviceIds(), registry.devicesAndSiteNeighbours(project.deviceIds()), false)
                instanceof MethodologyFit.Outcome.Refused refused) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, refused.reason());
        }
        List<String> inProgrammes = programmes.programmeSitesOf(project.deviceIds());
        if (!inProgrammes.isEmpty()) {
            throw new HttpStatusException(HttpStatus.CONFLICT, String.join("; ", inProgrammes) + ": a site is in one project on"
                    + " any day, and a project's devices are its for all time; enrol the site in a programme instead");
        }
        if (!projects.create(project, actor.getName())) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "project " + project.id() + " exists already");
        }
        return HttpResponse.created(project);
    }

    /**
     * Adds one emission factor to a registered project, e.g. the next fiscal year's once it is
     * published: dated and sourced as at registration, of a kind the methodology applies, and on no
     * day another factor applies. The answer is the project's factors. Factors stored never change.
     */
    @Post("/{projectId}/emission-factors")
    @Secured({Roles.CREATOR, Roles.ADMIN})
    public HttpResponse<List<EmissionFactor>> addEmissionFactor(@PathVariable("projectId") String id, @Body EmissionFactor factor, Authentication actor)
            throws SQLException, java.io.IOException {
        Project project = projects.find(id).orElseThrow(() -> notFound(id));
        Methodology methodology = Methodologies.resolve(project.methodology()).orElseThrow(reason -> new HttpStatusException(
                HttpStatus.CONFLICT, "project " + id + " names methodology '" + project.methodology() + "', which is not computed: "
                + reason));
        methodology.factorRefusal(factor).ifPresent(reason -> {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, reason);
        });
        ProjectRepository.FactorAdded outcome = projects.addEmissionFactor(id, factor, actor.getName());
        if (outcome instanceof ProjectRepository.FactorAdded.Refused refused) {
            throw new HttpStatusException(refused.noProject() ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, refused.reason());
        }
        return HttpResponse.created(((ProjectRepository.FactorAdded.Added) outcome).factors());
    }

    /** The project with the number of its devices; the ids themselves are paged at {@code /projects/{projectId}/devices}. */
    /**
     * The projects the caller may see (its memberships; administrators and auditors: all), up to
     * {@code limit} (1-1,000, default 100) after {@code after}, each with its latest period's state.
     */
    @Get
    public ProjectListing list(@QueryValue @Nullable String after, @QueryValue @Nullable Integer limit, Authentication caller)
            throws SQLException {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 1_000) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'limit' must be 1 to 1000, was " + size);
        }
        return projects.list(caller.getName(), io.solarmrv.creation.access.Memberships.isEverywhere(caller.getRoles()), after, size);
    }

    @Get("/{projectId}")
    public ProjectSummary get(@PathVariable("projectId") String id) throws SQLException {
        return projects.summary(id).orElseThrow(() -> notFound(id));
    }

    /** Up to {@code limit} (1-1,000, default 100) of the project's device ids after {@code after}, in id order. */
    @Get("/{projectId}/devices")
    public DevicePage devices(@PathVariable("projectId") String id, @QueryValue @Nullable String after, @QueryValue @Nullable Integer limit)
            throws SQLException {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 1_000) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'limit' must be 1 to 1000, was " + size);
        }
        if (!projects.exists(id)) {
            throw notFound(id);
        }
        return projects.devices(id, after, size);
    }

    /** The monitoring report for [from, to]; both ISO-8601 instants, e.g. 2026-06-20T15:00:00Z. */
    @Get("/{projectId}/report")
    public MonitoringReport report(@PathVariable("projectId") String id, @QueryValue String from, @QueryValue String to)
            throws SQLException {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!end.isAfter(start)) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'to' (" + to + ") must be after 'from' (" + from + ")");
        }
        return reports.report(id, start, end).orElseThrow(() -> notFound(id));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST,
                    "'" + name + "' must be an ISO-8601 instant such as 2026-06-20T15:00:00Z, was '" + value + "'");
        }
    }

    /**
     * The submitted project as it is stored (the methodology's canonical reference, the host
     * country's ISO code), after every check that needs no database; a 400 naming the field otherwise.
     */
    static Project checked(Project submitted) {
        Methodology methodology = methodology(submitted);
        String hostCountry;
        try {
            hostCountry = methodology.hostCountry(submitted.hostCountry());
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'hostCountry': " + e.getMessage());
        }
        Project project = new Project(submitted.id(), submitted.name(), methodology.reference(), submitted.emissionFactors(),
                submitted.deviceIds(), submitted.description(), methodology.scheme(), hostCountry);
        validate(project);
        validateFactors(methodology, project.emissionFactors());
        return project;
    }

    /** The methodology the project names, of its scheme, or a 400 saying why not. */
    private static Methodology methodology(Project project) {
        Methodology methodology = Methodologies.resolve(project.methodology())
                .orElseThrow(reason -> new HttpStatusException(HttpStatus.BAD_REQUEST, "'methodology': " + reason));
        if (project.scheme() != null && !project.scheme().equals(methodology.scheme())) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'scheme' is " + project.scheme() + " but "
                    + methodology.reference() + " is a " + methodology.scheme() + " methodology");
        }
        return methodology;
    }

    private static void validate(Project project) {
        if (project.id() == null || !project.id().matches("[A-Za-z0-9._-]{1,64}")) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'id' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (project.deviceIds() == null || project.deviceIds().isEmpty()) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'deviceIds' must list at least one device");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String deviceId : project.deviceIds()) {
            if (deviceId == null || deviceId.isBlank() || !seen.add(deviceId)) {
                throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'deviceIds' must list distinct, non-blank ids; '" + deviceId
                        + "' is " + (deviceId == null || deviceId.isBlank() ? "blank" : "listed twice"));
            }
        }
        if (project.name() == null) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'name' is required");
        }
    }

    /**
     * At least one factor, each with its value, dates and source ({@link EmissionFactor} refuses a
     * missing one), no two effective on the same day, and each of a kind the methodology applies
     * ({@link Methodology#factorRefusal}: EN-R-002's are fiscal years').
     */
    private static void validateFactors(Methodology methodology, List<EmissionFactor> factors) {
        if (factors == null || factors.isEmpty() || factors.stream().anyMatch(java.util.Objects::isNull)) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'emissionFactors' must list at least one factor, each"
                    + " {\"tco2PerMwh\", \"effectiveFrom\", \"effectiveUntil\" (optional), \"source\"}: the value "
                    + methodology.reference() + " applies and the document it is taken from"
                    + (methodology.formula() == Methodology.Formula.SELF_CONSUMED_PV ? ", one per fiscal year (1 April to 1 April)" : ""));
        }
        try {
            new EmissionFactors(factors);
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'emissionFactors': " + e.getMessage());
        }
        for (EmissionFactor factor : factors) {
            methodology.factorRefusal(factor).ifPresent(reason -> {
                throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'emissionFactors': " + reason);
            });
        }
    }

    private static HttpStatusException notFound(String id) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, "no project " + id);
    }
}
