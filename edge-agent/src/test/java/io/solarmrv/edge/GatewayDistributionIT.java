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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway distribution ships without Bouncy Castle (its signed jar alone costs a gateway 3-5 MB
 * of heap): the agent, started by its own main in a JVM whose classpath has no Bouncy Castle jar,
 * polls a real Modbus device and signs and stores what it reads. Its readings then verify here.
 */
class GatewayClasspathTest {
    @Test
    void theAgentSignsAndStoresReadingsWithoutBouncyCastle(@TempDir Path dir) throws Exception {
        String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        String withoutBouncyCastle = Arrays.stream(entries).filter(entry -> !entry.contains("bouncycastle"))
                .collect(Collectors.joining(File.pathSeparator));
        assertTrue(withoutBouncyCastle.length() < String.join(File.pathSeparator, entries).length(),
                "Bouncy Castle is on the test's classpath, so leaving it out means something");

        SimulatedInverter inverter = new SimulatedInverter("INV-1",
                new ClearSkyPvModel(new SolarGeometry(35.68, 139.77), 5_000, 0.85), Clock.systemUTC(), 0);
        Path data = dir.resolve("agent");
        Path log = dir.resolve("agent.log");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();                 // no broker: the agent keeps its readings on disk
        }
        try (ModbusTcpServer device = new ModbusTcpServer(0, Map.of(1, new SunSpecInverterRegisters(inverter, "solar-mrv", "sim-inverter")))) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx24m", "-cp", withoutBouncyCastle, AgentMain.class.getName(),
                    "--data-dir", data.toString(), "--poll", "PT0.2S", "--broker", "tcp://127.0.0.1:" + closedPort,
                    "--device", "inv-1=127.0.0.1:" + device.port() + ":1"));
            Process agent = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (storedSegmentBytes(data.resolve("store")) < 2_000 && agent.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertTrue(agent.isAlive(), "the agent exited:\n" + Files.readString(log));
            } finally {
                agent.destroy();
                agent.waitFor(20, TimeUnit.SECONDS);
            }
        }
        String output = Files.readString(log);
        assertFalse(output.contains("NoClassDefFoundError") || output.contains("ClassNotFoundException"), output);

        byte[] publicKey = GatewayKey.fromPkcs8(Files.readAllBytes(data.resolve("gateway-key.p8"))).publicKey();
        try (ReadingStore store = ReadingStore.open(data.resolve("store"), 1L << 30, 16L << 20)) {
            List<ReadingStore.Entry> kept = store.unacknowledged(1_000);
            assertTrue(kept.size() >= 3, "readings kept: " + kept.size() + "\n" + output);
            for (ReadingStore.Entry entry : kept) {
                for (SignedReading reading : SignedReading.unpack(entry.bytes())) {
                    assertTrue(reading.verify(publicKey), "a reading signed on the gateway's classpath verifies");
                    assertEquals("inv-1", reading.reading().deviceId());
                }
            }
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
