package io.solarmrv.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.SolarGeometry;
import io.solarmrv.attestation.internal.cbor.CborWriter;
import io.solarmrv.simulators.ClearSkyPvModel;
import io.solarmrv.simulators.CoapMeterServer;
import io.solarmrv.simulators.SimulatedInverter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The agent's CoAP driver against the simulated CoAP meter over a real UDP socket: it observes the
 * meter's SenML-CBOR reading, follows its notifications, refuses a reading gone stale, and refuses
 * payloads that are not the reading it expects, naming why.
 */
class CoapMeterTest {
    @Test
    void theDriverFollowsTheMetersNotificationsAndRefusesAStaleOne() throws Exception {
        TestClock simulated = new TestClock(Instant.parse("2026-06-21T03:00:00Z"));        // noon in Tokyo
        SimulatedInverter inverter = new SimulatedInverter("SN-C1", new ClearSkyPvModel(new SolarGeometry(35.68, 139.77), 5_000, 0.85),
                simulated, 2_000_000);
        CoapMeterServer meter = new CoapMeterServer(0, inverter, Duration.ofMillis(200));
        try (CoapObserveReader reader = new CoapObserveReader("coap-1", "coap://127.0.0.1:" + meter.port() + "/meter",
                Duration.ofSeconds(2), Clock.systemUTC())) {
            DeviceReader.Measurement first = reader.read();
            assertEquals("SN-C1", first.serialNumber());
            assertEquals(2_000_000, first.energyRegisterWh());
            assertTrue(first.powerW() > 2_000, "noon: generating " + first.powerW() + " W");

            simulated.now = simulated.now.plusSeconds(3600);
            long expected = inverter.read().energyRegisterWh();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            long seen = first.energyRegisterWh();
            while (seen != expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
                seen = reader.read().energyRegisterWh();
            }
            assertEquals(expected, seen, "a notification brought the hour's energy");

            meter.close();
            Thread.sleep(2_500);
            DeviceException stale = assertThrows(DeviceException.class, reader::read);
            assertTrue(stale.getMessage().contains("old (more than PT2S)"), stale.getMessage());
            DeviceException gone = assertThrows(DeviceException.class, reader::read);
            assertTrue(gone.getMessage().contains("did not answer") || gone.getMessage().contains("cannot observe"), gone.getMessage());
        } finally {
            meter.close();
        }
    }

    @Test
    void payloadsThatAreNotTheExpectedReadingAreRefusedByName() {
        byte[] wrongUnit = new CborWriter().array(2)
                .map(3).integer(-2).text("urn:dev:sn:X:").integer(0).text("energy").integer(2).integer(5)
                .map(3).integer(0).text("power").integer(1).text("kW").integer(2).integer(5).toByteArray();
        DeviceException unit = assertThrows(DeviceException.class, () -> SenmlReading.parse("m", wrongUnit));
        assertTrue(unit.getMessage().contains("record 'urn:dev:sn:X:power' is in 'kW', expected W"), unit.getMessage());
        byte[] noEnergy = new CborWriter().array(1).map(4).integer(-2).text("urn:dev:sn:X:").integer(0).text("power").integer(1).text("W")
                .integer(2).integer(5).toByteArray();
        DeviceException missing = assertThrows(DeviceException.class, () -> SenmlReading.parse("m", noEnergy));
        assertTrue(missing.getMessage().contains("no 'urn:dev:sn:X:energy' record"), missing.getMessage());
        byte[] negative = new CborWriter().array(2)
                .map(4).integer(-2).text("urn:dev:sn:X:").integer(0).text("energy").integer(1).text("Wh").integer(2).integer(-5)
                .map(3).integer(0).text("power").integer(1).text("W").integer(2).integer(5).toByteArray();
        DeviceException below = assertThrows(DeviceException.class, () -> SenmlReading.parse("m", negative));
        assertTrue(below.getMessage().contains("'urn:dev:sn:X:energy' is -5 Wh; a cumulative register is never negative"),
                below.getMessage());
        DeviceException garbage = assertThrows(DeviceException.class, () -> SenmlReading.parse("m", new byte[] {0x41, 0x42}));
        assertTrue(garbage.getMessage().startsWith("m: not a SenML-CBOR reading"), garbage.getMessage());
    }
}
