package io.solarmrv.attestation.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.MerkleTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TiledLogTest {

    @Test
    void rootsAndProofsMatchTheInMemoryReferenceForEverySize(@TempDir Path dir) throws IOException {
        List<byte[]> leaves = new ArrayList<>();
        try (TiledLog log = TiledLog.open(dir)) {
            for (int i = 0; i < 130; i++) {
                leaves.add(CrashingWriter.leaf(i));
                log.append(CrashingWriter.entry(i));
            }
            log.commit();
            for (int size = 0; size <= leaves.size(); size++) {
                List<byte[]> tree = leaves.subList(0, size);
                assertArrayEquals(MerkleTree.root(tree), log.root(size), "size " + size);
                for (int index = 0; index < size; index += 7) {
                    assertEquals(hex(MerkleTree.inclusionProof(tree, index)), hex(log.inclusionProof(index, size)));
                }
                for (int old = 0; old <= size; old += 5) {
                    assertEquals(hex(MerkleTree.consistencyProof(tree, old)), hex(log.consistencyProof(old, size)));
                }
            }
        }
    }

    @Test
    void reopeningKeepsCommittedLeavesAndDropsUncommittedOnes(@TempDir Path dir) throws IOException {
        try (TiledLog log = TiledLog.open(dir)) {
            for (int i = 0; i < 10; i++) {
                log.append(CrashingWriter.entry(i));
            }
            log.commit();
            for (int i = 10; i < 15; i++) {
                log.append(CrashingWriter.entry(i));
            }
        }
        try (TiledLog log = TiledLog.open(dir)) {
            assertEquals(10, log.size());
            log.append(CrashingWriter.entry(10));
            log.commit();
            List<byte[]> expected = new ArrayList<>();
            for (int i = 0; i <= 10; i++) {
                expected.add(CrashingWriter.leaf(i));
            }
            assertArrayEquals(MerkleTree.root(expected), log.root(11));
        }
    }

    @Test
    void tilesOfACommitWhoseRecordNeverLandedAreDiscardedSoOtherEntriesLandInPlace(@TempDir Path dir) throws IOException {
        try (TiledLog log = TiledLog.open(dir)) {
            for (int i = 0; i < 100; i++) {
                log.append(CrashingWriter.entry(i));
            }
            log.commit();
        }
        byte[] recordAt100 = Files.readAllBytes(dir.resolve("committed"));
        try (TiledLog log = TiledLog.open(dir)) {
            for (int i = 100; i < 300; i++) {       // a full level-0 tile and a level-1 one
                log.append(CrashingWriter.entry(i));
            }
            log.commit();
        }
        Files.write(dir.resolve("committed"), recordAt100);   // as if killed before the record was written
        List<byte[]> expected = new ArrayList<>();
        try (TiledLog log = TiledLog.open(dir)) {
            assertEquals(100, log.size());
            assertEquals(false, Files.exists(dir.resolve("tile/0/000")), "the full tile of the unfinished commit is gone");
            assertEquals(false, Files.exists(dir.resolve("tile/1/000.p/1")));
            for (int i = 0; i < 600; i++) {
                expected.add(CrashingWriter.leaf(i < 100 ? i : i + 1000));
                if (i >= 100) {
                    log.append(CrashingWriter.entry(i + 1000));
                }
            }
            log.commit();
            assertArrayEquals(MerkleTree.root(expected), log.root(600));
            assertArrayEquals(MerkleTree.root(expected.subList(0, 300)), log.root(300));
        }
    }

    @Test
    void aTornCommitRecordFallsBackToThePreviousCommit(@TempDir Path dir) throws IOException {
        try (TiledLog log = TiledLog.open(dir)) {
            for (int i = 0; i < 4; i++) {
                log.append(CrashingWriter.entry(i));
                log.commit();
            }
        }
        // Commits 0..3 alternate slots; the last (size 4) is in slot 1. Tear it.
        try (var file = java.nio.channels.FileChannel.open(dir.resolve("committed"), StandardOpenOption.WRITE)) {
            file.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), 64 + 20);
        }
        try (TiledLog log = TiledLog.open(dir)) {
            assertEquals(3, log.size());
        }
    }

    @Test
    void aMissingTileIsReportedNotPapered(@TempDir Path dir) throws IOException {
        try (TiledLog log = TiledLog.open(dir)) {
            for (int i = 0; i < 600; i++) {
                log.append(CrashingWriter.entry(i));
            }
            log.commit();
        }
        Files.delete(dir.resolve("tile/0/000"));
        try (TiledLog log = TiledLog.open(dir)) {
            java.io.UncheckedIOException missing = assertThrows(java.io.UncheckedIOException.class, () -> log.inclusionProof(3, 600));
            assertTrue(missing.getMessage().contains("corrupt: tile/0/000 is missing"), missing.getMessage());
        }
        Files.delete(dir.resolve("tile/0/002.p/88"));
        IOException partial = assertThrows(IOException.class, () -> TiledLog.open(dir));
        assertTrue(partial.getMessage().contains("corrupt: tile/0/002.p/88 is missing"), partial.getMessage());
    }

    @Test
    void aTreeOf70000IsTheSpecsTiles(@TempDir Path dir) throws IOException {
        // c2sp.org/tlog-tiles: "273 full level 0 tiles, one partial level 0 tile of width 112, one full level 1 tile,
        // one partial level 1 tile of width 17, and one partial level 2 tile of width 1".
        List<byte[]> leaves = new ArrayList<>();
        try (TiledLog log = TiledLog.open(dir)) {
            for (int i = 0; i < 70_000; i++) {
                log.append(CrashingWriter.entry(i));
                leaves.add(CrashingWriter.leaf(i));
            }
            log.commit();
            assertArrayEquals(MerkleTree.root(leaves), log.root(70_000));
        }
        List<String> tiles;
        try (var files = Files.walk(dir.resolve("tile"))) {
            tiles = files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).filter(p -> !p.startsWith("tile/entries"))
                    .sorted().toList();
        }
        List<String> expected = new ArrayList<>();
        for (int n = 0; n < 273; n++) {
            expected.add(TilePath.tile(0, n, 256));
        }
        expected.addAll(List.of("tile/0/273.p/112", "tile/1/000", "tile/1/001.p/17", "tile/2/000.p/1"));
        assertEquals(expected.stream().sorted().toList(), tiles);
        assertEquals(256 * 32, Files.size(dir.resolve("tile/0/272")));
        byte[] level1 = Files.readAllBytes(dir.resolve("tile/1/000"));
        for (int i : new int[] {0, 1, 255}) {
            assertArrayEquals(MerkleTree.root(leaves.subList(i * 256, (i + 1) * 256)),
                    java.util.Arrays.copyOfRange(level1, i * 32, (i + 1) * 32), "level 1 hash " + i + " is MTH of its 256 leaves");
        }
        byte[] level2 = Files.readAllBytes(dir.resolve("tile/2/000.p/1"));
        assertArrayEquals(MerkleTree.root(leaves.subList(0, 65_536)), level2, "level 2: MTH of the first 65,536 leaves");
    }

    @Test
    void aTreeOf256IsOneFullTileAndAPartialOneAbove(@TempDir Path dir) throws IOException {
        try (TiledLog log = TiledLog.open(dir)) {
            for (int i = 0; i < 256; i++) {
                log.append(CrashingWriter.entry(i));
            }
            log.commit();
        }
        assertTrue(Files.exists(dir.resolve("tile/0/000")));
        assertTrue(Files.exists(dir.resolve("tile/1/000.p/1")));
        assertTrue(Files.exists(dir.resolve("tile/entries/000")));
    }

    @Test
    void entryBundlesAreLengthPrefixedEntries(@TempDir Path dir) throws IOException {
        try (TiledLog log = TiledLog.open(dir)) {
            log.append(new byte[] {1, 2, 3});
            log.append(new byte[0]);
            log.commit();
            assertArrayEquals(new byte[] {1, 2, 3}, log.entry(0));
        }
        assertArrayEquals(new byte[] {0, 3, 1, 2, 3, 0, 0}, Files.readAllBytes(dir.resolve("tile/entries/000.p/2")));
        try (TiledLog log = TiledLog.open(dir)) {
            assertArrayEquals(new byte[0], log.entry(1), "read back after reopening");
            assertThrows(IllegalArgumentException.class, () -> log.append(new byte[TiledLog.MAX_ENTRY + 1]));
        }
    }

    @Test
    void tilePathsFollowTheSpec() {
        assertEquals("tile/0/x001/x234/067", TilePath.tile(0, 1_234_067, 256));
        assertEquals("tile/3/000.p/1", TilePath.tile(3, 0, 1));
        assertEquals("tile/entries/x001/000.p/255", TilePath.entries(1000, 255));
        assertEquals("tile/1/999", TilePath.tile(1, 999, 256));
        assertThrows(IllegalArgumentException.class, () -> TilePath.tile(64, 0, 256));
        assertThrows(IllegalArgumentException.class, () -> TilePath.tile(0, 0, 0));
    }

    @Test
    void aReaderSeesTheLastCommitAndNeitherDeletesNorWrites(@TempDir Path dir) throws IOException {
        List<byte[]> leaves = new ArrayList<>();
        try (TiledLog writer = TiledLog.open(dir)) {
            for (int i = 0; i < 300; i++) {
                writer.append(CrashingWriter.entry(i));
                leaves.add(CrashingWriter.leaf(i));
            }
            writer.commit();
            writer.append(CrashingWriter.entry(300));       // not committed: the reader does not see it
            try (TiledLog reader = TiledLog.openForReading(dir)) {
                assertEquals(300, reader.size());
                assertArrayEquals(MerkleTree.root(leaves), reader.root(300));
                assertEquals(hex(MerkleTree.inclusionProof(leaves, 7)), hex(reader.inclusionProof(7, 300)));
                assertArrayEquals(CrashingWriter.entry(299), reader.entry(299));
                assertThrows(IllegalStateException.class, () -> reader.append(new byte[1]));
            }
        }
        IOException none = assertThrows(IOException.class, () -> TiledLog.openForReading(dir.resolve("elsewhere")));
        assertTrue(none.getMessage().contains("no tiled log at"), none.getMessage());
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(java.util.HexFormat.of()::formatHex).toList();
    }
}
