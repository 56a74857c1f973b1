package io.solarmrv.jobs.mqtt;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives QoS 1 messages with manual acknowledgement and acknowledges each one only after the
 * Flink checkpoint that holds it has completed. A crash before that leaves the message with the
 * broker's persistent session, which delivers it again (downstream dedup on (device, seq) makes the
 * second copy harmless).
 */
final class MqttSourceReader implements SourceReader<byte[], MqttSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceReader.class);
    private static final long SESSION_EXPIRY_SECONDS = 7L * 24 * 3600;

    private final MqttSourceConfig config;
    private final int parallelism;
    private final LinkedBlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
    private final List<Integer> emittedSinceSnapshot = new ArrayList<>();
    private final TreeMap<Long, List<Integer>> awaitingCheckpoint = new TreeMap<>();
    private final ScheduledExecutorService idleTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mqtt-source-idle");
        t.setDaemon(true);
        return t;
    });
    private volatile CompletableFuture<Void> available = new CompletableFuture<>();
    private MqttAsyncClient client;
    private volatile MqttSplit split;
    private volatile long lastMessageNanos;
    private volatile boolean receivedAny;
    private long emittedCount;

    MqttSourceReader(MqttSourceConfig config, int parallelism) {
        this.config = config;
        this.parallelism = parallelism;
    }

    /**
     * A bounded reader checks its idle clock on a timer, so a reader that is waiting (even one that
     * never got a message) is woken when its time is up.
     */
    @Override
    public void start() {
        if (config.bounded()) {
            long periodMillis = Math.max(50, Math.min(1000, config.idleTimeout().toMillis() / 4));
            idleTimer.scheduleAtFixedRate(() -> {
                if (idleTimedOut()) {
                    available.complete(null);
                }
            }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void addSplits(List<MqttSplit> splits) {
        for (MqttSplit newSplit : splits) {
            if (split != null) {
                throw new IllegalStateException("an MQTT reader holds one subscription, got a second: " + newSplit);
            }
            split = newSplit;
            if (newSplit.resumed()) {
                receivedAny = true;
                lastMessageNanos = System.nanoTime();
            }
            connect(newSplit.subtask());
        }
    }

    private void connect(int subtask) {
        try {
            client = new MqttAsyncClient(config.brokerUri(), config.clientId(subtask), new MemoryPersistence());
            client.setManualAcks(true);
            client.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    received.add(message);
                    available.complete(null);
                }

                @Override
                public void disconnected(MqttDisconnectResponse response) {
                    LOG.warn("MQTT source disconnected: {}", response);
                }

                @Override
                public void mqttErrorOccurred(MqttException exception) {
                    LOG.warn("MQTT source error: {}", exception.toString());
                }

                @Override
                public void deliveryComplete(IMqttToken token) {
                }

                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                    if (reconnect) {
                        LOG.info("MQTT source reconnected to {}", serverURI);
                    }
                }

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {
                }
            });
            client.connect(MqttSessions.persistentSession(config, SESSION_EXPIRY_SECONDS)).waitForCompletion();
            client.subscribe(config.subscription(parallelism), 1).waitForCompletion();
            if (!receivedAny) {
                lastMessageNanos = System.nanoTime();
            }
            LOG.info("MQTT source {} subscribed to {} on {}", config.clientId(subtask),
                    config.subscription(parallelism), config.brokerUri());
        } catch (MqttException e) {
            throw new IllegalStateException("MQTT source cannot subscribe at " + config.brokerUri() + ": " + e, e);
        }
    }

    @Override
    public InputStatus pollNext(ReaderOutput<byte[]> output) {
        MqttMessage message = received.poll();
        if (message == null) {
            if (idleTimedOut()) {
                LOG.info("MQTT source {} ends: no message for {} after {} messages", split, config.idleTimeout(), emittedCount);
                return InputStatus.END_OF_INPUT;
            }
            return InputStatus.NOTHING_AVAILABLE;
        }
        if (!receivedAny) {
            LOG.info("MQTT source {} received its first message", split);
        }
        receivedAny = true;
        emittedCount++;
        lastMessageNanos = System.nanoTime();
        output.collect(message.getPayload(), System.currentTimeMillis());   // receipt time, for clock_ahead
        emittedSinceSnapshot.add(message.getId());
        return received.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
    }

    /**
     * A bounded reader ends after the idle timeout without messages. A lone reader waits for its
     * first message before the clock runs (it may start before anything is published); a reader of
     * a shared subscription may never get any (the broker may give them all to another), so its
     * clock runs from when it subscribed.
     */
    private boolean idleTimedOut() {
        return config.bounded() && split != null && (receivedAny || parallelism > 1)
                && System.nanoTime() - lastMessageNanos >= config.idleTimeout().toNanos();
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        if (!received.isEmpty() || idleTimedOut()) {
            return CompletableFuture.completedFuture(null);
        }
        // Flink may ask several times before data arrives: every caller must get the same future,
        // the one the MQTT callback completes.
        CompletableFuture<Void> current = available;
        if (current.isDone()) {
            current = new CompletableFuture<>();
            available = current;
        }
        if (!received.isEmpty()) {
            current.complete(null);
        }
        return current;
    }

    @Override
    public List<MqttSplit> snapshotState(long checkpointId) {
        if (!emittedSinceSnapshot.isEmpty()) {
            awaitingCheckpoint.put(checkpointId, new ArrayList<>(emittedSinceSnapshot));
            emittedSinceSnapshot.clear();
        }
        return split == null ? List.of() : List.of(new MqttSplit(split.subtask(), split.resumed() || receivedAny));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws MqttException {
        Iterator<Map.Entry<Long, List<Integer>>> it = awaitingCheckpoint.headMap(checkpointId, true).entrySet().iterator();
        while (it.hasNext()) {
            for (int messageId : it.next().getValue()) {
                client.messageArrivedComplete(messageId, 1);
            }
            it.remove();
        }
    }

    @Override
    public void notifyNoMoreSplits() {
    }

    @Override
    public void close() throws MqttException {
        idleTimer.shutdownNow();
        if (client != null) {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5000);
            }
            client.close();
        }
    }
}
