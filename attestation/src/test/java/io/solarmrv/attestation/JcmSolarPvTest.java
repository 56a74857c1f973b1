package io.solarmrv.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class JcmSolarPvTest {
    @Test
    void aFlaggedReadingVoidsTheStepsIntoAndOutOfIt() {
        long[] registers = {1_000, 1_010, 1_030, 1_060, 1_100};
        assertEquals(20 + 30, JcmSolarPv.excludedEnergyWh(registers, new boolean[] {false, false, true, false, false}));
        assertEquals(10 + 40, JcmSolarPv.excludedEnergyWh(registers, new boolean[] {true, false, false, false, true}),
                "at the period's edges only the step inside the period");
        long period = JcmSolarPv.periodEnergyWh(registers[0], registers[4]);
        assertEquals(100, period);
        assertEquals(50, JcmSolarPv.creditedEnergyWh(period, 50));
    }

    @Test
    void aFrozenMeterLosesTheCatchUpStep() {
        long[] registers = {0, 100, 100, 100, 700, 800};      // frozen at readings 1..3, catches up at 4
        boolean[] stale = {false, true, true, true, false, false};
        assertEquals(100 + 600, JcmSolarPv.excludedEnergyWh(registers, stale));
    }

    @Test
    void aRegisterThatWentBackNeverMakesExclusionAddEnergy() {
        long[] registers = {5_000, 5_050, 4_000, 4_020};     // a rollback between the 2nd and 3rd reading
        boolean[] voids = {false, false, true, false};
        assertEquals(20, JcmSolarPv.excludedEnergyWh(registers, voids), "a decrease is not an exclusion; the step after is");
        assertEquals(0, JcmSolarPv.creditedEnergyWh(JcmSolarPv.periodEnergyWh(5_000, 4_020), 0));
        assertEquals(0, JcmSolarPv.creditedEnergyWh(30, 50), "never below zero");
    }

    @Test
    void onlyRulesThatDoubtTheMeterVoidEnergy() {
        assertFalse(JcmSolarPv.flagsVoidEnergy(List.of("clipping")));
        assertFalse(JcmSolarPv.flagsVoidEnergy(List.of("spike", "interpolated", "after_gap")));
        assertFalse(JcmSolarPv.flagsVoidEnergy(List.of()));
        assertTrue(JcmSolarPv.flagsVoidEnergy(List.of("clipping", "stale")));
        assertTrue(JcmSolarPv.flagsVoidEnergy(List.of("out_of_range")));
    }

    @Test
    void aRegisterJumpIsNeverCountedAsGeneration() {
        long[] registers = {1_000, 1_100, 201_100, 201_200};  // a meter swapped for one 200 kWh higher before reading 2
        boolean[] jump = {false, false, JcmSolarPv.flagsVoidEnergy(List.of("register_jump")), false};
        long period = JcmSolarPv.periodEnergyWh(registers[0], registers[3]);
        assertEquals(100, JcmSolarPv.creditedEnergyWh(period, JcmSolarPv.excludedEnergyWh(registers, jump)),
                "the jump and the step after it are voided; only the step before is credited");
    }

    private static Reading reading(String serial, long sequence, long registerWh) {
        return new Reading("inv-1", serial, sequence, 1_000_000L * (sequence + 1), registerWh, null, 0, ClockSync.NTP, 0,
                new byte[Reading.HASH_LENGTH], new byte[Reading.SALT_LENGTH]);
    }

    @Test
    void aRecordedReplacementIsCountedPerMeter() {
        // the old meter counts 1,000 -> 1,300; its replacement starts at 500,000 and counts 200 more
        List<Reading> readings = List.of(reading("OLD", 0, 1_000), reading("OLD", 1, 1_300), reading("NEW", 2, 500_000),
                reading("NEW", 3, 500_200));
        assertEquals(new JcmSolarPv.MeterEnergy.Counted(300 + 200), JcmSolarPv.energyPerMeter(readings, List.of(1L)));
        assertEquals(new JcmSolarPv.MeterEnergy.Counted(300 + 200), JcmSolarPv.energyPerMeter(readings, java.util.Set.of(1L, 7L)),
                "a replacement outside the readings changes nothing");
    }

    @Test
    void aSerialChangeWithoutARecordedReplacementIsRefused() {
        List<Reading> readings = List.of(reading("OLD", 0, 1_000), reading("NEW", 1, 500_000));
        JcmSolarPv.MeterEnergy refused = JcmSolarPv.energyPerMeter(readings, List.of());
        assertTrue(refused instanceof JcmSolarPv.MeterEnergy.Refused r && r.reason().contains("no replacement is recorded after #0"),
                refused.toString());
    }

    @Test
    void aRecordedReplacementWithoutASerialChangeIsRefused() {
        List<Reading> readings = List.of(reading("OLD", 0, 1_000), reading("OLD", 1, 1_100));
        assertTrue(JcmSolarPv.energyPerMeter(readings, List.of(0L)) instanceof JcmSolarPv.MeterEnergy.Refused);
    }

    @Test
    void theStepAcrossARecordedReplacementIsNeverExcluded() {
        long[] registers = {1_000, 1_300, 500_000, 500_200};
        boolean[] jumpAtTheNewMetersFirst = {false, false, true, false};
        assertEquals(200, JcmSolarPv.excludedEnergyWh(registers, jumpAtTheNewMetersFirst, new boolean[] {false, false, true, false}),
                "only the new meter's step after the flagged reading");
        assertEquals(498_700 + 200, JcmSolarPv.excludedEnergyWh(registers, jumpAtTheNewMetersFirst));
    }

    @Test
    void withoutReplacementsTheEnergyIsTheRegisterDelta() {
        assertEquals(new JcmSolarPv.MeterEnergy.Counted(500), JcmSolarPv.energyPerMeter(
                List.of(reading("M", 4, 1_000), reading("M", 9, 1_500)), List.of()));
        assertEquals(new JcmSolarPv.MeterEnergy.Counted(0), JcmSolarPv.energyPerMeter(List.of(), List.of()));
    }

    @Test
    void creditsComeFromCreditedEnergyAndRoundDown() {
        BigDecimal tonnes = JcmSolarPv.tonnes(JcmSolarPv.creditedEnergyWh(8_594_884, 1_100_000), new BigDecimal("0.533"));
        assertEquals(new BigDecimal("3.994773172"), tonnes);
        assertEquals(3, JcmSolarPv.credits(tonnes));
        assertThrows(IllegalArgumentException.class, () -> JcmSolarPv.excludedEnergyWh(new long[2], new boolean[3]));
    }

    @Test
    void anUncalibratedSpansEnergyIsTakenOutwardFromItsBounds() {
        // readings at t = 1,000 s, 2,000 s, ... (sequence + 1) x 1,000 s; registers rise 100 Wh a reading
        List<Reading> readings = List.of(reading("S1", 0, 0), reading("S1", 1, 100), reading("S1", 2, 200), reading("S1", 3, 300),
                reading("S1", 4, 400));
        io.solarmrv.attestation.methodology.MeterCalibration.Span inside = new io.solarmrv.attestation.methodology.MeterCalibration.Span(
                java.time.Instant.ofEpochSecond(2_500), java.time.Instant.ofEpochSecond(3_500));
        assertEquals(200, JcmSolarPv.spanEnergyWh(readings, inside, List.of()), "from #1 (at or before) to #3 (at or after)");
        io.solarmrv.attestation.methodology.MeterCalibration.Span whole = new io.solarmrv.attestation.methodology.MeterCalibration.Span(
                java.time.Instant.ofEpochSecond(0), java.time.Instant.ofEpochSecond(9_000));
        assertEquals(400, JcmSolarPv.spanEnergyWh(readings, whole, List.of()), "the period's own bounds where none lies outside");
        assertEquals(200, JcmSolarPv.spanEnergyWh(List.of(readings.get(0), readings.get(1), readings.get(3), readings.get(4)), inside,
                List.of()), "the bounds alone give the same as every reading");
        List<Reading> swapped = List.of(reading("S1", 0, 0), reading("S1", 1, 100), reading("S2", 2, 900_000),
                reading("S2", 3, 900_100));
        assertEquals(200, JcmSolarPv.spanEnergyWh(swapped, whole, List.of(1L)), "per meter across a recorded replacement");
    }
}
