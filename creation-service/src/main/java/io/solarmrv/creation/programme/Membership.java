package io.solarmrv.creation.programme;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Whether a member site's readings count in a monitoring period [from, to), as a pure rule. A member
 * counts only for a period it was crediting throughout: from the later of joining and its crediting
 * start, at the start of that day in the project's calendar, until it left. A member that joins,
 * starts crediting or leaves inside the period is left out of the whole period (its energy is not
 * split at the day it joined, so nothing before its consent or after it left is ever counted); the
 * report names it and why. (J-Credit monitoring and calculation rules, programme-type projects:
 * each member's own crediting start and leaving date; DOMAIN.md.)
 */
public final class Membership {
    private Membership() {
    }

    /** The outcome for one member in one period. */
    public sealed interface Outcome {
        /** Crediting throughout the period: its devices' readings count. */
        record Counts() implements Outcome {
        }

        /** Not crediting throughout: left out of the period, for {@code reason}. */
        record LeftOut(String reason) implements Outcome {
        }
    }

    public static Outcome in(MemberSite member, Instant from, Instant to, ZoneId zone) {
        java.time.LocalDate start = member.creditingStartOn().isAfter(member.joinedOn()) ? member.creditingStartOn() : member.joinedOn();
        Instant crediting = start.atStartOfDay(zone).toInstant();
        if (crediting.isAfter(from)) {
            return new Outcome.LeftOut("crediting starts on " + start + " (" + zone + "), after the period's start: a member counts"
                    + " only in periods it credits throughout");
        }
        if (member.leftOn() != null && member.leftOn().atStartOfDay(zone).toInstant().isBefore(to)) {
            return new Outcome.LeftOut("left on " + member.leftOn() + " (" + zone + "), before the period's end: a member counts only"
                    + " in periods it credits throughout");
        }
        return new Outcome.Counts();
    }
}
