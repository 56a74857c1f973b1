package io.solarmrv.edge;

import io.solarmrv.attestation.ClockSync;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agent's configuration file (Java properties, see edge-agent/README.md). Every bad setting is
 * reported by name with what was wrong, all at once, before the agent starts.
 *
 * @param dataDir     the agent's own directory ({@code data.dir}, required): its key and its store unless set apart
 * @param keyFile     the gateway key ({@code gateway.key}; default {@code <data.dir>/gateway-key.p8}, see {@link #createsKey()})
 * @param brokerUri   the MQTT broker (null when readings go over CoAP)
 * @param coapUri     the CoAP ingest, {@code coaps://host:port/readings} (null when they go over MQTT)
 * @param coapPskFile the file holding this gateway's DTLS pre-shared key (raw bytes; owner-only)
 * @param tls         TLS settings for an ssl:// broker (null: the Java runtime's trusted authorities, no client certificate)
 * @param mqttLogin   the broker account ({@code upstream.username} and {@code upstream.password-file}; null: none)
 * @param healthPort  0 to run without the health endpoint
 */
public record AgentConfig(
        Path dataDir,
        Path keyFile,
        String brokerUri,
        String coapUri,
        String coapPskIdentity,
        Path coapPskFile,
        TlsClientSettings tls,
        MqttLogin mqttLogin,
        Path storeDir,
        long storeMegabytes,
        double replayPerSecond,
        Duration pollInterval,
        boolean batchPerPoll,
        ClockSync clockSync,
        boolean clockFromChrony,
        Duration maxClockOffset,
        String siteId,
        Double siteLatitude,
        Double siteLongitude,
        int healthPort,
        List<DeviceEndpoint> devices) {

    /** The key's file name in the data directory, where the agent creates it on first start. */
    public static final String KEY_FILE_NAME = "gateway-key.p8";

    private static final Set<String> KNOWN = Set.of("data.dir", "gateway.key", "upstream.broker", "upstream.coap", "upstream.coap.psk-identity",
            "upstream.coap.psk-file", "upstream.tls.ca-file", "upstream.tls.client-keystore",
            "upstream.tls.client-keystore-password-file", "upstream.username", "upstream.password-file", "store.dir", "store.max-mb",
            "forward.replay-per-second", "poll.interval", "poll.batch", "clock.sync", "clock.source", "clock.max-offset",
            "site.id", "site.latitude",
            "site.longitude", "health.port");

    /** The settings were wrong; the message lists each, one per line. */
    public static final class InvalidConfigException extends Exception {
        InvalidConfigException(String message) {
            super(message);
        }
    }

    public static AgentConfig load(Path file) throws IOException, InvalidConfigException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return parse(properties, file.toString());
    }

    public static AgentConfig parse(Properties p, String source) throws InvalidConfigException {
        Settings s = new Settings(p, source);
        List<DeviceEndpoint> devices = new ArrayList<>();
        for (String name : new TreeSet<>(p.stringPropertyNames())) {
            if (name.startsWith("device.") && name.endsWith(".modbus")) {
                String id = name.substring("device.".length(), name.length() - ".modbus".length());
                String[] address = p.getProperty(name).strip().split(":");
                try {
                    if (address.length != 3) {
                        throw new IllegalArgumentException("must be host:port:unit, e.g. 192.168.1.50:502:1");
                    }
                    devices.add(new DeviceEndpoint.ModbusTcp(id, address[0], Integer.parseInt(address[1]), Integer.parseInt(address[2])));
                } catch (IllegalArgumentException e) {
                    s.error(name, "'" + p.getProperty(name) + "' " + (e instanceof NumberFormatException
                            ? "has a port or unit that is not a number" : e.getMessage()));
                }
            } else if (name.startsWith("device.") && name.endsWith(".rtu")) {
                String id = name.substring("device.".length(), name.length() - ".rtu".length());
                String[] line = p.getProperty(name).strip().split(":");
                try {
                    if (line.length != 3) {
                        throw new IllegalArgumentException("must be serial-port:baud:unit, e.g. /dev/ttyUSB0:9600:1");
                    }
                    devices.add(new DeviceEndpoint.ModbusRtu(id, line[0], Integer.parseInt(line[1]), Integer.parseInt(line[2])));
                } catch (IllegalArgumentException e) {
                    s.error(name, "'" + p.getProperty(name) + "' " + (e instanceof NumberFormatException
                            ? "has a baud rate or unit that is not a number" : e.getMessage()));
                }
            } else if (name.startsWith("device.") && name.endsWith(".coap")) {
                String id = name.substring("device.".length(), name.length() - ".coap".length());
                try {
                    devices.add(new DeviceEndpoint.Coap(id, p.getProperty(name).strip()));
                } catch (IllegalArgumentException e) {
                    s.error(name, e.getMessage());
                }
            } else if (name.startsWith("device.") && name.endsWith(".echonet")) {
                String id = name.substring("device.".length(), name.length() - ".echonet".length());
                String[] address = p.getProperty(name).strip().split(":");
                try {
                    if (address.length != 3) {
                        throw new IllegalArgumentException("must be host:port:EOJ, e.g. 192.168.1.60:3610:027901");
                    }
                    devices.add(new DeviceEndpoint.EchonetUdp(id, address[0], Integer.parseInt(address[1]),
                            io.solarmrv.echonet.EchonetObject.parse(address[2])));
                } catch (IllegalArgumentException e) {
                    s.error(name, "'" + p.getProperty(name) + "' " + (e instanceof NumberFormatException
                            ? "has a port that is not a number" : e.getMessage()));
                }
            } else if (name.startsWith("device.") && name.endsWith(".routeb")) {
                String id = name.substring("device.".length(), name.length() - ".routeb".length());
                String credentials = p.getProperty(name + ".credentials");
                if (credentials == null || credentials.isBlank()) {
                    s.error(name + ".credentials", "required with " + name + ": the file holding the meter's B-route ID and password"
                            + " (two lines, owner-only), e.g. /etc/solar-mrv/routeb-" + id);
                } else {
                    try {
                        devices.add(new DeviceEndpoint.RouteB(id, p.getProperty(name).strip(), Path.of(credentials.strip())));
                    } catch (IllegalArgumentException e) {
                        s.error(name, e.getMessage());
                    }
                }
            } else if (name.startsWith("device.") && name.endsWith(".routeb.credentials")) {
                if (p.getProperty(name.substring(0, name.length() - ".credentials".length())) == null) {
                    s.error(name, "belongs to a Route B meter: set " + name.substring(0, name.length() - ".credentials".length())
                            + " to the dongle's serial port too");
                }
            } else if (!KNOWN.contains(name)) {
                s.error(name, "unknown setting (known: " + new TreeSet<>(KNOWN) + ", device.<id>.modbus, device.<id>.rtu, device.<id>.coap,"
                        + " device.<id>.echonet, device.<id>.routeb with device.<id>.routeb.credentials)");
            }
        }
        if (devices.isEmpty() && s.errors.isEmpty()) {
            s.error("device.<id>.modbus", "no device configured: add e.g. device.inv-1.modbus=192.168.1.50:502:1");
        }
        String broker = s.text("upstream.broker", null);
        String coap = s.text("upstream.coap", null);
        String pskIdentity = s.text("upstream.coap.psk-identity", null);
        String pskFile = s.text("upstream.coap.psk-file", null);
        if (broker == null && coap == null) {
            s.error("upstream.broker", "required (or upstream.coap), e.g. tcp://broker.example:1883 or ssl://broker.example:8883");
        } else if (broker != null && coap != null) {
            s.error("upstream.coap", "readings go to one upstream: set upstream.broker or upstream.coap, not both");
        } else if (broker != null && !broker.startsWith("tcp://") && !broker.startsWith("ssl://")) {
            s.error("upstream.broker", "'" + broker + "' must start with tcp:// or ssl://");
        } else if (coap != null && !coap.matches("coaps?://[^/]+(:[0-9]+)?/readings")) {
            s.error("upstream.coap", "'" + coap + "' must be coaps://host:port/readings (coap:// without DTLS, loopback only)");
        } else if (coap != null && coap.startsWith("coaps://") && (pskIdentity == null || pskFile == null)) {
            s.error("upstream.coap.psk-identity", "coaps needs this gateway's DTLS identity and upstream.coap.psk-file, its pre-shared key");
        }
        String caFile = s.text("upstream.tls.ca-file", null);
        String clientKeystore = s.text("upstream.tls.client-keystore", null);
        String keystorePassword = s.text("upstream.tls.client-keystore-password-file", null);
        TlsClientSettings tls = null;
        if (caFile != null || clientKeystore != null || keystorePassword != null) {
            if (broker == null || !broker.startsWith("ssl://")) {
                s.error("upstream.tls.ca-file", "TLS settings apply to an ssl:// broker only (upstream.broker is " + broker + ")");
            } else if ((clientKeystore == null) != (keystorePassword == null)) {
                s.error("upstream.tls.client-keystore", "a client keystore (PKCS#12) and its password file go together");
            } else {
                tls = new TlsClientSettings(caFile == null ? null : Path.of(caFile), clientKeystore == null ? null : Path.of(clientKeystore),
                        keystorePassword == null ? null : Path.of(keystorePassword));
            }
        }
        String username = s.text("upstream.username", null);
        String passwordFile = s.text("upstream.password-file", null);
        MqttLogin login = null;
        if (username != null || passwordFile != null) {
            if (broker == null) {
                s.error("upstream.username", "a broker account applies to an MQTT broker only (upstream.broker is not set)");
            } else if (username == null || passwordFile == null) {
                s.error("upstream.username", "a broker account needs both upstream.username and upstream.password-file");
            } else {
                login = new MqttLogin(username, Path.of(passwordFile));
            }
        }
        // No default in the working directory: a key or store that lands wherever the agent happened to be
        // started from gets committed, copied or lost.
        String dataDir = s.text("data.dir", null);
        if (dataDir == null) {
            s.error("data.dir", "required: the directory this agent keeps its key and store in (created owner-only on first"
                    + " start), e.g. /var/lib/solar-mrv");
        }
        Path data = Path.of(dataDir == null ? "" : dataDir);
        AgentConfig config = new AgentConfig(
                data,
                Path.of(s.text("gateway.key", data.resolve(KEY_FILE_NAME).toString())),
                broker,
                coap,
                pskIdentity,
                pskFile == null ? null : Path.of(pskFile),
                tls,
                login,
                Path.of(s.text("store.dir", data.resolve("store").toString())),
                s.positiveLong("store.max-mb", 1024),
                s.positiveDouble("forward.replay-per-second", 200),
                s.duration("poll.interval", Duration.ofSeconds(60)),
                s.bool("poll.batch", false),
                s.clockSync("clock.sync"),
                s.clockSource("clock.source"),
                s.duration("clock.max-offset", Duration.ofSeconds(1)),
                s.text("site.id", ""),
                s.coordinate("site.latitude", 90),
                s.coordinate("site.longitude", 180),
                (int) s.port("health.port"),
                List.copyOf(devices));
        if (!s.errors.isEmpty()) {
            throw new InvalidConfigException(source + " has " + s.errors.size() + " bad setting(s):\n  " + String.join("\n  ", s.errors));
        }
        return config;
    }

    /**
     * Whether the agent creates its key when there is none: only its own key in the data directory.
     * A key named by {@code gateway.key} elsewhere must exist; making a new one in its place would
     * silently give the gateway a new identity (e.g. when the volume holding it is not mounted).
     */
    public boolean createsKey() {
        return keyFile.equals(dataDir.resolve(KEY_FILE_NAME));
    }

    /** Reads typed settings, collecting every error instead of stopping at the first. */
    private static final class Settings {
        private final Properties properties;
        private final List<String> errors = new ArrayList<>();

        Settings(Properties properties, String source) {
            this.properties = properties;
        }

        void error(String name, String message) {
            errors.add(name + ": " + message);
        }

        String text(String name, String fallback) {
            String value = properties.getProperty(name);
            return value == null || value.isBlank() ? fallback : value.strip();
        }

        /** A setting parsed and checked, or the fallback with an error naming what was wrong. */
        private <T> T parsed(String name, T fallback, java.util.function.Function<String, T> parse,
                             java.util.function.Predicate<T> valid, String requirement) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                T result = parse.apply(value);
                if (valid.test(result)) {
                    return result;
                }
            } catch (RuntimeException e) {
                // reported below
            }
            error(name, "'" + value + "' " + requirement);
            return fallback;
        }

        long positiveLong(String name, long fallback) {
            return parsed(name, fallback, Long::parseLong, v -> v > 0, "must be a whole number above 0");
        }

        double positiveDouble(String name, double fallback) {
            return parsed(name, fallback, Double::parseDouble, v -> v > 0, "must be a number above 0");
        }

        Duration duration(String name, Duration fallback) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                Duration parsed = Duration.parse(value);
                if (parsed.compareTo(Duration.ofMillis(10)) >= 0) {
                    return parsed;
                }
                error(name, "'" + value + "' is shorter than 10 ms");
            } catch (DateTimeParseException e) {
                error(name, "'" + value + "' is not an ISO-8601 duration such as PT60S or PT15M");
            }
            return fallback;
        }

        boolean bool(String name, boolean fallback) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(value);
            }
            error(name, "'" + value + "' must be true or false");
            return fallback;
        }

        ClockSync clockSync(String name) {
            String value = text(name, "UNSYNCHRONIZED");
            try {
                return ClockSync.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                error(name, "'" + value + "' must be one of UNSYNCHRONIZED, NTP, GNSS");
                return ClockSync.UNSYNCHRONIZED;
            }
        }

        boolean clockSource(String name) {
            String value = text(name, "declared");
            if (value.equals("chrony") || value.equals("declared")) {
                return value.equals("chrony");
            }
            error(name, "'" + value + "' must be 'declared' (clock.sync says how the clock is set) or 'chrony'");
            return false;
        }

        Double coordinate(String name, double bound) {
            return parsed(name, null, Double::valueOf, v -> Math.abs(v) <= bound,
                    "must be a number between -" + (int) bound + " and " + (int) bound);
        }

        long port(String name) {
            return parsed(name, 0, Integer::valueOf, v -> v >= 0 && v <= 65535,
                    "must be a TCP port 0..65535 (0: no health endpoint)");
        }
    }
}
