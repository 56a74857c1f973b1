package io.solarmrv.creation.period;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.solarmrv.creation.access.Roles;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A period's findings over HTTP ({@link Finding}): every member of the project reads them; its
 * verifier raises, closes and reopens them; its participant (the creator) answers them. Steps are
 * taken only while the period waits for its decision.
 */
@Controller("/projects/{projectId}/periods/{number}/findings")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class FindingController {
    private static final Pattern CHECK_ID = Pattern.compile("[a-z0-9-]{1,64}");

    /** A new finding: its type (CAR, CL or FAR), what it says, and optionally the checklist item it is about. */
    @Serdeable
    public record Raise(String type, String text, @Nullable String checkId) {
    }

    /** An answer, a closing remark or the reason for reopening. */
    @Serdeable
    public record Say(String text) {
    }

    private final Findings findings;

    public FindingController(Findings findings) {
        this.findings = findings;
    }

    @Get
    public List<Finding> findings(@PathVariable String projectId, @PathVariable int number) throws SQLException {
        return findings.list(projectId, number);
    }

    @Post
    @Secured(Roles.VERIFIER)
    public HttpResponse<Finding> raise(@PathVariable String projectId, @PathVariable int number, @Body Raise raise, Authentication actor)
            throws SQLException {
        Finding.Type type;
        try {
            type = Finding.Type.valueOf(String.valueOf(raise.type()));
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'type' must be CAR (corrective action request), CL (clarification"
                    + " request) or FAR (forward action request), was '" + raise.type() + "'");
        }
        if (raise.checkId() != null && !CHECK_ID.matcher(raise.checkId()).matches()) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'checkId' must be a checklist item's id such as 'completeness'"
                    + " (lower-case letters, digits and '-', at most 64), was '" + raise.checkId() + "'");
        }
        return HttpResponse.created(findings.raise(projectId, number, type, raise.checkId(), raise.text(), actor.getName()));
    }

    @Post("/{finding}/answer")
    @Secured(Roles.CREATOR)
    public Finding answer(@PathVariable String projectId, @PathVariable int number, @PathVariable int finding, @Body Say say,
                          Authentication actor) throws SQLException {
        return findings.step(projectId, number, finding, Finding.Step.ANSWERED, say.text(), actor.getName());
    }

    @Post("/{finding}/close")
    @Secured(Roles.VERIFIER)
    public Finding close(@PathVariable String projectId, @PathVariable int number, @PathVariable int finding, @Body Say say,
                         Authentication actor) throws SQLException {
        return findings.step(projectId, number, finding, Finding.Step.CLOSED, say.text(), actor.getName());
    }

    @Post("/{finding}/reopen")
    @Secured(Roles.VERIFIER)
    public Finding reopen(@PathVariable String projectId, @PathVariable int number, @PathVariable int finding, @Body Say say,
                          Authentication actor) throws SQLException {
        return findings.step(projectId, number, finding, Finding.Step.REOPENED, say.text(), actor.getName());
    }
}
