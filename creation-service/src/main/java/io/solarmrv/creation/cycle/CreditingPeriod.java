package io.solarmrv.creation.cycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The span a project's monitoring periods may cover, from its registration.
 *
 * <ul>
 *   <li>J-Credit (実施要綱 3.1.3): from registration for 8 years, and never past the scheme's end,
 *       2031-03-31; days are Japan's (a period ends at 00:00 JST of the day after).</li>
 *   <li>JCM (days in UTC): the crediting period the registration records ({@link CreditingTerms}):
 *       from its first day, which precedes the registration only where the third-party entity
 *       validated and verified together (JCM Project Cycle Procedure), to the first day after it;
 *       without recorded terms, from the registration, with no end.</li>
 * </ul>
 *
 * @param end       exclusive; null where none is known
 * @param startRule what the start is, for a refusal
 * @param endRule   where the end comes from, for a refusal; null with no end
 */
public record CreditingPeriod(Instant start, Instant end, String startRule, String endRule) {
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    /** The last day the J-Credit scheme's current term credits (実施要綱 3.1.3). */
    static final LocalDate J_CREDIT_LAST_DAY = LocalDate.of(2031, 3, 31);
    static final int J_CREDIT_YEARS = 8;

    public static CreditingPeriod of(String scheme, LocalDate registeredOn) {
        return of(scheme, registeredOn, null);
    }

    /** The crediting period of a registration, with the JCM terms it records (null: none recorded). */
    public static CreditingPeriod of(CycleEntry registration, String scheme) {
        return of(scheme, registration.effectiveOn(), registration.crediting());
    }

    private static CreditingPeriod of(String scheme, LocalDate registeredOn, CreditingTerms terms) {
        if ("J-Credit".equals(scheme)) {
            LocalDate endDay = registeredOn.plusYears(J_CREDIT_YEARS);
            LocalDate schemeEnd = J_CREDIT_LAST_DAY.plusDays(1);
            return new CreditingPeriod(registeredOn.atStartOfDay(JAPAN).toInstant(),
                    (endDay.isBefore(schemeEnd) ? endDay : schemeEnd).atStartOfDay(JAPAN).toInstant(), "registration",
                    "J-Credit: 8 years from registration, at the latest 2031-03-31, 実施要綱 3.1.3");
        }
        if (terms == null) {
            return new CreditingPeriod(registeredOn.atStartOfDay(ZoneOffset.UTC).toInstant(), null, "registration", null);
        }
        LocalDate from = terms.from() == null ? registeredOn : terms.from();
        return new CreditingPeriod(from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                terms.until() == null ? null : terms.until().atStartOfDay(ZoneOffset.UTC).toInstant(),
                from.isBefore(registeredOn) ? "the start of the registered crediting period (before registration: validated with verification)"
                        : terms.from() == null ? "registration" : "the start of the registered crediting period",
                "JCM: the crediting period the registration records");
    }

    /** Why a period [from, to) falls outside, or empty when it lies within. */
    public Optional<String> refusal(Instant from, Instant to) {
        if (from.isBefore(start)) {
            return Optional.of("monitoring periods count only from " + startRule + " (" + start + "); the period starts " + from);
        }
        if (end != null && to.isAfter(end)) {
            return Optional.of("the crediting period ends at " + end + " (" + endRule + "); the period ends " + to + ": end it at "
                    + end + " at the latest");
        }
        return Optional.empty();
    }
}
