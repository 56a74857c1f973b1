package io.solarmrv.attestation.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.solarmrv.attestation.MerkleTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskMerkleLogTest {

    @Test
    void rootsAndProofsMatchTheInMemoryReferenceForEverySize(@TempDir Path dir) throws IOException {
        List<byte[]> leaves = new ArrayList<>();
        try (DiskMerkleLog log = DiskMerkleLog.open(dir)) {
            for (int i = 0; i < 130; i++) {
                leaves.add(CrashingWriter.leaf(i));
                log.append(leaves.get(i));
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
        try (DiskMerkleLog log = DiskMerkleLog.open(dir)) {
            for (int i = 0; i < 10; i++) {
                log.append(CrashingWriter.leaf(i));
            }
            log.commit();
            for (int i = 10; i < 15; i++) {
                log.append(CrashingWriter.leaf(i));
            }
        }
        try (DiskMerkleLog log = DiskMerkleLog.open(dir)) {
            assertEquals(10, log.size());
            log.append(CrashingWriter.leaf(10));
            log.commit();
            List<byte[]> expected = new ArrayList<>();
            for (int i = 0; i <= 10; i++) {
                expected.add(CrashingWriter.leaf(i));
            }
            assertArrayEquals(MerkleTree.root(expected), log.root(11));
        }
    }

    @Test
    void uncommittedHigherLevelsAreDiscardedSoLaterAppendsLandInPlace(@TempDir Path dir) throws IOException {
        try (DiskMerkleLog log = DiskMerkleLog.open(dir)) {
            for (int i = 0; i < 100; i++) {
                log.append(CrashingWriter.leaf(i));
            }
            log.commit();
            for (int i = 100; i < 300; i++) {       // reaches levels 7 and 8, never committed
                log.append(CrashingWriter.leaf(i));
            }
        }
        List<byte[]> expected = new ArrayList<>();
        try (DiskMerkleLog log = DiskMerkleLog.open(dir)) {
            assertEquals(100, log.size());
            for (int i = 0; i < 600; i++) {
                expected.add(CrashingWriter.leaf(i < 100 ? i : i + 1000));
                if (i >= 100) {
                    log.append(expected.get(i));
                }
            }
            log.commit();
            assertArrayEquals(MerkleTree.root(expected), log.root(600));
            assertArrayEquals(MerkleTree.root(expected.subList(0, 300)), log.root(300));
        }
    }

    @Test
    void aTornCommitRecordFallsBackToThePreviousCommit(@TempDir Path dir) throws IOException {
        try (DiskMerkleLog log = DiskMerkleLog.open(dir)) {
            for (int i = 0; i < 4; i++) {
                log.append(CrashingWriter.leaf(i));
                log.commit();
            }
        }
        // Commits 0..3 alternate slots; the last (size 4) is in slot 1. Tear it.
        try (var file = java.nio.channels.FileChannel.open(dir.resolve("committed"), StandardOpenOption.WRITE)) {
            file.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), 64 + 20);
        }
        try (DiskMerkleLog log = DiskMerkleLog.open(dir)) {
            assertEquals(3, log.size());
        }
    }

    @Test
    void aLevelFileShorterThanTheCommittedSizeIsReportedNotPapered(@TempDir Path dir) throws IOException {
        try (DiskMerkleLog log = DiskMerkleLog.open(dir)) {
            log.append(CrashingWriter.leaf(0));
            log.append(CrashingWriter.leaf(1));
            log.commit();
        }
        try (var file = java.nio.channels.FileChannel.open(dir.resolve("level-00"), StandardOpenOption.WRITE)) {
            file.truncate(32);
        }
        IOException corrupt = assertThrows(IOException.class, () -> DiskMerkleLog.open(dir));
        assertEquals(true, corrupt.getMessage().contains("corrupt"));
        assertEquals(true, Files.exists(dir.resolve("level-01")));
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(java.util.HexFormat.of()::formatHex).toList();
    }
}
