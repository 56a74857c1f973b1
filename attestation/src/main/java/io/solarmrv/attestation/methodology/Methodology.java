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
 */
public record Methodology(String scheme, String id, String version, String title, Formula formula, String source,
                          LocalDate approvedOn) {

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

    /** How a project names it: {@code <id> Ver<version>}, e.g. {@code TH_AM001 Ver1.0}. */
    public String reference() {
        return id + " Ver" + version;
    }
}
