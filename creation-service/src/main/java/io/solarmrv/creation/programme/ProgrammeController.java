package io.solarmrv.creation.programme;

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
import io.micronaut.serde.annotation.Serdeable;
import io.solarmrv.creation.Project;
import io.solarmrv.creation.ProjectRepository;
import io.solarmrv.creation.access.Roles;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * A programme-type project's member sites: the programme's manager (the project's participant)
 * enrols sites and records when one leaves; members of the project read the list. Only J-Credit
 * projects are programmes. The project is checked per caller by the membership rule ({@code
 * {projectId}}); the member site is named {@code {memberSite}}, not {@code {siteId}}, because the
 * programme's manager, not the site's operator, records its leaving.
 */
@Controller("/projects/{projectId}/member-sites")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ProgrammeController {
    private final Programmes programmes;
    private final ProjectRepository projects;

    public ProgrammeController(Programmes programmes, ProjectRepository projects) {
        this.programmes = programmes;
        this.projects = projects;
    }

    /** The leaving date of a member site. */
    @Serdeable
    public record Leaving(LocalDate leftOn) {
    }

    /** A programme's result of enrolling a batch: how many sites joined, and how many sites the programme now has had. */
    @Serdeable
    public record Enrolment(int enrolled, long memberSites) {
    }

    /** Up to {@code limit} (1-1,000, default 100) member sites after site {@code after}, in site order. */
    @Get
    public MemberPage list(@PathVariable String projectId, @QueryValue @Nullable String after, @QueryValue @Nullable Integer limit)
            throws SQLException {
        programme(projectId);
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 1000) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'limit' must be 1 to 1000, was " + size);
        }
        return programmes.page(projectId, after, size);
    }

    /**
     * Enrols up to {@value Programmes#MAX_BATCH} sites, all or none; the answer counts them, so that
     * a programme of thousands is not sent back whole for every batch.
     */
    @Post
    @Secured({Roles.CREATOR, Roles.ADMIN})
    public HttpResponse<Enrolment> enrol(@PathVariable String projectId, @Body List<MemberSite> sites, Authentication actor)
            throws SQLException {
        programme(projectId);
        programmes.enrol(projectId, sites, actor.getName());
        return HttpResponse.created(new Enrolment(sites.size(), programmes.siteCount(projectId)));
    }

    /** Records the leaving date of a site's open membership; the answer is that site's memberships of the project. */
    @Post("/{memberSite}/leave")
    @Secured({Roles.CREATOR, Roles.ADMIN})
    public List<MemberSite> leave(@PathVariable String projectId, @PathVariable String memberSite, @Body Leaving leaving,
                                  Authentication actor) throws SQLException {
        programme(projectId);
        if (leaving == null || leaving.leftOn() == null) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'leftOn' (a date, e.g. 2026-11-01) is required");
        }
        if (!programmes.leave(projectId, memberSite, leaving.leftOn(), actor.getName())) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "site " + memberSite + " has no open membership of project " + projectId
                    + " that began before " + leaving.leftOn());
        }
        return programmes.membershipsOf(projectId, memberSite);
    }

    /** The project, which must exist (404) and be J-Credit's (409: programme-type projects are J-Credit's). */
    private Project programme(String projectId) throws SQLException {
        Project project = projects.find(projectId).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND,
                "no project " + projectId));
        if (!"J-Credit".equals(project.schemeOrDefault())) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "project " + projectId + " is a " + project.schemeOrDefault()
                    + " project: programme-type projects (member sites) are J-Credit's");
        }
        return project;
    }
}
