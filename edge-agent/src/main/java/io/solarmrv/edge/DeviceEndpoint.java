package io.solarmrv.edge;

import io.solarmrv.echonet.EchonetObject;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where a device answers, and the id it is registered under: one record per way of reaching it,
 * each checking its own fields. The agent picks the reader by the record ({@link EdgeAgent}):
 * SunSpec over Modbus, a CoAP meter observed, or ECHONET Lite.
 */
public sealed interface DeviceEndpoint {
    /** The id the device is registered under. */
    String deviceId();

    /** Where it answers, for messages: host:port, the serial port, the URI, or host:port/EOJ. */
    String address();

    /** A SunSpec device over Modbus, by TCP or on a serial line, at a unit id. */
    sealed interface Modbus extends DeviceEndpoint {
        int unitId();
    }

    /** An ECHONET Lite device object, over UDP or behind a Route B dongle. */
    sealed interface EchonetLite extends DeviceEndpoint {
        EchonetObject echonetObject();
    }

    /** A SunSpec device over Modbus TCP at {@code host:port}, unit 0..255. */
    record ModbusTcp(String deviceId, String host, int port, int unitId) implements Modbus {
        public ModbusTcp {
            requireId(deviceId);
            if (host == null || host.isBlank() || port < 1 || port > 65535) {
                throw new IllegalArgumentException(deviceId + ": needs a host and a port in 1..65535, was '" + host + "', " + port);
            }
            if (unitId < 0 || unitId > 255) {
                throw new IllegalArgumentException(deviceId + ": unit id must be in 0..255, was " + unitId);
            }
        }

        @Override
        public String address() {
            return host + ":" + port;
        }
    }

    /** A SunSpec device on a Modbus RTU serial line: {@code serialPort} at {@code baudRate}, 8N1, unit 1..247. */
    record ModbusRtu(String deviceId, String serialPort, int baudRate, int unitId) implements Modbus {
        public ModbusRtu {
            requireId(deviceId);
            if (serialPort == null || serialPort.isBlank() || baudRate < 300 || baudRate > 1_000_000) {
                throw new IllegalArgumentException(deviceId + ": a serial line needs a port and a baud rate in 300..1000000, was '"
                        + serialPort + "' at " + baudRate);
            }
            if (unitId < 1 || unitId > 247) {
                throw new IllegalArgumentException(deviceId + ": an RTU unit id must be in 1..247, was " + unitId);
            }
        }

        @Override
        public String address() {
            return serialPort + "@" + baudRate;
        }
    }

    /** A meter that speaks CoAP, observed at {@code uri} (coap://host[:port]/path). */
    record Coap(String deviceId, String uri) implements DeviceEndpoint {
        public Coap {
            requireId(deviceId);
            URI parsed;
            try {
                parsed = URI.create(uri);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(deviceId + ": '" + uri + "' is not a URI");
            }
            if (!"coap".equals(parsed.getScheme()) || parsed.getHost() == null) {
                throw new IllegalArgumentException(deviceId + ": '" + uri + "' must be coap://host[:port]/path");
            }
        }

        @Override
        public String address() {
            return uri;
        }
    }

    /** An ECHONET Lite device object at a UDP host and port (3610 is ECHONET Lite's). */
    record EchonetUdp(String deviceId, String host, int port, EchonetObject echonetObject) implements EchonetLite {
        public EchonetUdp {
            requireId(deviceId);
            if (host == null || host.isBlank() || port < 1 || port > 65535 || echonetObject == null) {
                throw new IllegalArgumentException(deviceId + ": ECHONET Lite needs a host, a UDP port in 1..65535 and an object;"
                        + " was '" + host + "', " + port + ", " + echonetObject);
            }
        }

        @Override
        public String address() {
            return host + ":" + port + "/" + echonetObject;
        }
    }

    /**
     * A low-voltage smart meter (028801) over Route B: a Wi-SUN dongle on {@code serialPort} (115200
     * 8N1), the meter's B-route ID and password in {@code credentials} (two lines, owner-only).
     */
    record RouteB(String deviceId, String serialPort, Path credentials) implements EchonetLite {
        public static final int BAUD_RATE = 115_200;

        public RouteB {
            requireId(deviceId);
            if (serialPort == null || serialPort.isBlank() || credentials == null) {
                throw new IllegalArgumentException(deviceId + ": Route B needs the dongle's serial port and a credentials file;"
                        + " was '" + serialPort + "', " + credentials);
            }
        }

        @Override
        public EchonetObject echonetObject() {
            return EchonetObject.parse("028801");
        }

        @Override
        public String address() {
            return serialPort + "@" + BAUD_RATE + " (Route B)";
        }
    }

    private static void requireId(String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("device id must not be blank");
        }
    }
}
