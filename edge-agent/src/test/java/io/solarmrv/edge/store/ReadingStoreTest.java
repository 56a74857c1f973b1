package io.solarmrv.edge.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.ClockSync;
import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.SignedReading;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingStoreTest {
    private static final GatewayKey KEY = GatewayKey.generate(new SecureRandom());

    static byte[] reading(String device, long sequence) {
        return SignedReading.sign(new Reading(device, "SN", sequence, 1_000 + sequence, 10 * sequence, null, 0,
                ClockSync.NTP, 0, Reading.genesisHash(), new byte[Reading.SALT_LENGTH]), KEY).toWire();
    }

    @Test
    void readingsLeaveOnlyWhenAcknowledgedAndSurviveReopening(@TempDir Path dir) throws IOException {
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 2_000)) {
            for (int i = 0; i < 50; i++) {
                assertEquals(i, store.append(reading("inv-1", i)));
            }
            List<ReadingStore.Entry> first = store.unacknowledged(20);
            assertEquals(20, first.size());
            assertEquals(0, SignedReading.fromWire(first.get(0).bytes()).reading().sequence());
            store.acknowledge(first);
            assertEquals(30, store.pending());
            assertThrows(IllegalArgumentException.class, () -> store.acknowledge(first), "out-of-order acknowledgement");
        }
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 2_000)) {
            assertEquals(30, store.pending());
            List<ReadingStore.Entry> rest = store.unacknowledged(100);
            assertEquals(20, rest.get(0).position());
            assertEquals(20, SignedReading.fromWire(rest.get(0).bytes()).reading().sequence());
            assertEquals(49, store.chainHeads().get("inv-1").sequence());
            store.acknowledge(rest);
            assertEquals(0, store.pending());
            assertEquals(50, store.append(reading("inv-1", 50)));
        }
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 2_000)) {
            assertEquals(1, store.pending());
            assertEquals(50, store.chainHeads().get("inv-1").sequence(), "heads survive the deletion of acknowledged segments");
            try (var files = Files.list(dir)) {
                assertTrue(files.filter(f -> f.getFileName().toString().startsWith("segment-")).count() <= 2,
                        "acknowledged segments are deleted");
            }
        }
    }

    @Test
    void aTornLastRecordIsCutOffAndTheRestKept(@TempDir Path dir) throws IOException {
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 1 << 20)) {
            for (int i = 0; i < 5; i++) {
                store.append(reading("inv-1", i));
            }
        }
        Path segment;
        try (var files = Files.list(dir)) {
            segment = files.filter(f -> f.getFileName().toString().startsWith("segment-")).findFirst().orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 7);   // power lost mid-write of the fifth record
        }
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 1 << 20)) {
            assertEquals(4, store.pending());
            assertEquals(3, store.chainHeads().get("inv-1").sequence());
            assertEquals(4, store.append(reading("inv-1", 4)));
            assertEquals(5, store.unacknowledged(10).size());
        }
    }

    @Test
    void aFullStoreRefusesNewReadingsLoudlyAndKeepsTheOldOnes(@TempDir Path dir) throws IOException {
        int size = reading("inv-1", 100).length + 8;   // sequences 100..103 encode to the same size
        try (ReadingStore store = ReadingStore.open(dir, 3L * size, 1 << 20)) {
            for (int i = 100; i < 103; i++) {
                store.append(reading("inv-1", i));
            }
            StoreFullException full = assertThrows(StoreFullException.class, () -> store.append(reading("inv-1", 103)));
            assertTrue(full.getMessage().contains("refusing new readings"), full.getMessage());
            assertEquals(3, store.pending());
            store.acknowledge(store.unacknowledged(1));
            store.append(reading("inv-1", 103));
            assertEquals(3, store.pending());
        }
    }
}
