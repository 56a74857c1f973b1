package io.solarmrv.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.ClockSync;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
    private static Properties properties(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    @Test
    void aGoodFileGivesTypedSettingsWithDefaults() throws Exception {
        AgentConfig config = AgentConfig.parse(properties("""
                data.dir=/var/lib/solar-mrv
                upstream.broker=ssl://broker.example:8883
                poll.interval=PT15S
                clock.sync=ntp
                site.latitude=35.68
                device.inv-1.modbus=192.168.1.50:502:1
                device.meter-1.modbus=192.168.1.51:502:2
                """), "agent.properties");
        assertEquals("ssl://broker.example:8883", config.brokerUri());
        assertEquals(Duration.ofSeconds(15), config.pollInterval());
        assertEquals(ClockSync.NTP, config.clockSync());
        assertEquals(1024, config.storeMegabytes());
        assertEquals(Path.of("/var/lib/solar-mrv/gateway-key.p8"), config.keyFile());
        assertEquals(Path.of("/var/lib/solar-mrv/store"), config.storeDir());
        assertTrue(config.createsKey(), "the agent's own key is created in its data directory on first start");
        assertEquals(2, config.devices().size());
        assertEquals("inv-1", config.devices().get(0).deviceId());
        assertEquals(2, ((DeviceEndpoint.Modbus) config.devices().get(1)).unitId());
    }

    @Test
    void everyBadSettingIsNamedAtOnce() throws Exception {
        AgentConfig.InvalidConfigException e = assertThrows(AgentConfig.InvalidConfigException.class,
                () -> AgentConfig.parse(properties("""
                        data.dir=/var/lib/solar-mrv
                        upstream.broker=mqtt://nowhere
                        poll.interval=60
                        store.max-mb=-5
                        clock.sync=sundial
                        site.latitude=123
                        health.port=99999
                        pol.interval=PT1S
                        device.inv-1.modbus=192.168.1.50:five-oh-two:1
                        device.inv-2.modbus=192.168.1.50
                        """), "agent.properties"));
        String message = e.getMessage();
        assertTrue(message.startsWith("agent.properties has 9 bad setting(s)"), message);
        for (String setting : new String[] {"upstream.broker: 'mqtt://nowhere' must start with tcp:// or ssl://",
            "poll.interval: '60' is not an ISO-8601 duration", "store.max-mb: '-5' must be a whole number above 0",
            "clock.sync: 'sundial' must be one of", "site.latitude: '123' must be a number between -90 and 90",
            "health.port: '99999' must be a TCP port", "pol.interval: unknown setting",
            "device.inv-1.modbus: '192.168.1.50:five-oh-two:1' has a port or unit that is not a number",
            "device.inv-2.modbus: '192.168.1.50' must be host:port:unit"}) {
            assertTrue(message.contains(setting), "missing '" + setting + "' in:\n" + message);
        }
    }

    @Test
    void aFileWithoutBrokerOrDevicesSaysWhatIsMissing() throws Exception {
        AgentConfig.InvalidConfigException e = assertThrows(AgentConfig.InvalidConfigException.class,
                () -> AgentConfig.parse(properties(""), "empty.properties"));
        assertTrue(e.getMessage().contains("device.<id>.modbus: no device configured"), e.getMessage());
        assertTrue(e.getMessage().contains("upstream.broker: required"), e.getMessage());
        assertTrue(e.getMessage().contains("data.dir: required"), e.getMessage());
    }

    @Test
    void nothingDefaultsToTheWorkingDirectory() throws Exception {
        AgentConfig.InvalidConfigException e = assertThrows(AgentConfig.InvalidConfigException.class,
                () -> AgentConfig.parse(properties("upstream.broker=tcp://b:1883\ndevice.inv-1.modbus=127.0.0.1:5020:1\n"), "a.properties"));
        assertTrue(e.getMessage().contains("data.dir: required: the directory this agent keeps its key and store in"), e.getMessage());
    }

    @Test
    void aKeyNamedOutsideTheDataDirectoryIsNeverCreated() throws Exception {
        AgentConfig config = AgentConfig.parse(properties("""
                data.dir=/var/lib/solar-mrv
                gateway.key=/mnt/secure/gateway-key.p8
                store.dir=/var/spool/mrv
                upstream.broker=tcp://b:1883
                device.inv-1.modbus=127.0.0.1:5020:1
                """), "a.properties");
        assertEquals(Path.of("/mnt/secure/gateway-key.p8"), config.keyFile());
        assertEquals(Path.of("/var/spool/mrv"), config.storeDir());
        assertFalse(config.createsKey(), "a configured key that is missing means a missing volume, not a new identity");
    }

    @Test
    void readingsGoToOneUpstreamAndCoapsNeedsItsPreSharedKey() throws Exception {
        AgentConfig coap = AgentConfig.parse(properties("""
                data.dir=/d
                device.inv-1.modbus=127.0.0.1:5020:1
                upstream.coap=coaps://ingest.example:5684/readings
                upstream.coap.psk-identity=gateway-7
                upstream.coap.psk-file=/etc/solar-mrv/psk
                """), "coap.properties");
        assertEquals("coaps://ingest.example:5684/readings", coap.coapUri());
        assertEquals("gateway-7", coap.coapPskIdentity());
        assertEquals(java.nio.file.Path.of("/etc/solar-mrv/psk"), coap.coapPskFile());
        assertEquals(null, coap.brokerUri());
        AgentConfig coapDevice = AgentConfig.parse(properties("data.dir=/d\ndevice.m-1.coap=coap://192.168.1.60:5683/meter\nupstream.broker=tcp://b:1883\n"),
                "coap-device.properties");
        assertEquals(new DeviceEndpoint.Coap("m-1", "coap://192.168.1.60:5683/meter"), coapDevice.devices().get(0));
        AgentConfig rtu = AgentConfig.parse(properties("data.dir=/d\ndevice.r-1.rtu=/dev/ttyUSB0:9600:2\nupstream.broker=tcp://b:1883\n"), "rtu.properties");
        assertEquals(new DeviceEndpoint.ModbusRtu("r-1", "/dev/ttyUSB0", 9600, 2), rtu.devices().get(0));
        AgentConfig home = AgentConfig.parse(properties("data.dir=/d\ndevice.pv-1.echonet=192.168.1.60:3610:027901\n"
                + "upstream.broker=tcp://b:1883\n"), "home.properties");
        assertEquals(new DeviceEndpoint.EchonetUdp("pv-1", "192.168.1.60", 3610, io.solarmrv.echonet.EchonetObject.parse("027901")),
                home.devices().get(0));
        AgentConfig routeB = AgentConfig.parse(properties("data.dir=/d\ndevice.m-1.routeb=/dev/ttyUSB0\n"
                + "device.m-1.routeb.credentials=/etc/solar-mrv/routeb-m-1\nupstream.broker=tcp://b:1883\n"), "routeb.properties");
        assertEquals(new DeviceEndpoint.RouteB("m-1", "/dev/ttyUSB0", java.nio.file.Path.of("/etc/solar-mrv/routeb-m-1")),
                routeB.devices().get(0));

        String[][] bad = {
            {"upstream.coap=coaps://ingest.example:5684/readings\n", "upstream.coap.psk-identity: coaps needs"},
            {"upstream.coap=coaps://ingest.example:5684/readings\nupstream.broker=tcp://b:1883\n", "not both"},
            {"upstream.coap=http://ingest.example/readings\n", "must be coaps://host:port/readings"},
            {"upstream.broker=tcp://b:1883\nupstream.tls.ca-file=/etc/ca.pem\n", "TLS settings apply to an ssl:// broker only"},
            {"upstream.broker=ssl://b:8883\nupstream.tls.client-keystore=/etc/gw.p12\n", "go together"},
            {"upstream.broker=tcp://b:1883\ndevice.r-2.rtu=/dev/ttyUSB0:fast:1\n", "device.r-2.rtu: '/dev/ttyUSB0:fast:1' has a baud rate"},
            {"upstream.broker=tcp://b:1883\ndevice.r-3.rtu=/dev/ttyUSB0:9600:0\n", "an RTU unit id must be in 1..247"},
            {"upstream.broker=tcp://b:1883\ndevice.m-2.coap=http://meter/x\n", "device.m-2.coap: m-2: 'http://meter/x' must be coap://host[:port]/path"},
            {"upstream.broker=tcp://b:1883\ndevice.h-1.echonet=192.168.1.60:3610\n", "device.h-1.echonet: '192.168.1.60:3610' must be host:port:EOJ"},
            {"upstream.broker=tcp://b:1883\ndevice.h-2.echonet=192.168.1.60:3610:0279\n", "an EOJ is six hex digits"},
            {"upstream.broker=tcp://b:1883\ndevice.m-2.routeb=/dev/ttyUSB0\n", "device.m-2.routeb.credentials: required with"},
            {"upstream.broker=tcp://b:1883\ndevice.m-3.routeb.credentials=/etc/x\n", "belongs to a Route B meter"},
        };
        for (String[] c : bad) {
            AgentConfig.InvalidConfigException e = assertThrows(AgentConfig.InvalidConfigException.class,
                    () -> AgentConfig.parse(properties("data.dir=/d\ndevice.inv-1.modbus=127.0.0.1:5020:1\n" + c[0]), "bad.properties"));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }
}
