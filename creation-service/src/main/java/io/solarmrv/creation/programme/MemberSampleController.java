package io.solarmrv.creation.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.solarmrv.attestation.MemberSample;
import io.solarmrv.creation.MonitoringReport;
import io.solarmrv.creation.access.Roles;
import io.solarmrv.creation.period.MonitoringPeriod;
import io.solarmrv.creation.period.PeriodWorkflow;
import java.io.IOException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;

/**
 * The member sites of a programme's period a verifier visits or asks documents of ({@link
 * MemberSample}): drawn from the members the submitted report counts, seeded by the claim and the
 * checkpoint it rests on, so the same request always draws the same homes and anyone can redraw
 * them from the bundle.
 */
@Controller("/projects/{projectId}/periods/{number}/member-sample")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class MemberSampleController {
    private final PeriodWorkflow periods;

    public MemberSampleController(PeriodWorkflow periods) {
        this.periods = periods;
    }

    /** The draw: its seed, how many members were counted, and the sites drawn, in site order. */
    @Serdeable
    public record Drawn(String seed, int counted, List<String> members) {
    }

    /** Up to {@code size} (1-1,000, default 10) of the period's counted members. */
    @Get
    @Secured({Roles.VERIFIER, Roles.AUDITOR, Roles.ADMIN})
    public Drawn draw(@PathVariable String projectId, @PathVariable int number, @QueryValue @Nullable Integer size)
            throws SQLException, IOException {
        int wanted = size == null ? 10 : size;
        if (wanted < 1 || wanted > 1_000) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'size' must be 1 to 1000, was " + wanted);
        }
        MonitoringPeriod period = periods.find(projectId, number);
        MonitoringReport submitted = periods.storedReport(projectId, number, 1);
        List<String> counted = submitted.members().stream().filter(MonitoringReport.Member::counts).map(MonitoringReport.Member::siteId)
                .toList();
        if (counted.isEmpty()) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "period " + number + " of project " + projectId
                    + " counts no member sites: it is not a programme's period");
        }
        byte[] seed = MemberSample.seed(submitted.claim().digest(), HexFormat.of().parseHex(period.logRoot()));
        return new Drawn(HexFormat.of().formatHex(seed), counted.size(), MemberSample.draw(seed, counted, wanted));
    }
}
