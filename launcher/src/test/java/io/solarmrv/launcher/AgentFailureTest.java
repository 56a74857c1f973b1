package io.solarmrv.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.ClockSync;
import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.Reading;
import io.solarmrv.edge.ClockMonitor;
import io.solarmrv.edge.DeviceEndpoint;
import io.solarmrv.edge.EdgeAgent;
import io.solarmrv.edge.HealthServer;
import io.solarmrv.edge.MqttUpstream;
import io.solarmrv.edge.store.Forwarder;
import io.solarmrv.edge.store.ReadingStore;
import io.solarmrv.simulators.AcceleratedClock;
import io.solarmrv.simulators.Fault;
import io.solarmrv.simulators.FaultInjectingInverter;
import io.solarmrv.simulators.ClearSkyPvModel;
import io.solarmrv.simulators.HoldingRegisters;
import io.solarmrv.simulators.ModbusTcpServer;
import io.solarmrv.simulators.SimulatedInverter;
import io.solarmrv.attestation.SolarGeometry;
import io.solarmrv.simulators.SunSpecInverterRegisters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge agent's failure paths against real sockets: a broker outage and kill -9 of the agent. */
class AgentFailureTest {

    private static Map<Integer, HoldingRegisters> inverters(Clock clock, int count) {
        SolarGeometry tokyo = new SolarGeometry(35.68, 139.77);
        Map<Integer, HoldingRegisters> units = new java.util.LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            units.put(i, new SunSpecInverterRegisters(new SimulatedInverter("SN-" + i,
                    new ClearSkyPvModel(tokyo, 5_000L * i, 0.85), clock, 0), "solar-mrv", "sim-inverter"));
        }
        return units;
    }

    @Test
    void aBrokerOutageLosesNothingAndDeliversInOrderWithNothingTwice(@TempDir Path dir) throws Exception {
        int port = FreePort.pick();
        Instant start = Instant.parse("2026-06-20T15:00:00Z");
        AcceleratedClock clock = new AcceleratedClock(start, start.plus(Duration.ofDays(1)), 2880);
        EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), port);
        try (ModbusTcpServer modbus = new ModbusTcpServer(0, inverters(clock, 2));
             ReceivedReadings received = new ReceivedReadings(broker.uri());
             ReadingStore store = ReadingStore.open(dir.resolve("store"), 64L << 20, 1L << 20);
             MqttUpstream upstream = new MqttUpstream(broker.uri(), "agent-outage", MqttUpstream.DEFAULT_TOPIC_PREFIX)) {
            Forwarder forwarder = new Forwarder(store, upstream::publishStored, 5_000, Duration.ofSeconds(1));
            Thread forwarding = new Thread(forwarder, "forwarder");
            forwarding.start();
            EdgeAgent agent = new EdgeAgent(clock, ClockSync.UNSYNCHRONIZED, Duration.ofMinutes(2), Duration.ofMillis(2),
                    GatewayKey.generate(new SecureRandom()), List.of(new DeviceEndpoint.ModbusTcp("inv-1", "127.0.0.1", modbus.port(), 1),
                    new DeviceEndpoint.ModbusTcp("inv-2", "127.0.0.1", modbus.port(), 2)), store, false);
            Thread polling = new Thread(() -> {
                try {
                    agent.runUntil(start.plus(Duration.ofDays(1)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "agent");
            polling.start();

            Thread.sleep(6_000);
            broker.close();                                   // the broker goes away for ~8 simulated hours
            long pendingDuringOutage = 0;
            for (int i = 0; i < 10; i++) {
                Thread.sleep(1_000);
                pendingDuringOutage = Math.max(pendingDuringOutage, store.pending());
            }
            try (HealthServer health = new HealthServer(0, agent, store, forwarder)) {
                String status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + health.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(status.contains("\"readingsPending\":") && !status.contains("\"readingsPending\":0,"), status);
                assertTrue(status.contains("\"lastForwardError\":\"") && !status.contains("\"lastForwardError\":\"\""),
                        "the health endpoint says why forwarding stalls: " + status);
            }
            long backlog = store.pending();
            long sentBefore = forwarder.sentCount();
            long restarted = System.nanoTime();
            broker = EmbeddedBroker.start(dir.resolve("broker"), port);
            received.reconnect();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (store.pending() > 50 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - restarted) / 1e9;
            System.out.printf("replay after the outage: backlog %d, %d sent in %.2f s incl. broker start (%.0f readings/s)%n",
                    backlog, forwarder.sentCount() - sentBefore, seconds, (forwarder.sentCount() - sentBefore) / seconds);
            polling.join();
            while (store.pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(0, store.pending(), "the backlog drains once the broker is back");
            Thread.sleep(2_000);
            forwarder.stop();
            forwarding.join();
            agent.close();

            assertTrue(pendingDuringOutage > 100, "readings were kept on disk during the outage: " + pendingDuringOutage);
            Map<String, Integer> distinct = received.assertCompleteOrderedChains();
            assertEquals(agent.storedCount(), distinct.values().stream().mapToLong(Integer::longValue).sum(),
                    "every stored reading arrived (" + received.count() + " deliveries incl. duplicates)");
            assertEquals(0, agent.refusedCount());
        } finally {
            broker.close();
        }
    }

    @Test
    void aDeviceThatGoesAwayAndOneThatAnswersGarbageNeverStopTheAgent(@TempDir Path dir) throws Exception {
        int port = FreePort.pick();
        Map<Integer, HoldingRegisters> units = inverters(Clock.systemUTC(), 1);
        try (ReadingStore store = ReadingStore.open(dir.resolve("store"), 64L << 20, 1L << 20)) {
            EdgeAgent agent = new EdgeAgent(Clock.systemUTC(), ClockSync.NTP, Duration.ofMillis(50), Duration.ofMillis(5),
                    GatewayKey.generate(new SecureRandom()), List.of(new DeviceEndpoint.ModbusTcp("inv-1", "127.0.0.1", port, 1),
                    new DeviceEndpoint.ModbusTcp("ghost", "127.0.0.1", port, 9)), store, false);
            Thread polling = pollingThread(agent);
            ModbusTcpServer modbus = new ModbusTcpServer(port, units);
            polling.start();
            Thread.sleep(1_500);
            long beforeOutage = agent.storedCount();
            modbus.close();                                   // the inverter's gateway drops off the network
            Thread.sleep(1_500);
            long duringOutage = agent.storedCount();
            modbus = new ModbusTcpServer(port, units);        // and comes back
            Thread.sleep(3_000);
            long afterOutage = agent.storedCount();
            agent.stop();
            polling.join();
            modbus.close();
            agent.close();

            assertTrue(beforeOutage > 5, "inv-1 was read before the outage: " + beforeOutage);
            assertTrue(duringOutage - beforeOutage <= 2, "nothing was read while it was away");
            assertTrue(afterOutage - duringOutage > 5, "inv-1 is read again without a restart: " + (afterOutage - duringOutage));
            assertTrue(agent.failedPollCount() > 3);
            String ghostError = agent.deviceStatus().get("ghost").lastError();
            assertTrue(ghostError.contains("ghost") && ghostError.contains("unit 9"), "the failure names the device: " + ghostError);
            assertTrue(agent.deviceStatus().get("ghost").consecutiveFailures() > 1);
            assertEquals(0, agent.deviceStatus().get("inv-1").consecutiveFailures());
        }
    }

    @Test
    void malformedModbusRepliesAndSilenceAreCountedNamedAndSurvived(@TempDir Path dir) throws Exception {
        Instant start = Instant.parse("2026-06-21T00:00:00Z");      // 09:00 in Tokyo
        Instant end = start.plus(Duration.ofHours(12));
        AcceleratedClock clock = new AcceleratedClock(start, end, 2880);
        SimulatedInverter truth = new SimulatedInverter("SN-F", new ClearSkyPvModel(new SolarGeometry(35.68, 139.77), 5_000, 0.85), clock, 0);
        FaultInjectingInverter device = new FaultInjectingInverter(truth, List.of(
                // each longer than the agent's 2 s Modbus timeout at 2880x (96 simulated minutes)
                new Fault(Fault.Kind.MALFORMED, start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(4)), 0),
                new Fault(Fault.Kind.OUTAGE, start.plus(Duration.ofHours(6)), start.plus(Duration.ofHours(9)), 0)));
        try (ModbusTcpServer modbus = new ModbusTcpServer(0, Map.of(1, new SunSpecInverterRegisters(device, "solar-mrv", "faulty")));
             ReadingStore store = ReadingStore.open(dir.resolve("store"), 64L << 20, 1L << 20)) {
            EdgeAgent agent = new EdgeAgent(clock, ClockSync.NTP, Duration.ofMinutes(2), Duration.ofMillis(2),
                    GatewayKey.generate(new SecureRandom()), List.of(new DeviceEndpoint.ModbusTcp("inv-f", "127.0.0.1", modbus.port(), 1)),
                    store, false);
            agent.runUntil(end);
            agent.close();

            List<Instant> stored = store.unacknowledged(10_000).stream()
                    .map(e -> Instant.ofEpochMilli(io.solarmrv.attestation.SignedReading.fromWire(e.bytes()).reading().timestampMillis()))
                    .toList();
            assertTrue(agent.failedPollCount() >= 2, "failed polls: " + agent.failedPollCount());
            assertTrue(stored.stream().noneMatch(t -> t.isAfter(start.plus(Duration.ofMinutes(62)))
                    && t.isBefore(start.plus(Duration.ofMinutes(238)))), "nothing is stored from malformed replies");
            assertTrue(stored.stream().noneMatch(t -> t.isAfter(start.plus(Duration.ofMinutes(362)))
                    && t.isBefore(start.plus(Duration.ofMinutes(538)))), "nothing is stored while the device is silent");
            assertTrue(stored.stream().anyMatch(t -> t.isAfter(start.plus(Duration.ofHours(4)))
                    && t.isBefore(start.plus(Duration.ofHours(6)))), "readings resume after the malformed hours");
            assertTrue(stored.stream().anyMatch(t -> t.isAfter(start.plus(Duration.ofHours(9)))), "and after the outage");
            assertTrue(agent.deviceStatus().get("inv-f").lastError().contains("inv-f"), agent.deviceStatus().toString());
            assertEquals(2, device.groundTruth().size(), device.groundTruth().toString());
        }
    }

    /** A thread that polls until the agent is stopped (not yet started). */
    private static Thread pollingThread(EdgeAgent agent) {
        return new Thread(() -> {
            try {
                agent.runUntil(Instant.MAX);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Runs the agent over one ECHONET Lite PV conditioner for a while, on the given store, and stops it. */
    private static void runEchonetAgent(ReadingStore store, GatewayKey key, int port, long millis) throws Exception {
        EdgeAgent agent = new EdgeAgent(Clock.systemUTC(), ClockSync.NTP, Duration.ofMillis(50), Duration.ofMillis(5), key,
                List.of(new DeviceEndpoint.EchonetUdp("home-pv", "127.0.0.1", port, io.solarmrv.echonet.EchonetObject.parse("027901"))),
                store, false);
        Thread polling = pollingThread(agent);
        polling.start();
        Thread.sleep(millis);
        agent.stop();
        polling.join();
        agent.close();
    }

    @Test
    void aHomeRegisterThatRollsOverWhileTheAgentIsStoppedIsNotReadAsADecreaseAfterItsRestart(@TempDir Path dir) throws Exception {
        long[] registerWh = {999_999_000L};   // 0xE1 shows 999,999,000 Wh and rolls over past 999,999,999
        io.solarmrv.simulators.InverterMeter pv = new io.solarmrv.simulators.InverterMeter() {
            @Override
            public SimulatedInverter.Snapshot read() {
                return new SimulatedInverter.Snapshot(Instant.now(), 1_000, registerWh[0]);
            }

            @Override
            public String serialNumber() {
                return "PC-ROLL";
            }

            @Override
            public long nameplateW() {
                return 5_500;
            }
        };
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        try (io.solarmrv.simulators.EchonetNode node = io.solarmrv.simulators.EchonetNode.start(0,
                List.of(new io.solarmrv.simulators.EchonetPvConditioner(1, pv)));
             ReadingStore store = ReadingStore.open(dir.resolve("store"), 64L << 20, 1L << 20)) {
            runEchonetAgent(store, key, node.port(), 400);
            registerWh[0] = 1_000_000_500L;   // while the agent is stopped the register passes its maximum: it shows 500
            runEchonetAgent(store, key, node.port(), 400);
            List<Reading> signed = store.unacknowledged(10_000).stream()
                    .map(e -> io.solarmrv.attestation.SignedReading.fromWire(e.bytes()).reading()).toList();
            assertTrue(signed.size() > 4, "both runs signed readings: " + signed.size());
            assertEquals(999_999_000L, signed.get(0).energyRegisterWh());
            assertEquals(1_000_000_500L, signed.get(signed.size() - 1).energyRegisterWh(), "not 500: the rollover is seen");
            for (int i = 1; i < signed.size(); i++) {
                assertTrue(signed.get(i).energyRegisterWh() >= signed.get(i - 1).energyRegisterWh(), "never a decrease: " + i);
                assertEquals(signed.get(i - 1).sequence() + 1, signed.get(i).sequence(), "one chain across the restart");
            }
        }
    }

    @Test
    void aClockKnownToBeWrongStopsSigningUntilItIsCorrected(@TempDir Path dir) throws Exception {
        Duration[] offset = {Duration.ZERO};
        ClockMonitor measured = () -> new ClockMonitor.ClockStatus(ClockSync.NTP, offset[0], true);
        try (ModbusTcpServer modbus = new ModbusTcpServer(0, inverters(Clock.systemUTC(), 1));
             ReadingStore store = ReadingStore.open(dir.resolve("store"), 64L << 20, 1L << 20)) {
            EdgeAgent agent = new EdgeAgent(Clock.systemUTC(), measured, Duration.ofSeconds(1), Duration.ofMillis(50),
                    Duration.ofMillis(5), GatewayKey.generate(new SecureRandom()),
                    List.of(new DeviceEndpoint.ModbusTcp("inv-1", "127.0.0.1", modbus.port(), 1)), store, false);
            Thread polling = pollingThread(agent);
            polling.start();
            Thread.sleep(600);
            offset[0] = Duration.ofSeconds(30);               // chrony reports the clock 30 s off
            Thread.sleep(300);
            long whileWrong = agent.storedCount();
            Thread.sleep(600);
            assertEquals(whileWrong, agent.storedCount(), "nothing is signed while the clock is known to be wrong");
            assertTrue(agent.clockRefusalCount() > 3);
            offset[0] = Duration.ofMillis(-40);               // corrected
            Thread.sleep(600);
            agent.stop();
            polling.join();
            agent.close();
            assertTrue(agent.storedCount() > whileWrong, "signing resumes once the clock is right");
            List<ReadingStore.Entry> entries = store.unacknowledged(10_000);
            Reading last = io.solarmrv.attestation.SignedReading.fromWire(entries.get(entries.size() - 1).bytes()).reading();
            assertEquals(-40, last.clockOffsetMillis(), "the measured offset is in the reading");
            assertEquals(ClockSync.NTP, last.clockSync());
        }
    }

    @Test
    void killMinus9OfTheAgentRepeatedlyLosesNoReadingAndForksNoChain(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), FreePort.pick());
             ModbusTcpServer modbus = new ModbusTcpServer(0, inverters(Clock.systemUTC(), 2));
             ReceivedReadings received = new ReceivedReadings(broker.uri())) {
            Path agentData = dir.resolve("agent");
            Path store = agentData.resolve("store");
            String devices = "inv-1=127.0.0.1:" + modbus.port() + ":1,inv-2=127.0.0.1:" + modbus.port() + ":2";
            for (int run = 0; run < 4; run++) {
                Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dlogback.configurationFile=mrv-logback.xml", "-cp", System.getProperty("java.class.path"),
                        Mrv.class.getName(), "agent", "--device", devices, "--broker", broker.uri(), "--data-dir", agentData.toString(),
                        "--poll", "PT0.02S", "--replay-per-second", "2000")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("agent-" + run + ".log").toFile()).start();
                // Let this run publish at least a dozen readings (a loaded machine starts a JVM slowly), then a
                // little longer, different each run, so the kill lands mid-poll and mid-publish.
                int before = received.count();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (received.count() < before + 12 && agent.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(300 + 170L * run);
                agent.destroyForcibly().waitFor();               // SIGKILL, mid-poll and mid-publish
            }
            // What the last agent stored but had not yet forwarded is still in its store: forward it.
            try (ReadingStore leftover = ReadingStore.open(store, 64L << 20, 16L << 20);
                 MqttUpstream upstream = new MqttUpstream(broker.uri(), "drain", MqttUpstream.DEFAULT_TOPIC_PREFIX)) {
                Forwarder forwarder = new Forwarder(leftover, upstream::publishStored, 10_000, Duration.ofSeconds(1));
                Thread drain = new Thread(forwarder);
                drain.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (leftover.pending() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                forwarder.stop();
                drain.join();
                Thread.sleep(1_500);
                Map<String, Integer> distinct = received.assertCompleteOrderedChains();
                for (String device : List.of("inv-1", "inv-2")) {
                    assertTrue(distinct.get(device) > 20, device + " produced readings across the restarts: " + distinct);
                    assertEquals(leftover.chainHeads().get(device).sequence() + 1, distinct.get(device).longValue(),
                            device + ": every reading the agent stored arrived");
                }
            }
        }
    }
}
