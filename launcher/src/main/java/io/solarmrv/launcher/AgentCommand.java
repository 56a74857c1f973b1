package io.solarmrv.launcher;

import io.solarmrv.attestation.ClockSync;
import io.solarmrv.attestation.DeviceRegistry;
import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.edge.DeviceEndpoint;
import io.solarmrv.edge.EdgeAgent;
import io.solarmrv.edge.MqttUpstream;
import io.solarmrv.edge.store.Forwarder;
import io.solarmrv.edge.store.ReadingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Runs the edge agent in real time against Modbus TCP devices. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Runs the edge agent: polls SunSpec devices, signs and publishes readings.",
            "Polls SunSpec devices over Modbus TCP, signs and chains every reading with the gateway key and",
            "publishes it over MQTT v5 (QoS 1). The key is created on first start (PKCS#8, owner-only permissions).",
            "With --print-registration it prints the registry lines for the devices and exits."})
final class AgentCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--device", required = true, split = ",",
            description = "Device as id=host:port:unit, e.g. inv-1=127.0.0.1:5020:1 (repeatable or comma-separated)")
    List<String> devices;

    @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", description = "MQTT broker URI (default: ${DEFAULT-VALUE})")
    String broker;

    @Option(names = "--key", defaultValue = "gateway-key.p8", description = "Gateway Ed25519 key file, PKCS#8 DER (default: ${DEFAULT-VALUE})")
    Path keyFile;

    @Option(names = "--poll", defaultValue = "PT60S", description = "Poll interval, ISO-8601 duration (default: ${DEFAULT-VALUE})")
    Duration poll;

    @Option(names = "--clock-sync", defaultValue = "UNSYNCHRONIZED",
            description = "How this gateway's clock is synchronised, recorded in every reading: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    ClockSync clockSync;

    @Option(names = "--store", defaultValue = "agent-store",
            description = "Directory of the durable reading store (default: ${DEFAULT-VALUE})")
    Path storeDir;

    @Option(names = "--store-mb", defaultValue = "1024",
            description = "Bound on unacknowledged readings kept on disk, MB; when full, new readings are refused loudly (default: ${DEFAULT-VALUE})")
    long storeMegabytes;

    @Option(names = "--replay-per-second", defaultValue = "200",
            description = "Rate limit when forwarding a backlog (default: ${DEFAULT-VALUE})")
    double replayPerSecond;

    @Option(names = "--batch", description = "Sign each poll's readings of all devices as one batch envelope")
    boolean batch;

    @Option(names = "--print-registration", description = "Print the registry lines binding the devices to this gateway's key, then exit")
    boolean printRegistration;

    @Override
    public Integer call() throws Exception {
        List<DeviceEndpoint> endpoints = parseDevices();
        GatewayKey key = loadOrCreateKey(keyFile);
        if (printRegistration) {
            endpoints.forEach(e -> System.out.println(DeviceRegistry.registrationLine(e.deviceId(), key)));
            return 0;
        }
        try (ReadingStore store = ReadingStore.open(storeDir, storeMegabytes << 20, 16L << 20);
             MqttUpstream upstream = new MqttUpstream(broker, "edge-" + key.publicKeyHex().substring(0, 16),
                     MqttUpstream.DEFAULT_TOPIC_PREFIX)) {
            Thread forwarding = new Thread(new Forwarder(store, upstream::publishStored, replayPerSecond, Duration.ofMinutes(1)),
                    "agent-forwarder");
            forwarding.setDaemon(true);
            forwarding.start();
            EdgeAgent agent = new EdgeAgent(Clock.systemUTC(), clockSync, poll, Duration.ofMillis(200), key, endpoints, store, batch);
            System.out.println("Polling " + endpoints.size() + " device(s) every " + poll + " into " + storeDir
                    + " (" + store.pending() + " readings pending), forwarding to " + broker);
            agent.runUntil(Instant.MAX);
        }
        return 0;
    }

    private List<DeviceEndpoint> parseDevices() {
        List<DeviceEndpoint> endpoints = new ArrayList<>();
        for (String device : devices) {
            String[] idAndAddress = device.split("=", 2);
            String[] address = idAndAddress.length == 2 ? idAndAddress[1].split(":") : new String[0];
            if (address.length != 3) {
                throw new ParameterException(spec.commandLine(), "--device '" + device + "' must look like id=host:port:unit");
            }
            try {
                endpoints.add(new DeviceEndpoint(idAndAddress[0], address[0], Integer.parseInt(address[1]), Integer.parseInt(address[2])));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--device '" + device + "': " + e.getMessage());
            }
        }
        return endpoints;
    }

    static GatewayKey loadOrCreateKey(Path file) throws IOException {
        if (Files.exists(file)) {
            try {
                return GatewayKey.fromPkcs8(Files.readAllBytes(file));
            } catch (IllegalArgumentException e) {
                throw new IOException("gateway key " + file + " is unreadable: " + e.getMessage(), e);
            }
        }
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        Files.write(file, key.toPkcs8());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        System.err.println("Created a new gateway key in " + file + " (public key " + key.publicKeyHex() + ")");
        return key;
    }
}
