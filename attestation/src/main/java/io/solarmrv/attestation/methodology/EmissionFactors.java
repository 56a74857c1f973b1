package io.solarmrv.attestation.methodology;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A project's emission factors, no two effective on the same day, in date order; and the rule that
 * picks the one a period is computed with.
 */
public record EmissionFactors(List<EmissionFactor> values) {

    /** @throws IllegalArgumentException naming two factors effective on the same day */
    public EmissionFactors {
        values = values.stream().sorted(Comparator.comparing(EmissionFactor::effectiveFrom)).toList();
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i - 1).overlaps(values.get(i))) {
                throw new IllegalArgumentException("two emission factors apply on " + values.get(i).effectiveFrom() + " ("
                        + values.get(i - 1).effectiveDates() + " and " + values.get(i).effectiveDates()
                        + "): each day has at most one");
            }
        }
    }

    /**
     * The one factor effective on every day from {@code first} to {@code last} (both inclusive, the
     * period's dates in the host country). A period with no such factor is refused, never computed
     * with a neighbouring year's or a blend: split it where the factor changes.
     *
     * @throws IllegalArgumentException naming the period and the factors there are
     */
    public EmissionFactor covering(LocalDate first, LocalDate last) {
        for (EmissionFactor factor : values) {
            if (factor.covers(first, last)) {
                return factor;
            }
        }
        throw new IllegalArgumentException("no one emission factor is effective from " + first + " to " + last + " (the project has "
                + (values.isEmpty() ? "none" : values.stream().map(f -> f.tco2PerMwh().toPlainString() + " for " + f.effectiveDates())
                .collect(Collectors.joining(", "))) + "): add the factor for those dates, or split the period where the factor changes");
    }
}
