package io.solarmrv.edge;

import io.solarmrv.echonet.EchonetObject;
import java.net.URI;

/**
 * Where a device answers, and the id it is registered under: a SunSpec device at a Modbus TCP
 * host, port and unit id; or on a Modbus RTU serial line ({@link #rtu}: {@code serialPort} at
 * {@code baudRate}, 8N1, and the unit id); or a CoAP meter at {@code coapUri} ({@link #coap}),
 * observed; or an ECHONET Lite object at a UDP host and port ({@link #echonet}), or a smart meter
 * behind a Route B dongle on a serial port ({@link #routeB}).
 */
public record DeviceEndpoint(String deviceId, String host, int port, int unitId, String coapUri, String serialPort, int baudRate,
                             EchonetObject echonetObject, java.nio.file.Path routeBCredentials) {
    public DeviceEndpoint {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("device id must not be blank");
        }
        if (echonetObject != null) {
            if (serialPort != null ? serialPort.isBlank() || routeBCredentials == null
                    : host == null || host.isBlank() || port < 1 || port > 65535) {
                throw new IllegalArgumentException(deviceId + ": ECHONET Lite needs a host and a UDP port in 1..65535, or a Route B"
                        + " dongle's serial port and credentials file; was '" + host + "', " + port + ", '" + serialPort + "'");
            }
        } else if (coapUri != null) {
            URI uri;
            try {
                uri = URI.create(coapUri);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(deviceId + ": '" + coapUri + "' is not a URI");
            }
            if (!"coap".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(deviceId + ": '" + coapUri + "' must be coap://host[:port]/path");
            }
        } else if (serialPort != null) {
            if (serialPort.isBlank() || baudRate < 300 || baudRate > 1_000_000) {
                throw new IllegalArgumentException(deviceId + ": a serial line needs a port and a baud rate in 300..1000000, was '"
                        + serialPort + "' at " + baudRate);
            }
            if (unitId < 1 || unitId > 247) {
                throw new IllegalArgumentException(deviceId + ": an RTU unit id must be in 1..247, was " + unitId);
            }
        } else {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(deviceId + ": port must be in 1..65535, was " + port);
            }
            if (unitId < 0 || unitId > 255) {
                throw new IllegalArgumentException(deviceId + ": unit id must be in 0..255, was " + unitId);
            }
        }
    }

    /** A SunSpec device over Modbus TCP. */
    public DeviceEndpoint(String deviceId, String host, int port, int unitId) {
        this(deviceId, host, port, unitId, null, null, 0, null, null);
    }

    /** A meter that speaks CoAP, observed at {@code uri}. */
    public static DeviceEndpoint coap(String deviceId, String uri) {
        return new DeviceEndpoint(deviceId, "", 0, 0, uri, null, 0, null, null);
    }

    /** A SunSpec device on a Modbus RTU serial line. */
    public static DeviceEndpoint rtu(String deviceId, String serialPort, int baudRate, int unitId) {
        return new DeviceEndpoint(deviceId, "", 0, unitId, null, serialPort, baudRate, null, null);
    }

    /** An ECHONET Lite device object at a UDP host and port (3610 is ECHONET Lite's). */
    public static DeviceEndpoint echonet(String deviceId, String host, int port, EchonetObject object) {
        return new DeviceEndpoint(deviceId, host, port, 0, null, null, 0, object, null);
    }

    /**
     * A low-voltage smart meter (028801) over Route B: a Wi-SUN dongle on {@code serialPort} (115200
     * 8N1), the meter's B-route ID and password in {@code credentials} (two lines, owner-only).
     */
    public static DeviceEndpoint routeB(String deviceId, String serialPort, java.nio.file.Path credentials) {
        return new DeviceEndpoint(deviceId, "", 0, 0, null, serialPort, 115_200, EchonetObject.parse("028801"), credentials);
    }

    /** Where it answers, for messages: host:port, the serial port, or host:port/EOJ. */
    public String address() {
        return coapUri != null ? coapUri : serialPort != null ? serialPort + "@" + baudRate + (echonetObject != null ? " (Route B)" : "")
                : host + ":" + port + (echonetObject != null ? "/" + echonetObject : "");
    }
}
