package io.solarmrv.simulators;

import io.solarmrv.attestation.SolarGeometry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now;

        ManualClock(Instant start) {
            now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static MeasuredPowerProfile serfEast() throws IOException {
        try (var in = SimulatorTest.class.getResourceAsStream("/pv/serf_east_15min_ac_power.csv")) {
            return MeasuredPowerProfile.fromCsv(new InputStreamReader(in, StandardCharsets.UTF_8), 6_000);
        }
    }

    @Test
    void aReplayedRealDayIntegratesToTheSeriesOwnEnergy() throws IOException {
        MeasuredPowerProfile profile = serfEast();
        Instant start = Instant.parse("2016-07-01T07:00:00Z");   // local midnight at -07:00
        ManualClock clock = new ManualClock(start);
        SimulatedInverter inverter = new SimulatedInverter("SERF-EAST", profile, clock, 0);
        double trapezoidWh = 0;
        for (int q = 0; q < 96; q++) {
            Instant a = start.plus(Duration.ofMinutes(15L * q));
            Instant b = a.plus(Duration.ofMinutes(15));
            trapezoidWh += (profile.powerW(a) + profile.powerW(b)) / 2 * 0.25;
        }
        clock.now = start.plus(Duration.ofDays(1));
        long registerWh = inverter.read().energyRegisterWh();
        assertTrue(trapezoidWh > 10_000, "a July day at SERF East makes over 10 kWh: " + trapezoidWh);
        assertEquals(trapezoidWh, registerWh, 1.5, "the register integrates the measured series");
        assertEquals(Instant.parse("2026-06-21T00:00:00Z"), profile.startingAt(Instant.parse("2026-06-21T00:00:00Z")).firstSample());
    }

    @Test
    void aMalformedSeriesIsRejectedNamingTheLine() {
        IOException bad = assertThrows(IOException.class, () -> MeasuredPowerProfile.fromCsv(
                new StringReader("measured_on,ac_power\n2016-07-01 00:00:00-07:00,1\nyesterday,5\n"), 5_000));
        assertTrue(bad.getMessage().startsWith("line 3"), bad.getMessage());
    }

    @Test
    void faultsChangeWhatTheDeviceReportsAndAreLoggedWithGroundTruth() {
        Instant t0 = Instant.parse("2026-06-21T03:00:00Z");      // noon in Tokyo: generating
        ManualClock clock = new ManualClock(t0);
        SimulatedInverter truth = new SimulatedInverter("SN-1",
                new ClearSkyPvModel(new SolarGeometry(35.68, 139.77), 5_000, 0.85), clock, 1_000_000);
        FaultInjectingInverter device = new FaultInjectingInverter(truth, List.of(
                new Fault(Fault.Kind.STUCK, t0.plusSeconds(600), t0.plusSeconds(1200), 0),
                new Fault(Fault.Kind.SPIKE, t0.plusSeconds(1800), t0.plusSeconds(1860), 3),
                new Fault(Fault.Kind.ROLLBACK, t0.plusSeconds(2400), t0.plusSeconds(2460), 50_000),
                new Fault(Fault.Kind.OUTAGE, t0.plusSeconds(3000), t0.plusSeconds(3600), 0)));

        long normal = device.read().powerW();
        clock.now = t0.plusSeconds(600);
        SimulatedInverter.Snapshot stuckAt = device.read();
        clock.now = t0.plusSeconds(1100);
        assertEquals(stuckAt.energyRegisterWh(), device.read().energyRegisterWh(), "stuck: the register does not move");
        clock.now = t0.plusSeconds(1830);
        assertEquals(truth.read().powerW() * 3, device.read().powerW(), 3);
        clock.now = t0.plusSeconds(2430);
        assertEquals(truth.read().energyRegisterWh() - 50_000, device.read().energyRegisterWh());
        clock.now = t0.plusSeconds(2500);
        assertEquals(truth.read().energyRegisterWh() - 50_000, device.read().energyRegisterWh(), "a swapped meter stays behind");
        clock.now = t0.plusSeconds(3100);
        FaultInjectingInverter.ProtocolFault silent = assertThrows(FaultInjectingInverter.ProtocolFault.class, device::read);
        assertEquals(Fault.Kind.OUTAGE, silent.kind());
        assertTrue(normal > 2_000);
        assertEquals(4, device.groundTruth().size());
        assertTrue(device.groundTruth().get(0).startsWith("STUCK 2026-06-21T03:10:00Z..2026-06-21T03:20:00Z on SN-1"),
                device.groundTruth().toString());
    }

    @Test
    void driftReadsIncreasinglyHighAndASlowDeviceAnswersLate() {
        Instant t0 = Instant.parse("2026-06-21T03:00:00Z");
        ManualClock clock = new ManualClock(t0);
        SimulatedInverter truth = new SimulatedInverter("SN-2",
                new ClearSkyPvModel(new SolarGeometry(35.68, 139.77), 5_000, 0.85), clock, 1_000_000);
        List<String> shown = new java.util.ArrayList<>();
        FaultInjectingInverter device = new FaultInjectingInverter(truth, List.of(
                Fault.parse("DRIFT 2026-06-21T03:00:00Z 2026-06-21T04:00:00Z 0.05"),
                Fault.parse("SLOW 2026-06-21T05:00:00Z 2026-06-21T05:01:00Z 150"))).onFault(shown::add);

        device.read();                                           // the drift starts counting here
        clock.now = t0.plusSeconds(1800);                        // halfway: 2.5 % high
        SimulatedInverter.Snapshot half = device.read();
        SimulatedInverter.Snapshot real = truth.read();
        assertEquals(Math.round(real.powerW() * 1.025), half.powerW());
        assertEquals(real.energyRegisterWh() + Math.round((real.energyRegisterWh() - 1_000_000) * 0.025), half.energyRegisterWh());

        clock.now = t0.plusSeconds(2 * 3600 + 10);
        long asked = System.nanoTime();
        device.read();
        assertTrue(System.nanoTime() - asked >= 150_000_000L, "the reply came 150 ms late");
        assertEquals(2, shown.size(), "each fault is reported once, when it first shows: " + shown);
        assertTrue(shown.get(1).startsWith("SLOW 2026-06-21T05:00:00Z..2026-06-21T05:01:00Z on SN-2"), shown.toString());
    }

    @Test
    void faultScriptLinesAreParsedOrRefusedByName() {
        assertEquals(new Fault(Fault.Kind.SPIKE, Instant.parse("2026-06-21T03:30:00Z"), Instant.parse("2026-06-21T03:31:00Z"), 3),
                Fault.parse("  SPIKE 2026-06-21T03:30:00Z   2026-06-21T03:31:00Z 3 "));
        assertEquals(0, Fault.parse("OUTAGE 2026-06-21T03:30:00Z 2026-06-21T04:00:00Z").magnitude());
        for (String[] bad : new String[][] {{"WOBBLE 2026-06-21T03:30:00Z 2026-06-21T04:00:00Z", "'WOBBLE' is not a fault kind"},
            {"SPIKE tomorrow 2026-06-21T04:00:00Z 2", "ISO-8601"}, {"SPIKE 2026-06-21T03:30:00Z 2026-06-21T04:00:00Z x", "'x' is not a number"},
            {"SPIKE", "KIND FROM UNTIL [MAGNITUDE]"}, {"STUCK 2026-06-21T04:00:00Z 2026-06-21T03:00:00Z", "'until' must be after 'from'"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fault.parse(bad[0]));
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
    }
}
