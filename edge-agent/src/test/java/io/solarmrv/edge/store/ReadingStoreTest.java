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
    void aHeadKeepsItsReadingsSerialAndRegistersAfterEveryReadingIsGoneAndOldFilesStillOpen(@TempDir Path dir) throws IOException {
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 2_000)) {
            for (int i = 0; i < 30; i++) {
                store.append(reading("inv-1", i));
            }
            store.acknowledge(store.unacknowledged(100));
            store.append(reading("inv-2", 0));   // a new segment, so the acknowledged ones go
            store.acknowledge(store.unacknowledged(100));
        }
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 2_000)) {
            assertEquals(0, store.pending());
            ChainHeads.Head head = store.chainHeads().get("inv-1");
            assertEquals(29, head.sequence());
            assertEquals(List.of("SN", 290L), List.of(head.meterSerial(), head.energyRegisterWh()), "what the agent continues from");
            assertEquals(null, head.exportRegisterWh());
        }
        // A heads file written before registers were kept: three fields a line; no registers to continue from.
        Files.writeString(dir.resolve("chain-heads"), "inv-9 7 " + "ab".repeat(32) + "\n");
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 2_000)) {
            ChainHeads.Head old = store.chainHeads().get("inv-9");
            assertEquals(7, old.sequence());
            assertEquals(null, old.meterSerial());
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

    /** Opens segments as {@link FailingChannel}s, each kept in {@code opened} for the test to arm. */
    private static ReadingStore.SegmentChannels failingChannels(List<FailingChannel> opened) {
        return file -> {
            FailingChannel channel = new FailingChannel(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ));
            opened.add(channel);
            return channel;
        };
    }

    private static Path onlySegment(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("segment-")).findFirst().orElseThrow();
        }
    }

    private static List<Long> sequences(List<ReadingStore.Entry> entries) {
        return entries.stream().map(e -> SignedReading.fromWire(e.bytes()).reading().sequence()).toList();
    }

    @Test
    void aBadRecordInTheMiddleIsQuarantinedAndTheRecordsAfterItKept(@TempDir Path dir) throws IOException {
        int size = reading("inv-1", 100).length + 8;   // sequences 100..109 encode to the same size
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 1 << 20)) {
            for (int i = 100; i < 110; i++) {
                store.append(reading("inv-1", i));
            }
        }
        try (FileChannel channel = FileChannel.open(onlySegment(dir), StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {0x55, 0x55}), 4L * size + 20);   // bit rot inside the fifth record
        }
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 1 << 20)) {
            assertEquals(List.of(100L, 101L, 102L, 103L, 105L, 106L, 107L, 108L, 109L), sequences(store.unacknowledged(100)),
                    "only the bad record is gone");
            assertEquals(109, store.chainHeads().get("inv-1").sequence());
            assertEquals(9, store.append(reading("inv-1", 110)));
        }
        try (var quarantined = Files.list(dir.resolve("quarantine"))) {
            List<Path> files = quarantined.toList();
            assertEquals(1, files.size());
            assertEquals(size, Files.size(files.get(0)), "the bad record's bytes are kept for inspection");
        }
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 1 << 20)) {
            assertEquals(10, store.pending(), "the repair is done once and the store reopens clean");
        }
    }

    @Test
    void aBadRecordInAnOlderPartlyAcknowledgedSegmentLosesNothingAfterIt(@TempDir Path dir) throws IOException {
        int size = reading("inv-1", 100).length + 8;
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 10L * size)) {   // ten records a segment
            for (int i = 100; i < 130; i++) {
                store.append(reading("inv-1", i));
            }
            store.acknowledge(store.unacknowledged(15));   // 100..114 acknowledged; the first segment is gone, the second half so
        }
        Path second = dir.resolve(String.format("segment-%020d.log", 10));
        try (FileChannel channel = FileChannel.open(second, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff}), 2L * size + 1);   // record 112's length
        }
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 10L * size)) {
            List<Long> pending = sequences(store.unacknowledged(100));
            assertEquals(List.of(113L, 114L, 115L, 116L, 117L, 118L, 119L, 120L, 121L, 122L, 123L, 124L, 125L, 126L, 127L, 128L, 129L),
                    pending, "from the hole on everything is sent again (113, 114 twice: the backend drops duplicates); nothing after it lost");
            assertEquals(129, store.chainHeads().get("inv-1").sequence());
        }
    }

    @Test
    void aFailedWriteIsCutBackAndTheReadingRefusedLoudly(@TempDir Path dir) throws IOException {
        List<FailingChannel> opened = new java.util.ArrayList<>();
        ReadingStore.SegmentChannels failing = failingChannels(opened);
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 1 << 20, failing)) {
            store.append(reading("inv-1", 100));
            opened.get(0).failNextWrite = 30;   // the disk fills after 30 bytes of the next record
            IOException refused = assertThrows(IOException.class, () -> store.append(reading("inv-1", 101)));
            assertTrue(refused.getMessage().contains("reading not stored") && refused.getMessage().contains("No space left on device"),
                    refused.getMessage());
            assertEquals(1, store.pending());
            assertEquals(100, store.chainHeads().get("inv-1").sequence(), "a refused reading does not advance its chain");
            assertEquals(1, store.append(reading("inv-1", 101)), "space again: the next reading follows the last whole one");
        }
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 1 << 20)) {
            assertEquals(List.of(100L, 101L), sequences(store.unacknowledged(10)));
            assertTrue(Files.notExists(dir.resolve("quarantine")), "nothing torn was left behind");
        }
    }

    @Test
    void aFailedWriteThatCannotBeCutBackStopsTheStoreUntilReopenedAndLosesNothing(@TempDir Path dir) throws IOException {
        List<FailingChannel> opened = new java.util.ArrayList<>();
        ReadingStore.SegmentChannels failing = failingChannels(opened);
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 1 << 20, failing)) {
            store.append(reading("inv-1", 100));
            opened.get(0).failTruncate = true;
            opened.get(0).failNextWrite = 30;
            assertThrows(IOException.class, () -> store.append(reading("inv-1", 101)));
            IOException stopped = assertThrows(IOException.class, () -> store.append(reading("inv-1", 101)));
            assertTrue(stopped.getMessage().contains("refuses readings until it is reopened"), stopped.getMessage());
        }
        try (ReadingStore store = ReadingStore.open(dir, 1 << 20, 1 << 20)) {
            assertEquals(List.of(100L), sequences(store.unacknowledged(10)), "the torn bytes are cut on reopening");
            assertEquals(1, store.append(reading("inv-1", 101)));
        }
    }
}
