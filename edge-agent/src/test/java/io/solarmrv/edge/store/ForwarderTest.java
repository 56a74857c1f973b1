package io.solarmrv.edge.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import io.solarmrv.attestation.ClockSync;
import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.SignedBatch;
import io.solarmrv.attestation.SignedReading;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Forwarder}: the backlog leaves in order, in messages a broker with a 64 KiB packet limit takes. */
class ForwarderTest {
    @Test
    void aBacklogOfLargeReadingsLeavesInOrderInMessagesUnderTheByteLimit(@TempDir Path dir) throws Exception {
        List<List<byte[]>> messages = new ArrayList<>();
        try (ReadingStore store = ReadingStore.open(dir, 64L * 1024 * 1024, 1024 * 1024)) {
            // One poll of 120 devices signed as a single batch: each reading carries the 120-entry manifest, ~4 KB.
            List<Reading> poll = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                poll.add(new Reading("d-" + i, "SN-" + i, 0, 1_700_000_000_000L, i, null, 0, ClockSync.NTP, 0, Reading.genesisHash(),
                        new byte[Reading.SALT_LENGTH]));
            }
            for (SignedReading signed : SignedBatch.sign(poll, GatewayKey.generate(new java.security.SecureRandom())).readings()) {
                store.append(signed.toWire());
            }
            Forwarder forwarder = new Forwarder(store, group -> {
                synchronized (messages) {
                    messages.add(group);
                }
            }, 1e6, Duration.ofSeconds(1));
            Thread thread = new Thread(forwarder);
            thread.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (store.pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            forwarder.stop();
            thread.join(5_000);
            assertEquals(0, store.pending(), "every reading acknowledged");
        }
        int next = 0;
        for (List<byte[]> message : messages) {
            long bytes = message.stream().mapToLong(r -> r.length).sum();
            assertTrue(message.size() == 1 || bytes <= Forwarder.MESSAGE_BYTES, message.size() + " readings of " + bytes + " bytes");
            assertTrue(message.size() <= Forwarder.READINGS_PER_MESSAGE);
            for (byte[] reading : message) {
                assertEquals("d-" + next++, SignedReading.fromWire(reading).reading().deviceId(), "in the order stored");
            }
        }
        assertEquals(120, next);
        assertTrue(messages.size() >= 11, "120 readings of ~4 KB need at least 11 messages of 48 KiB: " + messages.size());
    }

    @Test
    void aReadingLargerThanAMessageGoesAlone() {
        List<ReadingStore.Entry> entries = List.of(new ReadingStore.Entry(0, new byte[100]), new ReadingStore.Entry(1, new byte[60_000]),
                new ReadingStore.Entry(2, new byte[100]));
        assertEquals(1, Forwarder.messageSize(entries, 0), "the next one would pass the limit");
        assertEquals(1, Forwarder.messageSize(entries, 1), "alone, whatever its size");
        assertEquals(1, Forwarder.messageSize(entries, 2));
    }
}
