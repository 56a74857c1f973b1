package io.solarmrv.ledger;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A monitoring period's claim as a report states it (project, interval, the hash of its claims, the
 * reduction and the credits), held against what the MonitoringRegistry recorded: the one rule for
 * "the chain records exactly this claim", used by the service's checklist and by {@code mrv verify}.
 * Where the claim rests in the log is checked by each caller against what it knows (the period's
 * checkpoint; one of a bundle's anchored checkpoints).
 */
public record ClaimedPeriod(String projectId, Instant from, Instant to, byte[] reportHash, long reductionKg, long credits) {
    /** What differs between the chain's record and this claim, each named; empty when the chain records exactly this claim. */
    public List<String> differencesFrom(PeriodClaim recorded) {
        List<String> differences = new ArrayList<>();
        if (!MessageDigest.isEqual(recorded.reportHash(), reportHash)) {
            differences.add("the chain's report hash is not the hash of these claims");
        }
        if (!MessageDigest.isEqual(recorded.projectId(), PeriodClient.idOf(projectId))) {
            differences.add("project differs");
        }
        if (recorded.startEpochSecond() != from.getEpochSecond() || recorded.endEpochSecond() != to.getEpochSecond()) {
            differences.add("interval differs");
        }
        if (recorded.credits() != credits || recorded.reductionKg() != reductionKg) {
            differences.add("chain states " + recorded.reductionKg() + " kg and " + recorded.credits() + " credits");
        }
        return differences;
    }
}
