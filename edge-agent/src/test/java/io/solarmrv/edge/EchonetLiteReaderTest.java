package io.solarmrv.edge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.echonet.EchonetObject;
import io.solarmrv.echonet.Esv;
import io.solarmrv.echonet.Frame;
import io.solarmrv.simulators.EchonetNode;
import io.solarmrv.simulators.EchonetPvConditioner;
import io.solarmrv.simulators.EchonetSmartMeter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's ECHONET Lite reader against the simulated household devices, over real UDP on loopback. */
class EchonetLiteReaderTest {
    private static final Instant T = TestHome.T;

    private static EchonetLiteReader reader(EchonetNode node, String eoj) {
        return EchonetLiteReader.open(new DeviceEndpoint.EchonetUdp("home-1", "127.0.0.1", node.port(), EchonetObject.parse(eoj)), 300);
    }

    @Test
    void aPvPowerConditionerGivesItsPowerGeneratedEnergyAndSerial() throws Exception {
        TestHome.Pv pv = new TestHome.Pv();
        pv.registerWh = 1_234_567;
        try (EchonetNode node = EchonetNode.start(0, List.of(new EchonetPvConditioner(1, pv)));
             EchonetLiteReader reader = reader(node, "027901")) {
            assertEquals(new DeviceReader.Measurement("PC-0001", 2_750, 1_234_567, null), reader.read());
        }
    }

    @Test
    void aSmartMetersCountsBecomeWattHoursByItsUnitAndCoefficient() throws Exception {
        TestHome.Grid grid = new TestHome.Grid();
        grid.boughtWh = 1_234_560;
        grid.soldWh = 98_760;
        // unit 0x02 (0.01 kWh = 10 Wh) x coefficient 1, 6 digits: 123,456 and 9,876 counts
        try (EchonetNode node = EchonetNode.start(0, List.of(new EchonetSmartMeter(1, grid, 1, 0x02, 6)));
             EchonetLiteReader reader = reader(node, "028801")) {
            assertEquals(new DeviceReader.Measurement("SM-0042", -1_200, 1_234_560, 98_760L), reader.read());
        }
    }

    @Test
    void aRegisterRollingOverAtItsDigitsKeepsCountingAndNeverReadsAsADecrease() throws Exception {
        TestHome.Grid grid = new TestHome.Grid();
        TestHome.Pv pv = new TestHome.Pv();
        grid.boughtWh = 99_990;   // 4 digits of 0.01 kWh: the register shows 9,999 and rolls over at 100 kWh
        pv.registerWh = 999_999_000;   // 0xE1 rolls over past 999,999.999 kWh
        try (EchonetNode node = EchonetNode.start(0, List.of(new EchonetSmartMeter(1, grid, 1, 0x02, 4), new EchonetPvConditioner(1, pv)));
             EchonetLiteReader meter = reader(node, "028801");
             EchonetLiteReader conditioner = reader(node, "027901")) {
            assertEquals(99_990, meter.read().energyRegisterWh());
            assertEquals(999_999_000, conditioner.read().energyRegisterWh());
            grid.boughtWh = 100_050;   // shown: 5
            pv.registerWh = 1_000_000_500;   // shown: 500
            assertEquals(100_050, meter.read().energyRegisterWh(), "past the rollover, the register goes on");
            assertEquals(1_000_000_500, conditioner.read().energyRegisterWh());
        }
    }

    @Test
    void aRegisterThatRolledOverWhileTheAgentWasDownGoesOnFromTheLastSignedOne() throws Exception {
        TestHome.Grid grid = new TestHome.Grid();
        TestHome.Pv pv = new TestHome.Pv();
        grid.boughtWh = 99_990;
        pv.registerWh = 999_999_000;
        try (EchonetNode node = EchonetNode.start(0, List.of(new EchonetSmartMeter(1, grid, 1, 0x02, 4), new EchonetPvConditioner(1, pv)))) {
            DeviceReader.Measurement meterBefore;
            DeviceReader.Measurement pvBefore;
            try (EchonetLiteReader meter = reader(node, "028801"); EchonetLiteReader conditioner = reader(node, "027901")) {
                meterBefore = meter.read();
                pvBefore = conditioner.read();
            }
            // The agent is down while both registers roll over; then it starts again with what it last signed.
            grid.boughtWh = 100_050;
            pv.registerWh = 1_000_000_500;
            try (EchonetLiteReader meter = reader(node, "028801"); EchonetLiteReader conditioner = reader(node, "027901")) {
                meter.resumeFrom(new DeviceReader.LastSigned(meterBefore.serialNumber(), meterBefore.energyRegisterWh(),
                        meterBefore.exportRegisterWh()));
                conditioner.resumeFrom(new DeviceReader.LastSigned(pvBefore.serialNumber(), pvBefore.energyRegisterWh(), null));
                assertEquals(100_050, meter.read().energyRegisterWh(), "not 50: the rollover is seen across the restart");
                assertEquals(1_000_000_500, conditioner.read().energyRegisterWh());
            }
            // What another device (another production number) signed is not continued from.
            try (EchonetLiteReader conditioner = reader(node, "027901")) {
                conditioner.resumeFrom(new DeviceReader.LastSigned("PC-OTHER", pvBefore.energyRegisterWh(), null));
                assertEquals(500, conditioner.read().energyRegisterWh());
            }
            // A register reset on the same device (a decrease, not a rollover) starts from what it shows, as
            // before restarts were carried over, so the job flags the decrease; it is never refused for good.
            pv.registerWh = 400_000_000;
            try (EchonetLiteReader conditioner = reader(node, "027901")) {
                conditioner.resumeFrom(new DeviceReader.LastSigned(pvBefore.serialNumber(), 999_999_000, null));
                assertEquals(400_000_000, conditioner.read().energyRegisterWh());
            }
        }
    }

    @Test
    void aHomeWithABatteryIsReadOnEachOfItsDevicesAndItsEnergyBalances() throws Exception {
        io.solarmrv.simulators.DailyLoadProfile load = io.solarmrv.simulators.EchonetHome.householdLoad(java.time.ZoneOffset.UTC);
        io.solarmrv.simulators.PowerProfile pv = new io.solarmrv.simulators.PowerProfile() {
            @Override
            public double powerW(Instant instant) {
                return 3_000;
            }

            @Override
            public long nameplateW() {
                return 4_000;
            }
        };
        TestHome.MutableClock clock = new TestHome.MutableClock(T);
        try (EchonetNode node = io.solarmrv.simulators.EchonetHome.start(0, "H1", pv, load, clock, true);
             EchonetLiteReader conditioner = reader(node, "027901");
             EchonetLiteReader battery = reader(node, "027d01");
             EchonetLiteReader meter = reader(node, "028801")) {
            conditioner.read();
            battery.read();
            meter.read();
            clock.now = T.plusSeconds(3_600);
            DeviceReader.Measurement generated = conditioner.read();
            DeviceReader.Measurement stored = battery.read();
            DeviceReader.Measurement grid = meter.read();
            // 3 kW of PV over the night-time 300 W load (03:00 UTC): 2 kW into the battery, 700 W sold, for an hour.
            assertEquals(3_000, generated.energyRegisterWh());
            assertEquals("H1-BT", stored.serialNumber());
            assertEquals(2_000, stored.exportRegisterWh(), "charged");
            assertEquals(0, stored.energyRegisterWh(), "nothing discharged");
            assertEquals(0, grid.energyRegisterWh(), "nothing bought");
            assertEquals(700, grid.exportRegisterWh(), "sold: 0.1 kWh counts, 7 of them");
        }
    }

    @Test
    void aRegisterGoingDownWithoutRollingOverIsADeviceErrorNotASmallerRegister() throws Exception {
        TestHome.Grid grid = new TestHome.Grid();
        grid.boughtWh = 500_000;
        try (EchonetNode node = EchonetNode.start(0, List.of(new EchonetSmartMeter(1, grid, 1, 0x02, 6)));
             EchonetLiteReader reader = reader(node, "028801")) {
            reader.read();
            grid.boughtWh = 10_000;   // a reset meter
            DeviceException e = assertThrows(DeviceException.class, reader::read);
            assertEquals("home-1 (ECHONET Lite 028801 at 127.0.0.1:" + node.port() + ") bought energy (0xE0): the register went from"
                    + " 50000 down to 1000 without passing its maximum 999999 (a reset or replaced meter, not a rollover)", e.getMessage());
        }
    }

    @Test
    void silenceNotAvailableAndMalformedAnswersAreDeviceErrorsWithTheirReason() throws Exception {
        try (EchonetNode node = EchonetNode.start(0, List.of(new EchonetPvConditioner(1, new TestHome.Pv())));
             EchonetLiteReader reader = reader(node, "027901")) {
            String name = "home-1 (ECHONET Lite 027901 at 127.0.0.1:" + node.port() + ")";
            node.behave(EchonetNode.Behaviour.SILENT);
            assertEquals(name + ": no answer in 300 ms", assertThrows(DeviceException.class, reader::read).getMessage());
            node.behave(EchonetNode.Behaviour.NOT_AVAILABLE);
            assertEquals(name + " answered Get_SNA: not available 0xE0, 0xE1, 0x8D",
                    assertThrows(DeviceException.class, reader::read).getMessage());
            node.behave(EchonetNode.Behaviour.MALFORMED);
            assertEquals(name + " answered with a malformed frame: 6 bytes: shorter than the 12 of a frame's header and first property count",
                    assertThrows(DeviceException.class, reader::read).getMessage());
            node.behave(EchonetNode.Behaviour.NORMAL);
            assertEquals("PC-0001", reader.read().serialNumber(), "the device answers again, and so does the reader");
        }
    }

    @Test
    void framesFromAnyOtherAddressThanTheDevicesAreIgnoredNotTakenForItsAnswer() throws Exception {
        TestHome.Pv pv = new TestHome.Pv();
        pv.registerWh = 1_234_567;
        // The reader asks the relay (the device's address as configured); the relay forwards to the
        // simulated device and answers with its reply, after a stranger on the LAN has sent the
        // reader a malformed frame and a forged answer with the same TID and object.
        try (EchonetNode node = EchonetNode.start(0, List.of(new EchonetPvConditioner(1, pv)));
             DatagramSocket relay = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket stranger = new DatagramSocket();
             EchonetLiteReader reader = EchonetLiteReader.open(new DeviceEndpoint.EchonetUdp("home-1", "127.0.0.1", relay.getLocalPort(),
                     EchonetObject.parse("027901")), 2_000)) {
            relay.setSoTimeout(2_000);
            java.util.concurrent.Future<DeviceReader.Measurement> read = java.util.concurrent.Executors.newSingleThreadExecutor()
                    .submit(reader::read);
            DatagramPacket request = new DatagramPacket(new byte[1500], 1500);
            relay.receive(request);
            java.net.SocketAddress agent = request.getSocketAddress();
            relay.send(new DatagramPacket(request.getData(), request.getLength(), InetAddress.getLoopbackAddress(), node.port()));
            DatagramPacket reply = new DatagramPacket(new byte[1500], 1500);
            relay.receive(reply);
            Frame genuine = Frame.decode(reply.getData(), reply.getLength());
            byte[] junk = {0x10, (byte) 0x81, 0x00};
            stranger.send(new DatagramPacket(junk, junk.length, agent));
            List<io.solarmrv.echonet.Property> forgedProperties = genuine.properties().stream()
                    .map(p -> p.epc() == 0xE1 ? new io.solarmrv.echonet.Property(0xE1, new byte[] {0x7F, 0, 0, 0}) : p).toList();
            byte[] forged = new Frame(genuine.tid(), genuine.source(), genuine.destination(), genuine.esv(), forgedProperties).encode();
            stranger.send(new DatagramPacket(forged, forged.length, agent));
            Thread.sleep(100);
            relay.send(new DatagramPacket(reply.getData(), reply.getLength(), agent));
            assertEquals(new DeviceReader.Measurement("PC-0001", 2_750, 1_234_567, null), read.get(5, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void aClassTheAgentDoesNotReadIsRefusedWhenConfigured() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EchonetLiteReader.open(
                new DeviceEndpoint.EchonetUdp("aircon", "127.0.0.1", 3610, EchonetObject.parse("013001")), 300));
        assertEquals("aircon: EOJ 013001 is not read here (a PV power conditioner 0279xx, a storage battery 027Dxx or a low-voltage"
                + " smart meter 0288xx)",
                e.getMessage());
    }

    @Test
    void theNodeAnswersDiscoveryWithItsInstancesAndCountsWhatIsNoFrame() throws Exception {
        try (EchonetNode node = EchonetNode.start(0, List.of(new EchonetPvConditioner(1, new TestHome.Pv()),
                new EchonetSmartMeter(1, new TestHome.Grid(), 1, 0x02, 6)));
             DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(2_000);
            byte[] junk = {0x10, (byte) 0x81, 0x00};
            socket.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), node.port()));
            byte[] discovery = Frame.get(7, EchonetObject.NODE_PROFILE, 0xD6).encode();
            socket.send(new DatagramPacket(discovery, discovery.length, InetAddress.getLoopbackAddress(), node.port()));
            DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
            socket.receive(packet);
            Frame answer = Frame.decode(packet.getData(), packet.getLength());
            assertEquals(Esv.GET_RES, answer.esv());
            assertEquals(7, answer.tid());
            assertArrayEquals(HexFormat.of().parseHex("02027901028801"), answer.property(0xD6).orElseThrow().edt());
            assertEquals(1, node.malformedReceived());
            assertTrue(answer.source().equals(EchonetObject.NODE_PROFILE));
        }
    }
}
