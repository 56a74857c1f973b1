package io.solarmrv.edge;

import io.solarmrv.attestation.DeviceRegistry;
import io.solarmrv.attestation.GatewayKey;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The edge agent's command line ({@code solar-mrv-agent}, {@link AgentMain}; also {@code ./mrv agent}):
 * its settings from {@code --config FILE} or the flags, checked by {@link AgentConfig}; its key
 * loaded or created; then {@link Agent} runs until stopped.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Runs the edge agent: polls SunSpec devices, signs readings, stores and forwards them.",
            "Polls SunSpec devices over Modbus TCP, signs and chains every reading with the gateway key, appends it",
            "to the durable store and forwards it over MQTT v5 (QoS 1). Its key and store live in --data-dir; the key is",
            "created there on first start (PKCS#8, owner-only). Settings come from --config FILE (see edge-agent/README.md)",
            "or from the flags.",
            "With --print-registration it prints the registry lines for the devices and exits.",
            "With --discover-echonet it asks the home's ECHONET Lite nodes for their objects and prints device lines."})
public final class AgentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "Configuration file (Java properties); when given, the other settings flags are ignored")
    Path configFile;

    @Option(names = "--device", split = ",",
            description = "Device as id=host:port:unit, e.g. inv-1=127.0.0.1:5020:1 (repeatable or comma-separated)")
    List<String> devices = List.of();

    @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", description = "MQTT broker URI (default: ${DEFAULT-VALUE})")
    String broker;

    @Option(names = "--coap", description = "Send readings to a CoAP ingest instead of MQTT: coaps://host:port/readings (DTLS, PSK)")
    String coap;

    @Option(names = "--coap-identity", description = "With --coap: this gateway's DTLS pre-shared-key identity")
    String coapIdentity;

    @Option(names = "--coap-psk-file", description = "With --coap: the file holding this gateway's pre-shared key (keep it owner-only)")
    String coapPskFile;

    @Option(names = "--data-dir", description = "The agent's own directory, for its key and store (required; created owner-only),"
            + " e.g. /var/lib/solar-mrv")
    String dataDir;

    @Option(names = "--key", description = "Gateway Ed25519 key file, PKCS#8 DER, owner-only (default: <data-dir>/gateway-key.p8,"
            + " created on first start); a key named here must exist")
    String keyFile;

    @Option(names = "--store", description = "Directory of the durable reading store (default: <data-dir>/store)")
    String storeDir;

    @Option(names = "--store-mb", defaultValue = "1024",
            description = "Bound on unacknowledged readings kept on disk, MB; when full, new readings are refused loudly (default: ${DEFAULT-VALUE})")
    String storeMegabytes;

    @Option(names = "--replay-per-second", defaultValue = "200", description = "Rate limit when forwarding a backlog (default: ${DEFAULT-VALUE})")
    String replayPerSecond;

    @Option(names = "--poll", defaultValue = "PT60S", description = "Poll interval, ISO-8601 duration (default: ${DEFAULT-VALUE})")
    String poll;

    @Option(names = "--clock-sync", defaultValue = "UNSYNCHRONIZED",
            description = "How this gateway's clock is synchronised, recorded in every reading: UNSYNCHRONIZED, NTP, GNSS (default: ${DEFAULT-VALUE})")
    String clockSync;

    @Option(names = "--batch", description = "Sign each poll's readings together, in batch envelopes of up to 16 readings")
    boolean batch;

    @Option(names = "--health-port", defaultValue = "0", description = "Serve GET /health on 127.0.0.1:<port> (default: ${DEFAULT-VALUE}, off)")
    String healthPort;

    @Option(names = "--print-registration", description = "Print the registry lines binding the devices to this gateway's key, then exit")
    boolean printRegistration;

    @Option(names = "--discover-echonet", arity = "0..1", fallbackValue = EchonetDiscovery.MULTICAST_GROUP, paramLabel = "HOST",
            description = "Ask the home's ECHONET Lite nodes for their device objects (the multicast group "
                    + EchonetDiscovery.MULTICAST_GROUP + ", or one node at HOST), print a device line for each object the agent"
                    + " reads, and exit")
    String discoverEchonet;

    @Option(names = "--echonet-port", defaultValue = "3610", description = "With --discover-echonet: the UDP port asked (default: ${DEFAULT-VALUE})")
    int echonetPort;

    @Option(names = "--discover-seconds", defaultValue = "3", description = "With --discover-echonet: how long answers are awaited (default: ${DEFAULT-VALUE})")
    int discoverSeconds;

    @Override
    public Integer call() throws Exception {
        if (discoverEchonet != null) {
            EchonetDiscovery.Result found = EchonetDiscovery.discover(EchonetDiscovery.target(discoverEchonet, echonetPort),
                    java.time.Duration.ofSeconds(discoverSeconds));
            EchonetDiscovery.deviceLines(found).forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getErr().println(found.nodes().size() + " node(s) answered at " + discoverEchonet + ":" + echonetPort
                    + " within " + discoverSeconds + " s" + (found.skipped() == 0 ? "" : "; " + found.skipped()
                    + " other datagram(s) skipped"));
            return found.nodes().isEmpty() ? 1 : 0;
        }
        AgentConfig config;
        try {
            config = configFile != null ? AgentConfig.load(configFile) : AgentConfig.parse(flagsAsSettings(), "command line");
        } catch (AgentConfig.InvalidConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        GatewayKey key;
        try {
            key = config.createsKey() ? GatewayKeyFile.loadOrCreate(config.keyFile(), new SecureRandom())
                    : GatewayKeyFile.load(config.keyFile());
        } catch (NoSuchFileException e) {
            spec.commandLine().getErr().println("gateway.key (--key): " + config.keyFile() + " does not exist. The agent creates a key only in its"
                    + " data directory (data.dir, --data-dir); a key named by gateway.key must be in place before it starts.");
            return 2;
        } catch (IOException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        if (printRegistration) {
            config.devices().forEach(e -> spec.commandLine().getOut().println(DeviceRegistry.registrationLine(e.deviceId(), key)));
            return 0;
        }
        try (Agent agent = Agent.open(config, key, Clock.systemUTC())) {
            System.out.println(agent.describe());
            agent.runUntil(Instant.MAX);
        }
        return 0;
    }

    /** The flags as the configuration file's settings, so both are checked by the same code. */
    private Properties flagsAsSettings() {
        Properties settings = new Properties();
        if (coap != null) {
            settings.setProperty("upstream.coap", coap);
            setIfGiven(settings, "upstream.coap.psk-identity", coapIdentity);
            setIfGiven(settings, "upstream.coap.psk-file", coapPskFile);
        } else {
            settings.setProperty("upstream.broker", broker);
        }
        setIfGiven(settings, "data.dir", dataDir);
        setIfGiven(settings, "gateway.key", keyFile);
        setIfGiven(settings, "store.dir", storeDir);
        settings.setProperty("store.max-mb", storeMegabytes);
        settings.setProperty("forward.replay-per-second", replayPerSecond);
        settings.setProperty("poll.interval", poll);
        settings.setProperty("poll.batch", Boolean.toString(batch));
        settings.setProperty("clock.sync", clockSync);
        settings.setProperty("health.port", healthPort);
        for (String device : devices) {
            String[] idAndAddress = device.split("=", 2);
            settings.setProperty("device." + idAndAddress[0] + ".modbus", idAndAddress.length == 2 ? idAndAddress[1] : "");
        }
        return settings;
    }

    /** A flag without a default is left out when not given, so the setting's own default applies. */
    private static void setIfGiven(Properties settings, String name, String value) {
        if (value != null) {
            settings.setProperty(name, value);
        }
    }
}
