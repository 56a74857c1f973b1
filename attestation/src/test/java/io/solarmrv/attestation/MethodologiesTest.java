package io.solarmrv.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EN-R-002 and the COP-ratio methodology: worked examples computed by hand. */
class MethodologiesTest {
    // Illustrative factors for the tests, not official values.
    private static final JCreditSolarSelfConsumption.Parameters EN_R_002 = new JCreditSolarSelfConsumption.Parameters(
            "test", Map.of(2025, new BigDecimal("0.450"), 2026, new BigDecimal("0.400")));

    @Test
    void fiscalYearsStartOnTheFirstOfAprilJapanTime() {
        assertEquals(2025, JCreditSolarSelfConsumption.fiscalYear(Instant.parse("2026-03-31T14:59:59Z")));
        assertEquals(2026, JCreditSolarSelfConsumption.fiscalYear(Instant.parse("2026-03-31T15:00:00Z")),
                "00:00 on 1 April in Tokyo is 15:00 UTC the day before");
        assertEquals(2026, JCreditSolarSelfConsumption.fiscalYear(Instant.parse("2027-01-15T00:00:00Z")));
    }

    @Test
    void aPeriodIsCutAtEachFirstOfAprilJapanTime() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant april = Instant.parse("2026-03-31T15:00:00Z");
        Instant nextApril = Instant.parse("2027-03-31T15:00:00Z");
        Instant to = Instant.parse("2027-06-01T00:00:00Z");
        assertEquals(List.of(new JCreditSolarSelfConsumption.FiscalYearSpan(2025, from, april),
                new JCreditSolarSelfConsumption.FiscalYearSpan(2026, april, nextApril),
                new JCreditSolarSelfConsumption.FiscalYearSpan(2027, nextApril, to)),
                JCreditSolarSelfConsumption.fiscalYearSpans(from, to));
        assertEquals(List.of(new JCreditSolarSelfConsumption.FiscalYearSpan(2026, april, to.minusSeconds(86_400 * 365))),
                JCreditSolarSelfConsumption.fiscalYearSpans(april, to.minusSeconds(86_400 * 365)), "within one year: one span");
        assertEquals(1, JCreditSolarSelfConsumption.fiscalYearSpans(from, april).size(), "ending on 1 April: one span");
        assertThrows(IllegalArgumentException.class, () -> JCreditSolarSelfConsumption.fiscalYearSpans(april, april));
    }

    @Test
    void onlySelfConsumedElectricityCounts() {
        var share = new JCreditSolarSelfConsumption.FiscalYearEnergy(2026, 10_000_000, 3_000_000);
        assertEquals(7_000_000, JCreditSolarSelfConsumption.selfConsumedWh(share));
        // 7 MWh x 0.400 = 2.8 t
        assertEquals(new BigDecimal("2.8"), JCreditSolarSelfConsumption.tonnes(List.of(share), EN_R_002));
    }

    @Test
    void aBatteryWithholdsItsLossesWhatIsLeftInItAndWhatItHeldBefore() {
        var battery = new BatteryEnergy("bat-1", 2_000_000, 1_800_000, 10_000);
        var share = new JCreditSolarSelfConsumption.FiscalYearEnergy(2026, 10_000_000, 3_000_000, List.of(battery));
        assertEquals(6_790_000, JCreditSolarSelfConsumption.selfConsumedWh(share),
                "10 - 3 exported - (2 charged - 1.8 discharged) - 0.01 capacity");
    }

    @Test
    void aBatteryRunningDownWhatItHeldBeforeThePeriodAddsNothing() {
        // Full of grid energy at the start, PV charges it again and the old energy is discharged.
        var battery = new BatteryEnergy("bat-1", 10_000, 10_000, 10_000);
        var share = new JCreditSolarSelfConsumption.FiscalYearEnergy(2026, 50_000, 20_000, List.of(battery));
        assertEquals(20_000, JCreditSolarSelfConsumption.selfConsumedWh(share),
                "30,000 direct use and PV charged, minus the 10,000 of PV still stored");
    }

    @Test
    void aBatteryDischargingMoreThanItChargedAndHeldIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatteryEnergy("bat-1", 1_000, 12_000, 10_000));
        assertTrue(e.getMessage().contains("bat-1") && e.getMessage().contains("more than it charged"), e.getMessage());
    }

    @Test
    void batteryChargeIsMeasuredOutwardAndDischargeInward() {
        assertEquals(500, BatteryEnergy.chargeWh("bat-1", 1_000L, 1_500L));
        assertThrows(IllegalArgumentException.class, () -> BatteryEnergy.chargeWh("bat-1", null, 1_500L));
        assertThrows(IllegalArgumentException.class, () -> BatteryEnergy.chargeWh("bat-1", 1_500L, 1_000L));
        assertEquals(0, BatteryEnergy.dischargeWh("bat-1", null, null), "no reading in the period: nothing discharged counts");
        assertEquals(300, BatteryEnergy.dischargeWh("bat-1", 700L, 1_000L));
        assertThrows(IllegalArgumentException.class, () -> BatteryEnergy.dischargeWh("bat-1", 1_000L, 700L));
    }

    @Test
    void selfConsumptionIsNeverBelowZero() {
        var allExported = new JCreditSolarSelfConsumption.FiscalYearEnergy(2026, 1_000_000, 1_200_000);
        assertEquals(0, JCreditSolarSelfConsumption.selfConsumedWh(allExported));
    }

    @Test
    void aPeriodAcrossTwoFiscalYearsUsesEachYearsFactor() {
        BigDecimal tonnes = JCreditSolarSelfConsumption.tonnes(List.of(
                new JCreditSolarSelfConsumption.FiscalYearEnergy(2025, 2_000_000, 0),
                new JCreditSolarSelfConsumption.FiscalYearEnergy(2026, 3_000_000, 1_000_000)), EN_R_002);
        assertEquals(new BigDecimal("1.7"), tonnes, "2 MWh x 0.450 + 2 MWh x 0.400");
        assertEquals(1, JcmSolarPv.credits(tonnes));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> JCreditSolarSelfConsumption.tonnes(
                List.of(new JCreditSolarSelfConsumption.FiscalYearEnergy(2027, 1, 0)), EN_R_002));
        assertTrue(missing.getMessage().contains("FY2027"), missing.getMessage());
    }

    @Test
    void copRatioMethodology() {
        var chiller = new MeteredEquipmentCop.Parameters("JCM chiller (test)", new BigDecimal("6.0"), new BigDecimal("4.0"),
                new BigDecimal("0.5"));
        // 100 MWh consumed: RE = 100 x 1.5 x 0.5 = 75, PE = 50, ER = 25
        assertEquals(new BigDecimal("25"), MeteredEquipmentCop.tonnes(100_000_000, chiller));
        var worse = new MeteredEquipmentCop.Parameters("JCM chiller (test)", new BigDecimal("3.5"), new BigDecimal("4.0"),
                new BigDecimal("0.5"));
        assertEquals(BigDecimal.ZERO, MeteredEquipmentCop.tonnes(100_000_000, worse), "never negative");
    }

    @Test
    void theCopRatioRoundsDownSoTheResultNeverExceedsTheExactOne() {
        var p = new MeteredEquipmentCop.Parameters("JCM AC (test)", new BigDecimal("5"), new BigDecimal("3"), BigDecimal.ONE);
        assertEquals(new BigDecimal("1.666666"), p.copRatio());
        BigDecimal tonnes = MeteredEquipmentCop.tonnes(3_000_000, p);   // 3 MWh x (1.666666 - 1) = 1.999998
        assertEquals(new BigDecimal("1.999998"), tonnes);
        assertEquals(1, JcmSolarPv.credits(tonnes), "whole credits round down: 2 exact, 1 issued");
        assertThrows(IllegalArgumentException.class,
                () -> new MeteredEquipmentCop.Parameters("x", BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE));
    }
}
