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
 *   <li>JCM: from registration (days in UTC); the end is the partner country's and is not recorded
 *       yet, so none is applied. (Monitoring before registration, which JCM allows where validation
 *       and verification run together, is not supported.)</li>
 * </ul>
 *
 * @param end exclusive; null where none is known
 */
public record CreditingPeriod(Instant start, Instant end) {
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    /** The last day the J-Credit scheme's current term credits (実施要綱 3.1.3). */
    static final LocalDate J_CREDIT_LAST_DAY = LocalDate.of(2031, 3, 31);
    static final int J_CREDIT_YEARS = 8;

    public static CreditingPeriod of(String scheme, LocalDate registeredOn) {
        if ("J-Credit".equals(scheme)) {
            LocalDate endDay = registeredOn.plusYears(J_CREDIT_YEARS);
            LocalDate schemeEnd = J_CREDIT_LAST_DAY.plusDays(1);
            return new CreditingPeriod(registeredOn.atStartOfDay(JAPAN).toInstant(),
                    (endDay.isBefore(schemeEnd) ? endDay : schemeEnd).atStartOfDay(JAPAN).toInstant());
        }
        return new CreditingPeriod(registeredOn.atStartOfDay(ZoneOffset.UTC).toInstant(), null);
    }

    /** Why a period [from, to) falls outside, or empty when it lies within. */
    public Optional<String> refusal(Instant from, Instant to) {
        if (from.isBefore(start)) {
            return Optional.of("monitoring periods count only from registration (" + start + "); the period starts " + from);
        }
        if (end != null && to.isAfter(end)) {
            return Optional.of("the crediting period ends at " + end + " (J-Credit: 8 years from registration, at the latest"
                    + " 2031-03-31, 実施要綱 3.1.3); the period ends " + to + ": end it at " + end + " at the latest");
        }
        return Optional.empty();
    }
}
