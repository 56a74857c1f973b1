package io.solarmrv.attestation.methodology;

import java.time.LocalDate;

/**
 * One version of an approved methodology that this code computes, and the document it follows.
 *
 * @param scheme     {@code JCM} or {@code J-Credit}
 * @param id         the methodology number, e.g. {@code TH_AM001} or {@code EN-R-002}
 * @param version    its version, e.g. {@code 1.0}
 * @param title      its title as published
 * @param formula    how its emission reductions are computed from signed readings
 * @param source     where the approved text is published
 * @param approvedOn the date that version was approved, where the source gives it (null otherwise)
 * @param country    the host country it was approved for, ISO 3166-1 alpha-2: a JCM methodology is
 *                   approved by one partner country's Joint Committee ({@code TH_AM001}: Thailand);
 *                   J-Credit is Japan's
 */
public record Methodology(String scheme, String id, String version, String title, Formula formula, String source,
                          LocalDate approvedOn, String country) {

    /** The computations this code implements; a methodology is computed by its own, never another's. */
    public enum Formula {
        /**
         * JCM solar PV: RE = EG x EF (the AC output of the PV system(s) times the conservative emission
         * factor of the displaced grid and/or captive electricity), PE = 0, ER = RE - PE.
         */
        PV_OUTPUT,
        /**
         * J-Credit EN-R-002: only PV electricity used on site counts (generation minus the site meters'
         * export), at the electricity emission factor of the fiscal year in which it was used.
         */
        SELF_CONSUMED_PV
    }

    /**
     * The host country a project of this methodology is in, as its ISO 3166-1 alpha-2 code, from what
     * the project gave: the code or the English name ({@code TH}, {@code Thailand}), or nothing (then
     * the methodology's). A methodology approved for one country computes with that country's
     * factors and conditions, so a project elsewhere is refused, naming both.
     *
     * @throws IllegalArgumentException naming the mismatch
     */
    public String hostCountry(String given) {
        if (given == null || given.isBlank()) {
            return country;
        }
        String name = countryName(country);
        String stripped = given.strip();
        if (stripped.equalsIgnoreCase(country) || stripped.equalsIgnoreCase(name)) {
            return country;
        }
        throw new IllegalArgumentException(reference() + " is approved for " + name + " (" + country + "), and the project's"
                + " host country is '" + given + "': a methodology computes only for the country that approved it");
    }

    private static String countryName(String code) {
        return new java.util.Locale.Builder().setRegion(code).build().getDisplayCountry(java.util.Locale.ENGLISH);
    }

    /**
     * The time zone of the host country's calendar: a period's dates, and the dates an emission
     * factor is effective for, are read in it (J-Credit's fiscal year turns at 00:00 JST on 1 April).
     */
    public java.time.ZoneId zone() {
        return java.time.ZoneId.of(switch (country) {
            case "TH" -> "Asia/Bangkok";
            case "MV" -> "Indian/Maldives";
            case "KE" -> "Africa/Nairobi";
            case "JP" -> "Asia/Tokyo";
            default -> throw new IllegalStateException("no time zone recorded for host country " + country);
        });
    }

    /** The first and last calendar day, in the host country, of the period [from, to). */
    public record PeriodDays(LocalDate first, LocalDate last) {
    }

    /** The days of [from, to) in the host country's calendar ({@link #zone()}): the days an emission factor must cover. */
    public PeriodDays periodDays(java.time.Instant from, java.time.Instant to) {
        java.time.ZoneId zone = zone();
        return new PeriodDays(from.atZone(zone).toLocalDate(), to.minusNanos(1).atZone(zone).toLocalDate());
    }

    /**
     * Why this methodology cannot apply {@code factor}, or empty if it can. EN-R-002 applies the
     * factor of the fiscal year in which the electricity was used (モニタリング・算定規程 2.4.1), so
     * each of its factors is effective for exactly one fiscal year, 1 April to the next 1 April.
     * A JCM methodology fixes its factor ex ante; any dates serve.
     */
    public java.util.Optional<String> factorRefusal(EmissionFactor factor) {
        if (formula != Formula.SELF_CONSUMED_PV) {
            return java.util.Optional.empty();
        }
        LocalDate from = factor.effectiveFrom();
        boolean fiscalYear = from.getMonthValue() == 4 && from.getDayOfMonth() == 1
                && from.plusYears(1).equals(factor.effectiveUntil());
        return fiscalYear ? java.util.Optional.empty() : java.util.Optional.of(reference() + " applies each fiscal year's factor,"
                + " so a factor is effective from 1 April to the next 1 April (e.g. " + from.getYear() + "-04-01 to "
                + (from.getYear() + 1) + "-04-01); " + factor.tco2PerMwh().toPlainString() + " is given for " + factor.effectiveDates());
    }

    /** How a project names it: {@code <id> Ver<version>}, e.g. {@code TH_AM001 Ver1.0}. */
    public String reference() {
        return id + " Ver" + version;
    }
}
