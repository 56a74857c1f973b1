package io.solarmrv.creation.cycle;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;

/**
 * The crediting period a JCM project's registration states (JCM Project Cycle Procedure: the
 * registered PDD fixes the crediting period; where the third-party entity validates and verifies
 * together, monitoring may begin before registration). Days are UTC, as the JCM periods are.
 *
 * @param from                       its first day; null: the registration date
 * @param until                      the first day after it; null: no end recorded
 * @param validatedWithVerification whether validation and verification ran together, the only case
 *                                   where {@code from} may precede the registration
 */
@Serdeable
public record CreditingTerms(@Nullable LocalDate from, @Nullable LocalDate until, boolean validatedWithVerification) {
    /**
     * Checks the terms against the registration date.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    void check(LocalDate registeredOn) {
        LocalDate start = from == null ? registeredOn : from;
        if (until != null && !until.isAfter(start)) {
            throw new IllegalArgumentException("'creditingUntil' (" + until + ") must be after the crediting period's first day ("
                    + start + ")");
        }
        if (start.isBefore(registeredOn) && !validatedWithVerification) {
            throw new IllegalArgumentException("'creditingFrom' " + start + " is before the registration (" + registeredOn + "): JCM"
                    + " lets monitoring begin before registration only where the third-party entity validated and verified together;"
                    + " state 'validatedWithVerification': true if it did");
        }
    }
}
