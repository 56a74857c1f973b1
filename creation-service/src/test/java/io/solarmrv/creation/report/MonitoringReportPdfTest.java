package io.solarmrv.creation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The completeness denominator: the breakdown intervals a period spans, counted as the report's breakdown groups hours. */
class MonitoringReportPdfTest {
    private static long intervals(String from, String to, long seconds) {
        return MonitoringReportPdf.intervalsIn(Instant.parse(from), Instant.parse(to), seconds);
    }

    @Test
    void hoursStartingInsideThePeriodAreCounted() {
        assertEquals(2, intervals("2026-07-01T00:00:00Z", "2026-07-01T02:00:00Z", 3_600));
        assertEquals(1, intervals("2026-07-01T00:30:00Z", "2026-07-01T02:00:00Z", 3_600), "the hour starting 00:00 is before 'from'");
        assertEquals(2, intervals("2026-07-01T00:00:00Z", "2026-07-01T01:00:00.001Z", 3_600), "an hour starting at 01:00 is inside");
        assertEquals(0, intervals("2026-07-01T00:10:00Z", "2026-07-01T00:50:00Z", 3_600), "no hour starts inside");
    }

    @Test
    void daysAreTheUtcDaysThoseHoursFallIn() {
        assertEquals(7, intervals("2026-01-01T00:00:00Z", "2026-01-08T00:00:00Z", 86_400));
        assertEquals(2, intervals("2026-01-01T12:00:00Z", "2026-01-02T12:00:00Z", 86_400), "half of each of two days");
        assertEquals(365, intervals("2025-04-01T00:00:00Z", "2026-04-01T00:00:00Z", 86_400));
    }
}
