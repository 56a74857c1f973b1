package io.solarmrv.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The home battery's energy balance: what it charges comes from PV surplus only, and the grid meter sees the rest. */
class HouseholdBatteryTest {
    private static final Instant NOON = Instant.parse("2026-07-01T12:00:00Z");

    private static PowerProfile constant(double w) {
        return new PowerProfile() {
            @Override
            public double powerW(Instant instant) {
                return w;
            }

            @Override
            public long nameplateW() {
                return (long) w;
            }
        };
    }

    @Test
    void aSurplusChargesAtMostItsPowerUntilFullLosingItsEfficiency() {
        SimulatorTest.ManualClock clock = new SimulatorTest.ManualClock(NOON);
        // PV 4 kW, load 800 W (UTC working hours 07-22): 3.2 kW surplus, charged at the 2 kW maximum.
        SimulatedBattery battery = new SimulatedBattery(constant(4_000), new DailyLoadProfile(300, 500, 7, 22, ZoneOffset.UTC), clock,
                6_500, 2_000, 0.95, 0);
        clock.now = NOON.plusSeconds(3_600);
        SimulatedBattery.Snapshot hour = battery.read();
        assertEquals(2_000, hour.chargeRegisterWh(), "an hour at 2 kW");
        assertEquals(29, hour.stateOfChargePercent(), "1,900 Wh stored of 6,500");
        clock.now = NOON.plusSeconds(6 * 3_600);
        SimulatedBattery.Snapshot full = battery.read();
        assertEquals(100, full.stateOfChargePercent());
        assertEquals(6_842, full.chargeRegisterWh(), "6,500 Wh stored at 95 %: 6,842 Wh charged");
        assertEquals(0, full.powerW(), "full: no more charging");
        assertEquals(0, full.dischargeRegisterWh());
    }

    @Test
    void theGridMeterSeesTheLoadLessPvAndBatteryAndTheBatteryNeverChargesFromTheGrid() {
        SimulatorTest.ManualClock clock = new SimulatorTest.ManualClock(NOON);
        DailyLoadProfile load = new DailyLoadProfile(300, 500, 7, 22, ZoneOffset.UTC);
        SimulatedBattery battery = new SimulatedBattery(constant(400), load, clock, 6_500, 2_000, 0.95, 1_000);
        // 400 W of PV under an 800 W load: the battery covers the 400 W missing, the grid nothing, until it is empty.
        assertEquals(0, battery.gridPowerW(NOON), 1e-9);
        clock.now = NOON.plusSeconds(3 * 3_600);
        SimulatedBattery.Snapshot empty = battery.read();
        assertEquals(1_000, empty.dischargeRegisterWh(), "its 1,000 Wh, then empty");
        assertEquals(0, empty.chargeRegisterWh(), "a deficit never charges it");
        assertEquals(400, battery.gridPowerW(clock.now), 1e-9, "empty: the grid supplies the 400 W");
        assertTrue(empty.stateOfChargePercent() == 0);
    }
}
