package io.solarmrv.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.solarmrv.attestation.SolarGeometry;
import io.solarmrv.edge.DeviceEndpoint;
import io.solarmrv.edge.SunSpecModbusReader;
import io.solarmrv.simulators.AcceleratedClock;
import io.solarmrv.simulators.ClearSkyPvModel;
import io.solarmrv.simulators.Fleet;
import io.solarmrv.simulators.SimulatedInverter;
import io.solarmrv.simulators.SunSpecInverterRegisters;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A fleet of simulated inverters across several Modbus ports, read by the edge agent's own SunSpec reader. */
class FleetTest {
    @Test
    void sixHundredInvertersSpreadOverThreePortsEachAnswerAsItself() throws Exception {
        AcceleratedClock clock = new AcceleratedClock(Instant.parse("2026-06-21T03:00:00Z"), null, 60);
        SolarGeometry tokyo = new SolarGeometry(35.68, 139.77);
        try (Fleet fleet = Fleet.start(600, 0, i -> new SunSpecInverterRegisters(new SimulatedInverter("SN-" + Fleet.deviceId(i),
                new ClearSkyPvModel(tokyo, 4_000 + i, 0.85), clock, 0), "solar-mrv", "sim-inverter"))) {
            List<Fleet.Member> members = fleet.members();
            assertEquals(600, members.size());
            assertEquals(3, members.stream().map(Fleet.Member::port).distinct().count(), "247 per port");
            assertEquals(new Fleet.Member("fleet-00247", members.get(247).port(), 1), members.get(247), "the second port starts at unit 1");
            for (int index : List.of(0, 246, 247, 599)) {
                Fleet.Member member = members.get(index);
                try (SunSpecModbusReader reader = new SunSpecModbusReader(
                        new DeviceEndpoint.ModbusTcp(member.deviceId(), "127.0.0.1", member.port(), member.unitId()), 2_000)) {
                    assertEquals("SN-" + Fleet.deviceId(index), reader.read().serialNumber());
                }
            }
            String devices = fleet.agentDevices();
            assertEquals(600, devices.split(",").length);
            assertEquals("fleet-00599=127.0.0.1:" + members.get(599).port() + ":" + 106, devices.substring(devices.lastIndexOf(',') + 1));
        }
    }
}
