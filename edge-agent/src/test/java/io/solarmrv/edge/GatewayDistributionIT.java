package io.solarmrv.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.SignedReading;
import io.solarmrv.edge.store.ReadingStore;
import io.solarmrv.simulators.ClearSkyPvModel;
import io.solarmrv.simulators.ModbusTcpServer;
import io.solarmrv.simulators.SimulatedInverter;
import io.solarmrv.simulators.SunSpecInverterRegisters;
import io.solarmrv.attestation.SolarGeometry;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway distribution as built ({@code mvn verify} runs this after {@code package}, with
 * failsafe): its start script, its {@code lib/} without Bouncy Castle or logback (their jars alone cost
 * a gateway 3-5 and 3.5 MB of memory), its logging configuration. The agent polls a real Modbus
 * device, signs and stores what it reads, and its readings then verify here.
 */
class GatewayDistributionIT {
    @Test
    void theDistributionsAgentSignsAndStoresReadingsAndLogsThroughItsConfiguration(@TempDir Path dir) throws Exception {
        Path distribution = distribution();
        try (var jars = Files.list(distribution.resolve("lib"))) {
            List<String> names = jars.map(jar -> jar.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(name -> name.startsWith("bcprov") || name.startsWith("logback")), names.toString());
            assertTrue(names.stream().anyMatch(name -> name.startsWith("slf4j-simple")), names.toString());
        }

        SimulatedInverter inverter = new SimulatedInverter("INV-1",
                new ClearSkyPvModel(new SolarGeometry(35.68, 139.77), 5_000, 0.85), Clock.systemUTC(), 0);
        Path data = dir.resolve("agent");
        Path log = dir.resolve("agent.log");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();                 // no broker: the agent keeps its readings on disk
        }
        try (ModbusTcpServer device = new ModbusTcpServer(0, Map.of(1, new SunSpecInverterRegisters(inverter, "solar-mrv", "sim-inverter")))) {
            List<String> command = List.of(distribution.resolve("bin/solar-mrv-agent").toString(),
                    "--data-dir", data.toString(), "--poll", "PT0.2S", "--broker", "tcp://127.0.0.1:" + closedPort,
                    "--device", "inv-1=127.0.0.1:" + device.port() + ":1");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv("PATH"));
            builder.environment().remove("MRV_JAVA_OPTS");
            Process agent = builder.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (storedSegmentBytes(data.resolve("store")) < 2_000 && agent.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertTrue(agent.isAlive(), "the agent exited:\n" + Files.readString(log));
            } finally {
                agent.toHandle().descendants().forEach(ProcessHandle::destroy);
                agent.destroy();
                agent.waitFor(20, TimeUnit.SECONDS);
            }
        }
        String output = Files.readString(log);
        assertFalse(output.contains("NoClassDefFoundError") || output.contains("ClassNotFoundException") || output.contains("SLF4J(W)"), output);
        assertTrue(output.contains("INFO GatewayKeyFile - created a new gateway key"), "the agent logs as conf/simplelogger.properties says:\n" + output);

        byte[] publicKey = GatewayKey.fromPkcs8(Files.readAllBytes(data.resolve("gateway-key.p8"))).publicKey();
        try (ReadingStore store = ReadingStore.open(data.resolve("store"), 1L << 30, 16L << 20)) {
            List<ReadingStore.Entry> kept = store.unacknowledged(1_000);
            assertTrue(kept.size() >= 3, "readings kept: " + kept.size() + "\n" + output);
            for (ReadingStore.Entry entry : kept) {
                for (SignedReading reading : SignedReading.unpack(entry.bytes())) {
                    assertTrue(reading.verify(publicKey), "a reading signed by the distribution's agent verifies");
                    assertEquals("inv-1", reading.reading().deviceId());
                }
            }
        }
    }

    /** target/edge-agent-VERSION-gateway/solar-mrv-agent, as {@code package} leaves it. */
    private static Path distribution() throws Exception {
        try (var built = Files.list(Path.of("target"))) {
            return built.filter(path -> path.getFileName().toString().endsWith("-gateway") && Files.isDirectory(path))
                    .map(path -> path.resolve("solar-mrv-agent")).findFirst()
                    .orElseThrow(() -> new AssertionError("no gateway distribution in target/: run mvn verify (package builds it)"));
        }
    }

    private static long storedSegmentBytes(Path store) throws Exception {
        if (!Files.isDirectory(store)) {
            return 0;
        }
        try (var files = Files.list(store)) {
            return files.filter(file -> file.getFileName().toString().startsWith("segment-")).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
