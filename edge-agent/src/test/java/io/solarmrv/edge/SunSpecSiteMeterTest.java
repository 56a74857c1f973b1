package io.solarmrv.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.SolarGeometry;
import io.solarmrv.simulators.ClearSkyPvModel;
import io.solarmrv.simulators.DailyLoadProfile;
import io.solarmrv.simulators.ModbusTcpServer;
import io.solarmrv.simulators.SimulatedInverter;
import io.solarmrv.simulators.SimulatedSiteMeter;
import io.solarmrv.simulators.SunSpecInverterRegisters;
import io.solarmrv.simulators.SunSpecMeterRegisters;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The agent's reader against the simulators over a real Modbus TCP socket: a PV inverter (model
 * 103) and the site's grid meter (model 203) behind which it feeds a factory's load. The meter's
 * export register is what J-Credit EN-R-002 subtracts from generation.
 */
class SunSpecSiteMeterTest {
    @Test
    void theSiteMeterGivesImportAndExportRegistersThatBalanceWithGenerationAndLoad() throws Exception {
        Instant start = Instant.parse("2026-06-21T00:00:00Z");            // 09:00 in Tokyo, midsummer
        TestClock clock = new TestClock(start);
        ClearSkyPvModel pv = new ClearSkyPvModel(new SolarGeometry(35.68, 139.77), 50_000, 0.85);
        DailyLoadProfile factory = new DailyLoadProfile(5_000, 35_000, 8, 18, ZoneId.of("Asia/Tokyo"));
        SimulatedInverter inverter = new SimulatedInverter("INV-1", pv, clock, 0);
        SimulatedSiteMeter meter = new SimulatedSiteMeter("SITE-1", pv, factory, clock, 1_000_000, 2_000_000);
        try (ModbusTcpServer server = new ModbusTcpServer(0, Map.of(
                1, new SunSpecInverterRegisters(inverter, "solar-mrv", "sim-inverter"),
                2, new SunSpecMeterRegisters(meter, "solar-mrv", "sim-meter")));
             SunSpecModbusReader inverterReader = new SunSpecModbusReader(new DeviceEndpoint.ModbusTcp("inv-1", "127.0.0.1", server.port(), 1), 2_000);
             SunSpecModbusReader meterReader = new SunSpecModbusReader(new DeviceEndpoint.ModbusTcp("site-1", "127.0.0.1", server.port(), 2), 2_000)) {
            SunSpecModbusReader.Measurement generation0 = inverterReader.read();
            SunSpecModbusReader.Measurement site0 = meterReader.read();
            assertNull(generation0.exportRegisterWh(), "an inverter has no export register");
            assertEquals("SITE-1", site0.serialNumber());
            assertEquals(1_000_000, site0.energyRegisterWh(), "a meter's energy register is its import register");
            assertEquals(2_000_000, site0.exportRegisterWh());

            clock.now = start.plusSeconds(6 * 3600);                       // to 15:00 in Tokyo
            SunSpecModbusReader.Measurement generation = inverterReader.read();
            SunSpecModbusReader.Measurement site = meterReader.read();
            long generatedWh = generation.energyRegisterWh() - generation0.energyRegisterWh();
            long importedWh = site.energyRegisterWh() - site0.energyRegisterWh();
            long exportedWh = site.exportRegisterWh() - site0.exportRegisterWh();
            long loadWh = 6 * (5_000 + 35_000);                            // working hours all through
            assertTrue(exportedWh > 1_000, "around noon the PV exceeds the factory's load: " + exportedWh + " Wh exported");
            assertTrue(importedWh > 1_000, "morning and afternoon it does not: " + importedWh + " Wh imported");
            assertEquals(loadWh - generatedWh, importedWh - exportedWh, 3, "import - export = load - generation, to rounding");
            assertEquals(meter.read().netPowerW(), site.powerW(), 10, "W, positive when importing");
        }
    }

    @Test
    void anEnergyRegisterThatOverflowsWithItsScaleFactorIsTheDevicesErrorNotTheAgents() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-06-21T03:00:00Z"));
        SimulatedInverter inverter = new SimulatedInverter("INV-9", new ClearSkyPvModel(new SolarGeometry(35.68, 139.77), 5_000, 0.85),
                clock, 0);
        SunSpecInverterRegisters honest = new SunSpecInverterRegisters(inverter, "solar-mrv", "sim-inverter");
        int body = 40_000 + 2 + 2 + SunSpecInverterRegisters.COMMON_MODEL_LENGTH + 2;
        io.solarmrv.simulators.HoldingRegisters faulty = (address, count) -> {   // WH = 2^32 - 1 with WH_SF = 10
            short[] registers = honest.read(address, count);
            for (int i = 0; i < count; i++) {
                int at = address + i - body;
                if (at == SunSpecInverterRegisters.OFFSET_WH || at == SunSpecInverterRegisters.OFFSET_WH + 1) {
                    registers[i] = (short) 0xFFFF;
                } else if (at == SunSpecInverterRegisters.OFFSET_WH_SF) {
                    registers[i] = 10;
                }
            }
            return registers;
        };
        try (ModbusTcpServer server = new ModbusTcpServer(0, Map.of(1, faulty));
             SunSpecModbusReader reader = new SunSpecModbusReader(new DeviceEndpoint.ModbusTcp("inv-9", "127.0.0.1", server.port(), 1), 2_000)) {
            DeviceException overflow = org.junit.jupiter.api.Assertions.assertThrows(DeviceException.class, reader::read);
            assertTrue(overflow.getMessage().contains("register value 4294967295 with SunSpec scale factor 10 overflows 64 bits"),
                    overflow.getMessage());
        }
    }
}
