package io.solarmrv.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A chiller behind its meter: consumption is cooling over COP, read back through SunSpec meter model 203. */
class ChillerTest {
    private static long acc32(short[] registers) {
        return (registers[0] & 0xFFFFL) << 16 | registers[1] & 0xFFFFL;
    }

    @Test
    void aDaysConsumptionIsTheCoolingDeliveredOverThePartLoadCop() {
        Instant start = Instant.parse("2026-07-31T15:00:00Z");                  // midnight in Tokyo
        SimulatorTest.ManualClock clock = new SimulatorTest.ManualClock(start);
        // 100 kW of cooling all day, 300 kW in working hours, against a 250 kW chiller rated COP 6.
        DailyLoadProfile demand = new DailyLoadProfile(100_000, 200_000, 8, 18, ZoneId.of("Asia/Tokyo"));
        SimulatedChiller chiller = new SimulatedChiller("CH-1", demand, 250_000, 6.0, clock, 5_000_000);
        SunSpecMeterRegisters meter = new SunSpecMeterRegisters(chiller, "solar-mrv", "sim-chiller-meter");
        int body = SunSpecInverterRegisters.BASE_ADDRESS + 2 + 2 + SunSpecInverterRegisters.COMMON_MODEL_LENGTH + 2;

        assertEquals(SunSpecMeterRegisters.METER_MODEL_ID, meter.read(body - 2, 1)[0]);
        long before = acc32(meter.read(body + SunSpecMeterRegisters.OFFSET_TOT_WH_IMP, 2));
        assertEquals(5_000_000, before);
        clock.now = start.plusSeconds(24 * 3600);
        long after = acc32(meter.read(body + SunSpecMeterRegisters.OFFSET_TOT_WH_IMP, 2));

        // Working hours: capped at 250 kW, full load, COP 6: 41,666.7 W for 10 h.
        // Otherwise: 100 kW at part load 0.4, COP 6 x 0.91 = 5.46: 18,315.0 W for 14 h.
        double expected = 10 * 250_000 / 6.0 + 14 * 100_000 / 5.46;
        assertEquals(expected, after - before, 2, "Wh drawn in the day");
        assertEquals(0, acc32(meter.read(body + SunSpecMeterRegisters.OFFSET_TOT_WH_EXP, 2)), "a chiller never exports");
        assertEquals(6.0, chiller.cop(start.plusSeconds(12 * 3600)), 1e-12, "noon in Tokyo: full load, rated COP");
    }
}
