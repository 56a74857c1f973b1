package io.solarmrv.attestation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * J-Credit methodology EN-R-002 (introduction of solar PV equipment), as a pure function: only PV
 * electricity used on site earns credits, never the electricity exported to the grid; PV electricity
 * stored in a battery and later used on site counts. ER = EM_BL - EM_PJ with EM_BL = EL_self x EF
 * and EM_PJ = 0 (PV consumes no fuel), where EF is the electricity emission factor of the Japanese
 * fiscal year (1 April to 31 March, Japan time) in which the electricity was used. A period that
 * spans two fiscal years is computed per fiscal year and summed.
 *
 * <p>Conservative treatment (ARCHITECTURE.md invariant 3): quality exclusions lower only the
 * quantity that raises the result (generation); export and the battery's net charge are taken in
 * full, flagged or not, because excluding them would raise it. Self-consumption never goes below
 * zero. With batteries, EL_self = generation - export - sum of each battery's (charge - discharge +
 * rated capacity), the lower bound of {@link BatteryEnergy}: grid-charged energy, losses, what is
 * left in a battery and what it held before the period never count.
 */
public final class JCreditSolarSelfConsumption {
    /** The methodology and the version of it this function follows. */
    public static final String METHODOLOGY = "J-Credit EN-R-002";
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final BigDecimal WH_PER_MWH = BigDecimal.valueOf(1_000_000);

    private JCreditSolarSelfConsumption() {
    }

    /**
     * The parameters, as data: the methodology version and the electricity emission factor per
     * fiscal year (tCO2/MWh), from the project's registration. No factor is built in.
     */
    public record Parameters(String methodologyVersion, Map<Integer, BigDecimal> emissionFactorByFiscalYear) {
        public Parameters {
            if (methodologyVersion == null || methodologyVersion.isBlank()) {
                throw new IllegalArgumentException(METHODOLOGY + ": the methodology version is required");
            }
            for (Map.Entry<Integer, BigDecimal> e : emissionFactorByFiscalYear.entrySet()) {
                if (e.getValue() == null || e.getValue().signum() < 0) {
                    throw new IllegalArgumentException(METHODOLOGY + ": emission factor for FY" + e.getKey()
                            + " must be a number >= 0, was " + e.getValue());
                }
            }
            emissionFactorByFiscalYear = Map.copyOf(new TreeMap<>(emissionFactorByFiscalYear));
        }

        BigDecimal factorFor(int fiscalYear) {
            BigDecimal factor = emissionFactorByFiscalYear.get(fiscalYear);
            if (factor == null) {
                throw new IllegalArgumentException(METHODOLOGY + ": no electricity emission factor for FY" + fiscalYear
                        + " (the parameters have " + new TreeMap<>(emissionFactorByFiscalYear).keySet() + ")");
            }
            return factor;
        }
    }

    /**
     * One fiscal year's share of a period at one site, from meter register deltas in Wh.
     *
     * @param fiscalYear   Japanese fiscal year (FY2026 = April 2026 to March 2027)
     * @param generationWh PV generation credited (after quality exclusions)
     * @param exportWh     exported to the grid (site meter's export register), in full
     * @param batteries    the site's storage batteries (none without one)
     * @param batteryCorrectionWh the batteries' calibration corrections ({@link
     *                     io.solarmrv.attestation.methodology.MeterCalibration}): a battery meter no
     *                     certificate covered on some day of the period counts its charge as that much
     *                     higher and its discharge as that much lower, so its whole throughput times the
     *                     maximum permissible error is withheld too
     */
    public record FiscalYearEnergy(int fiscalYear, long generationWh, long exportWh, List<BatteryEnergy> batteries,
                                   long batteryCorrectionWh) {
        public FiscalYearEnergy {
            if (generationWh < 0 || exportWh < 0 || batteryCorrectionWh < 0) {
                throw new IllegalArgumentException(METHODOLOGY + ": energies must not be negative: " + generationWh + ", "
                        + exportWh + ", " + batteryCorrectionWh + " Wh");
            }
            batteries = List.copyOf(batteries);
        }

        /** A share at a site whose batteries were calibrated throughout the period. */
        public FiscalYearEnergy(int fiscalYear, long generationWh, long exportWh, List<BatteryEnergy> batteries) {
            this(fiscalYear, generationWh, exportWh, batteries, 0);
        }

        /** A share at a site without a battery. */
        public FiscalYearEnergy(int fiscalYear, long generationWh, long exportWh) {
            this(fiscalYear, generationWh, exportWh, List.of());
        }
    }

    /** The Japanese fiscal year an instant falls in (April to March, Japan time). */
    public static int fiscalYear(Instant instant) {
        LocalDate date = instant.atZone(JAPAN).toLocalDate();
        return date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1;
    }

    /**
     * A site meter's export over a period, from its cumulative export register, measured outward so
     * that it is never understated (export lowers the result): from the last reading at or before the
     * period's start to the first reading at or after its end. Both readings must exist; a register
     * that went down (meter replaced or rolled back) cannot bound the export and is refused.
     *
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    public static long exportWh(String meter, Long registerAtOrBeforeStartWh, Long registerAtOrAfterEndWh) {
        if (registerAtOrBeforeStartWh == null || registerAtOrAfterEndWh == null) {
            throw new IllegalArgumentException(METHODOLOGY + ": site meter " + meter + " needs an export reading at or before the"
                    + " period's start and one at or after its end (export is measured outward, never understated); "
                    + (registerAtOrBeforeStartWh == null ? "none at or before the start" : "none at or after the end yet"));
        }
        if (registerAtOrAfterEndWh < registerAtOrBeforeStartWh) {
            throw new IllegalArgumentException(METHODOLOGY + ": the export register of site meter " + meter + " went down from "
                    + registerAtOrBeforeStartWh + " to " + registerAtOrAfterEndWh + " Wh (meter replaced?); the export cannot be bounded");
        }
        return registerAtOrAfterEndWh - registerAtOrBeforeStartWh;
    }

    /** The part of a period that lies in one Japanese fiscal year, [from, to). */
    public record FiscalYearSpan(int fiscalYear, Instant from, Instant to) {
    }

    /**
     * [from, to) cut at each 1 April, 00:00 Japan time, inside it: one span per fiscal year, in order
     * (a single span if the period lies within one year). Each is reported at its own year's factor.
     */
    public static List<FiscalYearSpan> fiscalYearSpans(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the period [" + from + ", " + to + ") is empty");
        }
        List<FiscalYearSpan> spans = new java.util.ArrayList<>();
        Instant start = from;
        while (start.isBefore(to)) {
            int year = fiscalYear(start);
            Instant nextYear = LocalDate.of(year + 1, 4, 1).atStartOfDay(JAPAN).toInstant();
            Instant end = nextYear.isBefore(to) ? nextYear : to;
            spans.add(new FiscalYearSpan(year, start, end));
            start = end;
        }
        return spans;
    }

    /** Whether [from, to) lies within one Japanese fiscal year: EN-R-002 periods here do, so one emission factor applies. */
    public static boolean withinOneFiscalYear(Instant from, Instant to) {
        return fiscalYear(from) == fiscalYear(to.minusMillis(1));
    }

    /**
     * EL_self in Wh: PV electricity used on site, never below zero (each battery's withheld energy and
     * the batteries' calibration corrections subtracted).
     */
    public static long selfConsumedWh(FiscalYearEnergy e) {
        long withheld = e.batteries().stream().mapToLong(BatteryEnergy::withheldWh).sum();
        return Math.max(0, e.generationWh() - e.exportWh() - withheld - e.batteryCorrectionWh());
    }

    /** ER in tCO2, exact: the sum over fiscal years of EL_self x EF of that year. */
    public static BigDecimal tonnes(List<FiscalYearEnergy> shares, Parameters parameters) {
        BigDecimal total = BigDecimal.ZERO;
        for (FiscalYearEnergy share : shares) {
            total = total.add(BigDecimal.valueOf(selfConsumedWh(share)).multiply(parameters.factorFor(share.fiscalYear()))
                    .divide(WH_PER_MWH));
        }
        return total.stripTrailingZeros();
    }
}
