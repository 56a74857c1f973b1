package io.solarmrv.attestation.methodology;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A meter's accuracy class and the days its calibration certificates cover, and the conservative
 * correction for the days none covers.
 *
 * <p>The rule (JCM Guidelines for Developing PDD and Monitoring Report, "Accuracy level and
 * calibration"; CDM practice for delayed calibration, which the JCM guideline follows): values a
 * meter measured while no valid calibration covered it are corrected by the meter's maximum
 * permissible error, in the direction that lowers the reductions. The maximum permissible error is
 * taken as the class index in percent (IEC 62053-21:2020 and 62053-22:2020, the percentage error
 * limit of classes 2, 1, 0.5S, 0.2S, 0.1S at reference conditions). A generation meter's energy
 * measured on uncovered days is lowered by it; a site meter's export is raised by it.
 *
 * <p>A certificate covers the days from {@code calibratedOn} up to, not including, {@code
 * validUntil}, in the host country's calendar ({@link Methodology#zone()}).
 *
 * @param accuracyClass the meter's class as its certificate states it: {@code 1}, {@code 0.5S}, {@code 0.2S}
 * @param certificates  the certificates recorded for the meter, any order
 */
public record MeterCalibration(String accuracyClass, List<Certificate> certificates) {
    /** A calibration certificate's identity and the days it covers. */
    public record Certificate(String certificateId, LocalDate calibratedOn, LocalDate validUntil) {
        public Certificate {
            if (calibratedOn == null || validUntil == null || !validUntil.isAfter(calibratedOn)) {
                throw new IllegalArgumentException("certificate " + certificateId + ": validUntil must be after calibratedOn");
            }
        }

        boolean covers(LocalDate day) {
            return !day.isBefore(calibratedOn) && day.isBefore(validUntil);
        }
    }

    /** Instants [from, to): a run of days no certificate covers, clipped to the period. */
    public record Span(Instant from, Instant to) {
        /** As the claim states it: {@code 2026-06-01T00:00:00Z/2026-06-03T00:00:00Z}. */
        @Override
        public String toString() {
            return from + "/" + to;
        }

        public static Span parse(String text) {
            int slash = text.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("a span is <from>/<to>, was '" + text + "'");
            }
            try {
                return new Span(Instant.parse(text.substring(0, slash)), Instant.parse(text.substring(slash + 1)));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("a span is two ISO-8601 instants <from>/<to>, was '" + text + "'");
            }
        }
    }

    public MeterCalibration {
        if (accuracyClass == null || !accuracyClass.matches("[0-9]+(\\.[0-9]+)?S?")) {
            throw new IllegalArgumentException("an accuracy class is a number, optionally with S (1, 0.5S, 0.2S), was '"
                    + accuracyClass + "'");
        }
        certificates = List.copyOf(certificates);
    }

    /** The maximum permissible error, percent: the class index (IEC 62053-21/-22). */
    public BigDecimal maxPermissibleErrorPercent() {
        return new BigDecimal(accuracyClass.endsWith("S") ? accuracyClass.substring(0, accuracyClass.length() - 1) : accuracyClass);
    }

    /**
     * The runs of days of [from, to) that no certificate covers, in {@code zone}'s calendar, each
     * clipped to the period; empty when every day is covered.
     */
    public List<Span> uncovered(Instant from, Instant to, ZoneId zone) {
        List<Span> spans = new ArrayList<>();
        LocalDate last = to.minusNanos(1).atZone(zone).toLocalDate();
        Instant runStart = null;
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            LocalDate d = day;
            boolean covered = certificates.stream().anyMatch(c -> c.covers(d));
            Instant dayStart = max(from, day.atStartOfDay(zone).toInstant());
            if (!covered && runStart == null) {
                runStart = dayStart;
            } else if (covered && runStart != null) {
                spans.add(new Span(runStart, dayStart));
                runStart = null;
            }
        }
        if (runStart != null) {
            spans.add(new Span(runStart, to));
        }
        return spans;
    }

    /**
     * The correction for energy measured while uncalibrated: the maximum permissible error of it,
     * rounded up to the next Wh (so the correction never understates).
     */
    public long correctionWh(long uncalibratedEnergyWh) {
        return BigDecimal.valueOf(uncalibratedEnergyWh).multiply(maxPermissibleErrorPercent())
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).longValueExact();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
