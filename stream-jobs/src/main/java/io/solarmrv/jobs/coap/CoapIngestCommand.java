package io.solarmrv.jobs.coap;

import io.solarmrv.jobs.coap.CoapIngest;
import io.solarmrv.jobs.coap.CoapIngestConfig;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mrv coap-ingest}: the CoAP/DTLS endpoint in front of the broker the readings job consumes from. */
@Command(name = "coap-ingest", mixinStandardHelpOptions = true,
        description = {"Takes signed readings POSTed over CoAP with DTLS (pre-shared keys) to /readings and hands each",
            "message to the MQTT broker (QoS 1); the device gets 2.04 only once the broker has it."})
public final class CoapIngestCommand implements Callable<Integer> {
    /** Starts this command alone, without the launcher: its options, its exit status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new CoapIngestCommand()).execute(args));
    }

    @Option(names = "--bind", defaultValue = "127.0.0.1:5684", description = "UDP address to listen on (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", description = "MQTT broker (default: ${DEFAULT-VALUE})")
    String broker;

    @Option(names = "--psk-file", description = "DTLS pre-shared keys, one 'identity hex-key' per line (# comments); owner-only permissions")
    Path pskFile;

    @Option(names = "--insecure-no-dtls", description = "Plain CoAP without DTLS: loopback development only")
    boolean noDtls;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress address;
        try {
            address = parseAddress(bind);
        } catch (IllegalArgumentException e) {
            System.err.println("--bind: " + e.getMessage());
            return 2;
        }
        Map<String, byte[]> keys = Map.of();
        if (pskFile == null && !noDtls) {
            System.err.println("--psk-file is required (or --insecure-no-dtls for loopback development)");
            return 2;
        }
        if (pskFile != null) {
            try {
                keys = readKeys(Files.readAllLines(pskFile));
            } catch (java.io.IOException | IllegalArgumentException e) {
                System.err.println("--psk-file " + pskFile + ": " + e.getMessage());
                return 2;
            }
        }
        CoapIngestConfig config;
        try {
            config = new CoapIngestConfig(address, keys, broker, "mrv/readings/", 65_536, 10_000);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        CoapIngest started;
        try {
            started = CoapIngest.start(config);
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            System.err.println("--broker: cannot reach the MQTT broker at " + broker + ": " + e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            System.err.println("--bind " + bind + ": cannot listen: " + e.getMessage());
            return 1;
        }
        try (CoapIngest ingest = started) {
            System.out.println("CoAP ingest on " + (config.dtls() ? "coaps://" : "coap://") + ingest.address() + "/readings -> " + broker);
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }

    /** 'identity hex-key' lines; blank lines and '#' comments are skipped; errors name the line. */
    static Map<String, byte[]> readKeys(List<String> lines) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 'identity hex-key'");
            }
            try {
                if (keys.put(parts[0], HexFormat.of().parseHex(parts[1])) != null) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": identity '" + parts[0] + "' appears twice");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": the key is not hex");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no keys");
        }
        return keys;
    }

    static InetSocketAddress parseAddress(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("expected host:port, got '" + text + "'");
        }
        try {
            return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected host:port, got '" + text + "'");
        }
    }
}
