package io.solarmrv.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.SolarGeometry;
import io.solarmrv.simulators.ClearSkyPvModel;
import io.solarmrv.simulators.ModbusRtuServer;
import io.solarmrv.simulators.SimulatedInverter;
import io.solarmrv.simulators.SunSpecInverterRegisters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SunSpec over Modbus RTU: the simulated inverter on one end of a serial line, the agent's reader
 * on the other. The line is a pseudo-terminal pair made by Debian's {@code socat} (installed by
 * .ci/run), so the bytes cross a real serial device driver (jSerialComm), framed and CRC-checked.
 */
class ModbusRtuTest {
    @Test
    void theAgentReadsAnInverterOverASerialLineAndNamesAUnitThatDoesNotAnswer(@TempDir Path dir) throws Exception {
        Path socat = Path.of("/usr/bin/socat");
        if (!Files.isExecutable(socat)) {
            throw new IOException("socat is not installed (apt-get install socat; .ci/run does this)");
        }
        Process line = new ProcessBuilder(socat.toString(), "pty,raw,echo=0,link=" + dir.resolve("agent"),
                "pty,raw,echo=0,link=" + dir.resolve("device")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!(Files.exists(dir.resolve("agent")) && Files.exists(dir.resolve("device"))) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String agentEnd = dir.resolve("agent").toRealPath().toString();
            String deviceEnd = dir.resolve("device").toRealPath().toString();
            Clock noon = Clock.fixed(Instant.parse("2026-06-21T03:00:00Z"), ZoneOffset.UTC);
            SimulatedInverter inverter = new SimulatedInverter("SN-RTU-1", new ClearSkyPvModel(new SolarGeometry(35.68, 139.77), 5_000,
                    0.85), noon, 1_234_567);
            try (ModbusRtuServer server = new ModbusRtuServer(deviceEnd, 19_200,
                    Map.of(3, new SunSpecInverterRegisters(inverter, "solar-mrv", "sim-inverter")));
                 SunSpecModbusReader reader = new SunSpecModbusReader(new DeviceEndpoint.ModbusRtu("rtu-1", agentEnd, 19_200, 3), 1_000)) {
                DeviceReader.Measurement m = reader.read();
                assertEquals("SN-RTU-1", m.serialNumber());
                assertEquals(1_234_567, m.energyRegisterWh());
                assertEquals(inverter.read().powerW(), m.powerW(), 10);
                assertNull(m.exportRegisterWh());
            }
            try (ModbusRtuServer server = new ModbusRtuServer(deviceEnd, 19_200,
                    Map.of(3, new SunSpecInverterRegisters(inverter, "solar-mrv", "sim-inverter")));
                 SunSpecModbusReader silent = new SunSpecModbusReader(new DeviceEndpoint.ModbusRtu("rtu-9", agentEnd, 19_200, 9), 500)) {
                DeviceException e = assertThrows(DeviceException.class, silent::read);
                assertTrue(e.getMessage().startsWith("rtu-9: Modbus read from " + agentEnd + "@19200 unit 9 failed"), e.getMessage());
            }
        } finally {
            line.destroy();
            line.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
