package io.solarmrv.creation.report;

import java.util.Locale;

/** The language of a report document: its labels and fixed texts; figures and identifiers are the same in each. */
public enum ReportLanguage {
    EN, JA;

    /** The language a {@code lang} query parameter names ({@code en}, the default when absent, or {@code ja}). */
    public static ReportLanguage parse(String lang) {
        if (lang == null || lang.equals("en")) {
            return EN;
        }
        if (lang.equals("ja")) {
            return JA;
        }
        throw new IllegalArgumentException("'lang' must be en or ja, was '" + lang + "'");
    }

    /** The code used in file names and query parameters: {@code en} or {@code ja}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
