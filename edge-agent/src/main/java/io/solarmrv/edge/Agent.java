package io.solarmrv.edge;

import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.edge.store.Forwarder;
import io.solarmrv.edge.store.ReadingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The edge agent as a gateway runs it, built from its {@link AgentConfig} and key: the durable store,
 * the upstream (MQTT or CoAP) and its forwarder thread, the polling {@link EdgeAgent} and the health
 * endpoint if one is asked for. {@link #runUntil} polls; {@link #close} stops it all, the store last.
 */
public final class Agent implements AutoCloseable {
    /**
     * How the agent paces itself: how long it sleeps between looks at the clock, and the longest it
     * waits before forwarding again after the upstream failed. A gateway uses {@link #GATEWAY}; a
     * demo on an accelerated clock sleeps less.
     */
    public record Pace(Duration idleSleep, Duration maxForwardBackoff) {
        public static final Pace GATEWAY = new Pace(Duration.ofMillis(200), Duration.ofMinutes(1));
    }

    private final AgentConfig config;
    private final ReadingStore store;
    private final Upstream upstream;
    private final Forwarder forwarder;
    private final Thread forwarding;
    private final EdgeAgent polling;
    private final HealthServer health;

    private Agent(AgentConfig config, ReadingStore store, Upstream upstream, GatewayKey key, Clock clock, Pace pace) throws IOException {
        this.config = config;
        this.store = store;
        this.upstream = upstream;
        this.forwarder = new Forwarder(store, upstream::publishStored, config.replayPerSecond(), pace.maxForwardBackoff());
        this.forwarding = new Thread(forwarder, "agent-forwarder");
        forwarding.setDaemon(true);
        forwarding.start();
        ClockMonitor clockMonitor = config.clockFromChrony() ? new ChronyClockMonitor(clock) : ClockMonitor.declared(config.clockSync());
        this.polling = new EdgeAgent(clock, clockMonitor, config.maxClockOffset(), config.pollInterval(), pace.idleSleep(), key,
                config.devices(), store, config.batchPerPoll());
        this.health = config.healthPort() > 0 ? new HealthServer(config.healthPort(), polling, store, forwarder) : null;
    }

    /** Opens the store and the upstream the configuration names and starts forwarding; polling starts with {@link #runUntil}. */
    public static Agent open(AgentConfig config, GatewayKey key, Clock clock) throws IOException, MqttException {
        return open(config, key, clock, Pace.GATEWAY);
    }

    /** As {@link #open(AgentConfig, GatewayKey, Clock)}, at another pace. */
    public static Agent open(AgentConfig config, GatewayKey key, Clock clock, Pace pace) throws IOException, MqttException {
        ReadingStore store = ReadingStore.open(config.storeDir(), config.storeMegabytes() << 20, 16L << 20);
        Upstream upstream;
        try {
            upstream = config.coapUri() != null
                    ? new CoapUpstream(config.coapUri(), config.coapPskIdentity(), config.coapPskFile() == null ? null
                            : Files.readAllBytes(config.coapPskFile()))
                    : new MqttUpstream(config.brokerUri(), "edge-" + key.publicKeyHex().substring(0, 16),
                            MqttUpstream.DEFAULT_TOPIC_PREFIX, config.tls() == null ? null : config.tls().socketFactory(),
                            config.mqttLogin() == null ? null : config.mqttLogin().username(),
                            config.mqttLogin() == null ? null : config.mqttLogin().password());
        } catch (IOException | MqttException | RuntimeException e) {
            store.close();
            throw e;
        }
        return new Agent(config, store, upstream, key, clock, pace);
    }

    /** What it polls, where it keeps readings and where it forwards them, for its first log line. */
    public String describe() {
        return "Polling " + config.devices().size() + " device(s) every " + config.pollInterval() + " into " + config.storeDir() + " ("
                + store.pending() + " readings pending), forwarding to " + (config.coapUri() != null ? config.coapUri() : config.brokerUri())
                + (health == null ? "" : "; health on http://127.0.0.1:" + health.port() + "/health");
    }

    /** Waits until every stored reading is forwarded, or the forwarder has stopped; whether none is left. */
    public boolean drain() throws InterruptedException {
        while (store.pending() > 0 && forwarding.isAlive()) {
            Thread.sleep(20);
        }
        return store.pending() == 0;
    }

    /** Readings signed and stored since start. */
    public long storedCount() {
        return polling.storedCount();
    }

    /** Polls that failed since start. */
    public long failedPollCount() {
        return polling.failedPollCount();
    }

    /** Polls until the clock reaches {@code stopAt} or {@link #close} is called. */
    public void runUntil(Instant stopAt) throws InterruptedException {
        polling.runUntil(stopAt);
    }

    @Override
    public void close() throws Exception {
        polling.stop();
        forwarder.stop();
        forwarding.join(5_000);
        if (health != null) {
            health.close();
        }
        try (ReadingStore closingStore = store; Upstream closingUpstream = upstream) {
            polling.close();
        }
    }
}
