package io.solarmrv.creation.period;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A project's monitoring period [from, to): its state, every version of its report (the last is
 * current), the verifier's decision if any, where it stands on chain (period id, serials), and the
 * anchored log checkpoint (size, root hex) its claim rests on.
 */
@Serdeable
public record MonitoringPeriod(String projectId, int number, Instant from, Instant to, PeriodState state,
                               List<ReportVersion> versions, @Nullable Decision decision,
                               @Nullable Long chainPeriodId, @Nullable Long firstSerial, @Nullable Long lastSerial,
                               long logSize, String logRoot) {

    /** A verifier's decision on one report version, with the statement the signature covers. */
    @Serdeable
    public record Decision(int version, boolean approve, String statement, String decidedBy, Instant decidedAt) {
    }

    public ReportVersion latest() {
        return versions.get(versions.size() - 1);
    }
}
