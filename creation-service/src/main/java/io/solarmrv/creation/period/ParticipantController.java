package io.solarmrv.creation.period;

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
import io.solarmrv.creation.ProjectRepository;
import io.solarmrv.creation.access.Roles;
import io.solarmrv.ledger.ContractRevertException;
import java.io.IOException;
import java.sql.SQLException;

/**
 * A project's participant account on chain: the address that submits its periods and holds its
 * credits (its members read it), and its rotation to a new key by the registry administrator when
 * the current one is feared stolen.
 */
@Controller("/projects/{projectId}/participant")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ParticipantController {
    @Serdeable
    public record Participant(String projectId, String address) {
    }

    @Serdeable
    public record Rotation(String reason) {
    }

    private final PeriodWorkflow workflow;
    private final ProjectRepository projects;

    public ParticipantController(PeriodWorkflow workflow, ProjectRepository projects) {
        this.workflow = workflow;
        this.projects = projects;
    }

    @Get
    public Participant participant(@PathVariable String projectId) throws SQLException, IOException {
        requireProject(projectId);
        return new Participant(projectId, workflow.chain().participant(projectId));
    }

    /** Moves the project to its next participant key, on chain and in the record; the answer is the new address. */
    @Post("/rotations")
    @Secured(Roles.ADMIN)
    public Participant rotate(@PathVariable String projectId, @Body Rotation rotation, Authentication actor)
            throws SQLException, IOException, InterruptedException {
        if (rotation.reason() == null || rotation.reason().isBlank() || rotation.reason().length() > 1_000) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'reason' is required (at most 1000 characters): why the key is replaced");
        }
        requireProject(projectId);
        PeriodLedger chain = workflow.chain();
        try {
            return new Participant(projectId, chain.rotateParticipant(projectId, actor.getName(), rotation.reason()));
        } catch (ContractRevertException e) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "the chain refused: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new HttpStatusException(HttpStatus.CONFLICT, e.getMessage());
        } catch (IOException e) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the chain node did not answer: " + e.getMessage());
        }
    }

    private void requireProject(String projectId) throws SQLException {
        if (!projects.exists(projectId)) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no project " + projectId);
        }
    }
}
