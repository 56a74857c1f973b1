package io.solarmrv.creation.allocation;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.solarmrv.creation.access.Roles;
import java.io.IOException;
import java.sql.SQLException;

/** A project's allocation plan, and each issuance's allocations and Article 6.2 status. */
@Controller("/projects/{projectId}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class AllocationController {
    private final Allocations allocations;

    public AllocationController(Allocations allocations) {
        this.allocations = allocations;
    }

    @Put("/allocation")
    @Secured({Roles.CREATOR, Roles.ADMIN})
    public AllocationPlan setPlan(@PathVariable String projectId, @Body AllocationPlan plan, Authentication actor)
            throws SQLException, IOException {
        try {
            allocations.setPlan(projectId, plan, actor.getName());
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (IllegalStateException e) {
            throw new HttpStatusException(HttpStatus.CONFLICT, e.getMessage());
        }
        return plan;
    }

    @Get("/allocation")
    public AllocationPlan plan(@PathVariable String projectId) throws SQLException, IOException {
        return allocations.plan(projectId).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND,
                "project " + projectId + " has no allocation plan"));
    }

    @Get("/periods/{number}/issuance")
    public Allocations.Issuance issuance(@PathVariable String projectId, @PathVariable int number) throws SQLException {
        return allocations.issuance(projectId, number).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND,
                "period " + number + " of " + projectId + " has not been issued"));
    }

    /** The Article 6.2 status changes after issuance, e.g. when the host party applies the adjustment. */
    @Put("/periods/{number}/article6")
    @Secured(Roles.ADMIN)
    public Allocations.Issuance updateArticle6(@PathVariable String projectId, @PathVariable int number, @Body Article6 article6,
                                               Authentication actor) throws SQLException, IOException {
        boolean updated;
        try {
            updated = allocations.updateArticle6(projectId, number, article6, actor.getName());
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        if (!updated) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "period " + number + " of " + projectId + " has not been issued");
        }
        return issuance(projectId, number);
    }
}
