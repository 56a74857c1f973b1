package io.solarmrv.attestation.methodology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeterCalibrationTest {
    private static final Instant FROM = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-07-01T00:00:00Z");

    private static MeterCalibration.Certificate certificate(String from, String until) {
        return new MeterCalibration.Certificate("C-" + from, LocalDate.parse(from), LocalDate.parse(until));
    }

    @Test
    void theMaximumPermissibleErrorIsTheClassIndexInPercent() {
        assertEquals(new BigDecimal("1"), new MeterCalibration("1", List.of()).maxPermissibleErrorPercent());
        assertEquals(new BigDecimal("0.5"), new MeterCalibration("0.5S", List.of()).maxPermissibleErrorPercent());
        assertEquals(new BigDecimal("0.2"), new MeterCalibration("0.2S", List.of()).maxPermissibleErrorPercent());
        assertThrows(IllegalArgumentException.class, () -> new MeterCalibration("A", List.of()));
    }

    @Test
    void aCertificateOverTheWholePeriodLeavesNothingUncovered() {
        MeterCalibration meter = new MeterCalibration("1", List.of(certificate("2026-01-10", "2027-01-10")));
        assertEquals(List.of(), meter.uncovered(FROM, TO, ZoneOffset.UTC));
    }

    @Test
    void noCertificateLeavesTheWholePeriodUncovered() {
        assertEquals(List.of(new MeterCalibration.Span(FROM, TO)), new MeterCalibration("1", List.of()).uncovered(FROM, TO, ZoneOffset.UTC));
    }

    @Test
    void aCertificateThatLapsesMidPeriodLeavesItsRemainderUncovered() {
        MeterCalibration meter = new MeterCalibration("1", List.of(certificate("2025-06-20", "2026-06-20")));
        assertEquals(List.of(new MeterCalibration.Span(Instant.parse("2026-06-20T00:00:00Z"), TO)), meter.uncovered(FROM, TO, ZoneOffset.UTC),
                "validUntil is the first day not covered");
    }

    @Test
    void aLateRecalibrationLeavesTheDaysBetweenUncovered() {
        MeterCalibration meter = new MeterCalibration("1", List.of(certificate("2026-06-15", "2027-06-15"),
                certificate("2025-06-10", "2026-06-10")));
        assertEquals(List.of(new MeterCalibration.Span(Instant.parse("2026-06-10T00:00:00Z"), Instant.parse("2026-06-15T00:00:00Z"))),
                meter.uncovered(FROM, TO, ZoneOffset.UTC));
    }

    @Test
    void daysAreTheHostCountrysAndSpansAreClippedToThePeriod() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        MeterCalibration meter = new MeterCalibration("1", List.of(certificate("2026-06-02", "2027-06-02")));
        // 2026-06-01 in Tokyo runs from 2026-05-31T15:00Z; the period starts at 00:00Z, 09:00 JST, of that day.
        assertEquals(List.of(new MeterCalibration.Span(FROM, Instant.parse("2026-06-01T15:00:00Z"))), meter.uncovered(FROM, TO, tokyo));
    }

    @Test
    void theCorrectionIsRoundedUp() {
        assertEquals(2, new MeterCalibration("1", List.of()).correctionWh(150), "1% of 150 Wh is 1.5 Wh: 2 Wh");
        assertEquals(1, new MeterCalibration("0.2S", List.of()).correctionWh(1), "never rounded away");
        assertEquals(0, new MeterCalibration("2", List.of()).correctionWh(0));
        assertEquals(20_000, new MeterCalibration("2", List.of()).correctionWh(1_000_000));
    }

    @Test
    void aSpanReadsBackFromItsClaimText() {
        MeterCalibration.Span span = new MeterCalibration.Span(FROM, TO);
        assertEquals("2026-06-01T00:00:00Z/2026-07-01T00:00:00Z", span.toString());
        assertEquals(span, MeterCalibration.Span.parse(span.toString()));
        assertThrows(IllegalArgumentException.class, () -> MeterCalibration.Span.parse("2026-06-01/x"));
    }
}
