package io.solarmrv.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.solarmrv.simulators.EchonetSmartMeter;
import io.solarmrv.simulators.RouteBDongle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smart meter over Route B: the simulated Wi-SUN dongle on one end of a serial line, the agent's
 * reader on the other, joining the meter with SKSTACK IP and reading it with ECHONET Lite frames.
 * The line is a pseudo-terminal pair made by Debian's {@code socat} (installed by .ci/run).
 */
class RouteBTest {
    private static final String ROUTE_B_ID = "00000039000000000000000000ABCDEF";
    private static final String PASSWORD = "PASSWORD1234";

    @TempDir
    Path dir;
    private Process line;
    private String agentEnd;
    private String dongleEnd;

    @BeforeEach
    void serialLine() throws Exception {
        Path socat = Path.of("/usr/bin/socat");
        if (!Files.isExecutable(socat)) {
            throw new IOException("socat is not installed (apt-get install socat; .ci/run does this)");
        }
        line = new ProcessBuilder(socat.toString(), "pty,raw,echo=0,link=" + dir.resolve("agent"),
                "pty,raw,echo=0,link=" + dir.resolve("dongle")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(dir.resolve("agent")) && Files.exists(dir.resolve("dongle"))) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        agentEnd = dir.resolve("agent").toRealPath().toString();
        dongleEnd = dir.resolve("dongle").toRealPath().toString();
    }

    @AfterEach
    void closeLine() throws InterruptedException {
        line.destroy();
        line.waitFor(5, TimeUnit.SECONDS);
    }

    private Path credentials(String id, String password, String permissions) throws IOException {
        Path file = dir.resolve("routeb-" + permissions);
        Files.writeString(file, id + "\n" + password + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void theAgentJoinsTheMeterThroughTheDongleAndReadsItsRegisters() throws Exception {
        TestHome.Grid grid = new TestHome.Grid();
        grid.boughtWh = 1_234_500;
        grid.soldWh = 67_800;
        // 0.1 kWh counts of 6 digits, as meters commonly report
        try (RouteBDongle dongle = new RouteBDongle(dongleEnd, ROUTE_B_ID, PASSWORD, new EchonetSmartMeter(1, grid, 1, 0x01, 6),
                "001D129012345678");
             EchonetLiteReader reader = EchonetLiteReader.open(new DeviceEndpoint.RouteB("home-meter", agentEnd,
                     credentials(ROUTE_B_ID, PASSWORD, "rw-------")), 2_000)) {
            assertEquals(new DeviceReader.Measurement("SM-0042", -1_200, 1_234_500, 67_800L), reader.read());
            grid.boughtWh = 1_234_700;
            assertEquals(1_234_700, reader.read().energyRegisterWh(), "the second read goes straight to SKSENDTO");
        }
    }

    @Test
    void aWrongPasswordIsRefusedByTheMeterAndNamedWithoutTheSecret() throws Exception {
        try (RouteBDongle dongle = new RouteBDongle(dongleEnd, ROUTE_B_ID, PASSWORD, new EchonetSmartMeter(1, new TestHome.Grid(), 1,
                0x01, 6), "001D129012345678");
             EchonetLiteReader reader = EchonetLiteReader.open(new DeviceEndpoint.RouteB("home-meter", agentEnd,
                     credentials(ROUTE_B_ID, "WRONGPASS123", "rw-------")), 2_000)) {
            DeviceException e = assertThrows(DeviceException.class, reader::read);
            assertEquals("home-meter (ECHONET Lite 028801 over Route B on " + agentEnd + "): the meter refused the Route B join"
                    + " (EVENT 24): check the B-route ID and password", e.getMessage());
        }
    }

    @Test
    void credentialsOthersCanReadAreRefusedBeforeAnythingIsSent() throws Exception {
        try (EchonetLiteReader reader = EchonetLiteReader.open(new DeviceEndpoint.RouteB("home-meter", agentEnd,
                credentials(ROUTE_B_ID, PASSWORD, "rw-r--r--")), 2_000)) {
            DeviceException e = assertThrows(DeviceException.class, reader::read);
            assertEquals("home-meter (ECHONET Lite 028801 over Route B on " + agentEnd + "): Route B credentials "
                    + dir.resolve("routeb-rw-r--r--") + " may be read by others than their owner: chmod 600 it", e.getMessage());
        }
    }
}
