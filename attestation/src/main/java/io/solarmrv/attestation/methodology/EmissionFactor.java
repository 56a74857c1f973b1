package io.solarmrv.attestation.methodology;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One emission factor a project applies, as dated and sourced data: its value, the dates it is
 * effective for, and the document it is taken from. Dates are calendar dates in the host country
 * ({@link Methodology#zone()}); {@code effectiveUntil} is exclusive, and null while no later value
 * replaces it. A J-Credit factor is a fiscal year's: 1 April to the next 1 April.
 *
 * @param tco2PerMwh     the factor, tCO2/MWh, at least 0
 * @param effectiveFrom  the first day it applies
 * @param effectiveUntil the first day it no longer applies; null: open-ended
 * @param source         the document it is taken from (title, table or page, date), one line, required:
 *                       a verifier checks the value against it
 */
public record EmissionFactor(BigDecimal tco2PerMwh, LocalDate effectiveFrom, LocalDate effectiveUntil, String source) {
    /** The longest source a factor may name; it is one line of the claim on chain. */
    public static final int MAX_SOURCE_LENGTH = 300;

    /** @throws IllegalArgumentException naming the field that is missing or wrong */
    public EmissionFactor {
        if (tco2PerMwh == null || tco2PerMwh.signum() < 0) {
            throw new IllegalArgumentException("'tco2PerMwh' must be a number >= 0, was " + tco2PerMwh);
        }
        if (effectiveFrom == null) {
            throw new IllegalArgumentException("'effectiveFrom' is required: the first day the factor applies");
        }
        if (effectiveUntil != null && !effectiveUntil.isAfter(effectiveFrom)) {
            throw new IllegalArgumentException("'effectiveUntil' (" + effectiveUntil + ") must be after 'effectiveFrom' ("
                    + effectiveFrom + ")");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("'source' is required: the document the factor " + tco2PerMwh.toPlainString()
                    + " is taken from, so a verifier can check it");
        }
        if (source.length() > MAX_SOURCE_LENGTH || source.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("'source' must be one line of at most " + MAX_SOURCE_LENGTH + " characters");
        }
    }

    /** Whether it applies on every day from {@code first} to {@code last}, both inclusive. */
    public boolean covers(LocalDate first, LocalDate last) {
        return !first.isBefore(effectiveFrom) && (effectiveUntil == null || last.isBefore(effectiveUntil));
    }

    /** Whether some day lies in both its range and {@code other}'s. */
    public boolean overlaps(EmissionFactor other) {
        boolean startsBeforeOtherEnds = other.effectiveUntil == null || effectiveFrom.isBefore(other.effectiveUntil);
        boolean otherStartsBeforeThisEnds = effectiveUntil == null || other.effectiveFrom.isBefore(effectiveUntil);
        return startsBeforeOtherEnds && otherStartsBeforeThisEnds;
    }

    /** Its effective dates as the claim states them: {@code 2026-04-01 2027-04-01}, or {@code 2026-04-01 open}. */
    public String effectiveDates() {
        return effectiveFrom + " " + (effectiveUntil == null ? "open" : effectiveUntil.toString());
    }
}
