package io.solarmrv.edge.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the store's readings in order and acknowledges them in the store only after the broker
 * has (the publisher returns after the MQTT PUBACK). After an outage it replays the backlog, oldest
 * first, at most {@code maxPerSecond}, up to {@link #READINGS_PER_MESSAGE} readings and {@link
 * #MESSAGE_BYTES} bytes of readings per message (a {@code ReadingBundle}; a lone reading goes as
 * itself), so a message stays under a broker's 64 KiB packet limit (docs/SECURITY.md); failures back
 * off exponentially up to {@code maxBackoff}.
 * A crash between publish and acknowledgement republishes: the stream job drops the duplicate by
 * (device, sequence).
 */
public final class Forwarder implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    private static final int CHUNK = 200;

    /** Sends stored readings upstream as one message; returns only once the broker has acknowledged it. */
    @FunctionalInterface
    public interface Publisher {
        void publish(List<byte[]> readings) throws Exception;
    }

    /** Readings per message when several are pending (catching up after an outage). */
    public static final int READINGS_PER_MESSAGE = 50;
    /** Bytes of readings per message at most (a reading larger than this goes alone). */
    public static final int MESSAGE_BYTES = 48 * 1024;

    private final ReadingStore store;
    private final Publisher publisher;
    private final double maxPerSecond;
    private final Duration maxBackoff;
    private final AtomicLong sent = new AtomicLong();
    private volatile String lastError = "";
    private volatile boolean stopped;

    public Forwarder(ReadingStore store, Publisher publisher, double maxPerSecond, Duration maxBackoff) {
        if (!(maxPerSecond > 0)) {
            throw new IllegalArgumentException("maxPerSecond must be > 0");
        }
        this.store = store;
        this.publisher = publisher;
        this.maxPerSecond = maxPerSecond;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public void run() {
        long backoffMillis = 100;
        long nanosPerReading = (long) (1e9 / maxPerSecond);
        while (!stopped) {
            try {
                List<ReadingStore.Entry> entries = store.unacknowledged(CHUNK);
                if (entries.isEmpty()) {
                    store.awaitPending(200);
                    continue;
                }
                int published = 0;
                try {
                    while (published < entries.size()) {
                        List<ReadingStore.Entry> group = entries.subList(published, published + messageSize(entries, published));
                        long start = System.nanoTime();
                        publisher.publish(group.stream().map(ReadingStore.Entry::bytes).toList());
                        published += group.size();
                        long spare = nanosPerReading * group.size() - (System.nanoTime() - start);
                        if (spare > 0) {
                            Thread.sleep(spare / 1_000_000, (int) (spare % 1_000_000));
                        }
                    }
                    backoffMillis = 100;
                } finally {
                    store.acknowledge(entries.subList(0, published));
                    sent.addAndGet(published);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                lastError = e.toString();
                LOG.warn("forwarding failed, {} readings pending, retrying in {} ms: {}", store.pending(), backoffMillis, e.toString());
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, maxBackoff.toMillis());
            }
        }
    }

    /** How many entries from {@code from} go in one message: at least one, within both limits. */
    static int messageSize(List<ReadingStore.Entry> entries, int from) {
        int count = 0;
        long bytes = 0;
        while (from + count < entries.size() && count < READINGS_PER_MESSAGE) {
            bytes += entries.get(from + count).bytes().length;
            if (count > 0 && bytes > MESSAGE_BYTES) {
                break;
            }
            count++;
        }
        return count;
    }

    public void stop() {
        stopped = true;
    }

    public long sentCount() {
        return sent.get();
    }

    public String lastError() {
        return lastError;
    }
}
