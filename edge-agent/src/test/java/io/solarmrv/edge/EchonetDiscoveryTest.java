package io.solarmrv.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.solarmrv.echonet.EchonetObject;
import io.solarmrv.simulators.EchonetNode;
import io.solarmrv.simulators.EchonetPvConditioner;
import io.solarmrv.simulators.EchonetSmartMeter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Discovery of a home's ECHONET Lite objects against the simulated node, over real UDP on loopback. */
class EchonetDiscoveryTest {
    @Test
    void aNodeListsItsObjectsAndTheAgentPrintsALineForEachItReads() throws Exception {
        try (EchonetNode node = EchonetNode.start(0, List.of(new EchonetPvConditioner(1, new TestHome.Pv()),
                new EchonetSmartMeter(1, new TestHome.Grid(), 1, 0x02, 6)))) {
            EchonetDiscovery.Result found = EchonetDiscovery.discover(EchonetDiscovery.target("127.0.0.1", node.port()),
                    Duration.ofMillis(500));
            assertEquals(1, found.nodes().size());
            assertEquals(List.of(EchonetObject.parse("027901"), EchonetObject.parse("028801")), found.nodes().get(0).objects());
            assertEquals(List.of("device.pv-127-0-0-1-027901.echonet=127.0.0.1:" + node.port() + ":027901",
                    "device.meter-127-0-0-1-028801.echonet=127.0.0.1:" + node.port() + ":028801"), EchonetDiscovery.deviceLines(found));

            // The lines are what AgentConfig reads.
            java.util.Properties settings = new java.util.Properties();
            settings.setProperty("data.dir", "/d");
            settings.setProperty("upstream.broker", "tcp://b:1883");
            for (String line : EchonetDiscovery.deviceLines(found)) {
                String[] keyValue = line.split("=", 2);
                settings.setProperty(keyValue[0], keyValue[1]);
            }
            assertEquals(List.of(new DeviceEndpoint.EchonetUdp("meter-127-0-0-1-028801", "127.0.0.1", node.port(),
                            EchonetObject.parse("028801")), new DeviceEndpoint.EchonetUdp("pv-127-0-0-1-027901", "127.0.0.1", node.port(),
                            EchonetObject.parse("027901"))), AgentConfig.parse(settings, "discovered").devices());

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = new CommandLine(new AgentCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .execute("--discover-echonet", "127.0.0.1", "--echonet-port", Integer.toString(node.port()), "--discover-seconds", "1");
            assertEquals(0, status, err.toString());
            assertEquals(2, out.toString().lines().filter(l -> l.startsWith("device.")).count(), out.toString());
        }
    }

    @Test
    void silenceIsReportedAsNoNodeNotAFailure() throws Exception {
        try (java.net.DatagramSocket quiet = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            EchonetDiscovery.Result found = EchonetDiscovery.discover(EchonetDiscovery.target("127.0.0.1", quiet.getLocalPort()),
                    Duration.ofMillis(300));
            assertEquals(List.of(), found.nodes());
            StringWriter err = new StringWriter();
            int status = new CommandLine(new AgentCommand()).setErr(new PrintWriter(err)).execute("--discover-echonet", "127.0.0.1",
                    "--echonet-port", Integer.toString(quiet.getLocalPort()), "--discover-seconds", "1");
            assertEquals(1, status);
            assertEquals("0 node(s) answered at 127.0.0.1:" + quiet.getLocalPort() + " within 1 s", err.toString().strip());
        }
    }
}
