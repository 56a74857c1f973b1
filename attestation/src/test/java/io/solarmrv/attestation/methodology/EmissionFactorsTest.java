package io.solarmrv.attestation.methodology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which emission factor a period is computed with, and which factors a project may register. */
class EmissionFactorsTest {
    private static final LocalDate APRIL_2026 = LocalDate.of(2026, 4, 1);
    private static final EmissionFactor FY2026 = new EmissionFactor(new BigDecimal("0.45"), APRIL_2026, APRIL_2026.plusYears(1),
            "FY2026 electricity factor (test)");
    private static final EmissionFactor FY2027 = new EmissionFactor(new BigDecimal("0.40"), APRIL_2026.plusYears(1),
            APRIL_2026.plusYears(2), "FY2027 electricity factor (test)");

    @Test
    void aPeriodIsComputedWithTheFactorEffectiveOnEveryOneOfItsDays() {
        EmissionFactors factors = new EmissionFactors(List.of(FY2027, FY2026));
        assertEquals(FY2026, factors.covering(APRIL_2026, LocalDate.of(2027, 3, 31)));
        assertEquals(FY2027, factors.covering(LocalDate.of(2027, 4, 1), LocalDate.of(2027, 4, 1)));
        assertEquals(List.of(FY2026, FY2027), factors.values(), "kept in date order");
    }

    @Test
    void aPeriodAcrossAChangeOfFactorOrBeforeTheFirstIsRefusedNamingTheFactors() {
        EmissionFactors factors = new EmissionFactors(List.of(FY2026, FY2027));
        IllegalArgumentException across = assertThrows(IllegalArgumentException.class,
                () -> factors.covering(LocalDate.of(2027, 3, 31), LocalDate.of(2027, 4, 1)));
        assertTrue(across.getMessage().startsWith("no one emission factor is effective from 2027-03-31 to 2027-04-01 (the project has"
                + " 0.45 for 2026-04-01 2027-04-01, 0.40 for 2027-04-01 2028-04-01)"), across.getMessage());
        assertThrows(IllegalArgumentException.class, () -> factors.covering(LocalDate.of(2026, 3, 31), LocalDate.of(2026, 3, 31)));
        assertThrows(IllegalArgumentException.class, () -> factors.covering(LocalDate.of(2028, 4, 1), LocalDate.of(2028, 4, 2)));
    }

    @Test
    void anOpenEndedFactorCoversEveryDayFromItsStart() {
        EmissionFactor open = new EmissionFactor(new BigDecimal("0.533"), LocalDate.of(2016, 8, 23), null, "test");
        assertTrue(open.covers(LocalDate.of(2016, 8, 23), LocalDate.of(2040, 1, 1)));
        assertEquals("2016-08-23 open", open.effectiveDates());
    }

    @Test
    void twoFactorsEffectiveOnTheSameDayAreRefused() {
        EmissionFactor open = new EmissionFactor(new BigDecimal("0.5"), LocalDate.of(2027, 1, 1), null, "test");
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> new EmissionFactors(List.of(FY2026, open)));
        assertTrue(overlap.getMessage().startsWith("two emission factors apply on 2027-01-01"), overlap.getMessage());
    }

    @Test
    void aFactorNeedsItsSourceAndDatesInOrder() {
        IllegalArgumentException unsourced = assertThrows(IllegalArgumentException.class,
                () -> new EmissionFactor(new BigDecimal("0.5"), APRIL_2026, null, " "));
        assertTrue(unsourced.getMessage().startsWith("'source' is required"), unsourced.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EmissionFactor(new BigDecimal("0.5"), APRIL_2026, APRIL_2026, "x"));
        assertThrows(IllegalArgumentException.class, () -> new EmissionFactor(new BigDecimal("-0.1"), APRIL_2026, null, "x"));
        assertThrows(IllegalArgumentException.class, () -> new EmissionFactor(new BigDecimal("0.5"), APRIL_2026, null, "two\nlines"));
    }

    @Test
    void enR002AppliesOnlyAFiscalYearsFactorAndJcmAnyDates() {
        Methodology enR002 = ((Methodologies.Resolution.Supported) Methodologies.resolve("EN-R-002 Ver3.0")).methodology();
        Methodology th001 = ((Methodologies.Resolution.Supported) Methodologies.resolve("TH_AM001 Ver1.0")).methodology();
        EmissionFactor calendarYear = new EmissionFactor(new BigDecimal("0.45"), LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), "x");
        assertTrue(enR002.factorRefusal(FY2026).isEmpty());
        assertTrue(enR002.factorRefusal(calendarYear).orElseThrow().contains("from 1 April to the next 1 April"));
        assertTrue(th001.factorRefusal(calendarYear).isEmpty());
        assertEquals("Asia/Tokyo", enR002.zone().getId());
        assertEquals("Asia/Bangkok", th001.zone().getId());
    }
}
