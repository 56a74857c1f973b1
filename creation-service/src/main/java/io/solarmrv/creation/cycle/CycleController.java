package io.solarmrv.creation.cycle;

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
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * A project's cycle over HTTP. Anyone signed in may try to record a stage; whether their role may
 * record that stage (creators the idea note, methodology, design document or plan, verifiers the
 * validation, the registry administrator the registration) is checked per stage.
 */
@Controller("/projects/{projectId}/cycle")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class CycleController {
    /**
     * A stage to record. A JCM REGISTRATION may add the crediting period the Joint Committee
     * registered: {@code creditingFrom} (default: the registration date; earlier only with {@code
     * validatedWithVerification}) and {@code creditingUntil}, the first day after it.
     */
    @Serdeable
    public record Record(String stage, String documentName, String documentSha256, LocalDate effectiveOn,
                         @Nullable LocalDate creditingFrom, @Nullable LocalDate creditingUntil,
                         @Nullable Boolean validatedWithVerification) {
        @Nullable
        CreditingTerms crediting() {
            if (creditingFrom == null && creditingUntil == null && validatedWithVerification == null) {
                return null;
            }
            return new CreditingTerms(creditingFrom, creditingUntil, Boolean.TRUE.equals(validatedWithVerification));
        }
    }

    private final ProjectCycle cycle;

    public CycleController(ProjectCycle cycle) {
        this.cycle = cycle;
    }

    @Get
    public ProjectCycle.Status status(@PathVariable String projectId) throws SQLException {
        return cycle.status(projectId).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no project " + projectId));
    }

    @Post
    public HttpResponse<ProjectCycle.Status> record(@PathVariable String projectId, @Body Record record, Authentication actor)
            throws SQLException {
        Stage stage;
        try {
            stage = Stage.valueOf(String.valueOf(record.stage()));
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'stage' must be one of PIN, METHODOLOGY, PDD, PLAN, VALIDATION,"
                    + " REGISTRATION, was '" + record.stage() + "'");
        }
        if (actor.getRoles().stream().noneMatch(stage.recordedBy()::contains)) {
            throw new HttpStatusException(HttpStatus.FORBIDDEN, "'" + actor.getName() + "' (role " + String.join(",", actor.getRoles())
                    + ") may not record " + stage + "; it is recorded by " + String.join(" or ", stage.recordedBy()));
        }
        status(projectId);
        try {
            return HttpResponse.created(cycle.record(projectId, stage, record.documentName(), record.documentSha256(),
                    record.effectiveOn(), record.crediting(), actor.getName()));
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (IllegalStateException e) {
            throw new HttpStatusException(HttpStatus.CONFLICT, e.getMessage());
        }
    }
}
