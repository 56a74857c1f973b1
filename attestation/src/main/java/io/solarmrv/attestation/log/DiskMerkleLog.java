package io.solarmrv.attestation.log;

import io.solarmrv.attestation.MerkleHash;
import io.solarmrv.attestation.MerkleTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 9162 Merkle log on disk that keeps every perfect subtree hash, so roots and
 * proofs for any tree size read O(log n) stored hashes (O(log^2 n) for a proof), never rescan.
 *
 * <p>Layout of the directory: {@code level-KK} holds, as 32-byte records, the hash of every complete
 * perfect subtree of 2^K leaves, in order (level 0 holds the leaf hashes); {@code committed} holds
 * the acknowledged tree size (see {@link CommitRecord}).
 *
 * <p>Durability: {@link #append} writes to the level files; {@link #commit} fsyncs them and then
 * records the new size. A leaf is acknowledged once {@code commit} has returned. On open, everything
 * past the committed size is cut off and any missing interior hash below it is recomputed, so a
 * kill -9 or power loss at any instant loses no acknowledged leaf and leaves no torn record.
 * Not thread-safe: one writer.
 */
public final class DiskMerkleLog implements MerkleTree.SubtreeHashes, AutoCloseable {
    private static final int HASH = 32;
    private static final int MAX_LEVELS = 64;

    private final Path directory;
    private final List<FileChannel> levels = new ArrayList<>();
    private final CommitRecord committed;
    private long size;

    private DiskMerkleLog(Path directory, CommitRecord committed) {
        this.directory = directory;
        this.committed = committed;
    }

    /** Opens (or creates) the log in {@code directory}, recovering to its last committed size. */
    public static DiskMerkleLog open(Path directory) throws IOException {
        Files.createDirectories(directory);
        DiskMerkleLog log = new DiskMerkleLog(directory, CommitRecord.open(directory.resolve("committed")));
        log.recover(log.committed.read());
        return log;
    }

    private void recover(long committedSize) throws IOException {
        size = committedSize;
        FileChannel leaves = level(0);
        if (leaves.size() < committedSize * HASH) {
            throw new IOException("log at " + directory + " is corrupt: " + committedSize
                    + " leaves were committed but level 0 holds only " + leaves.size() / HASH);
        }
        for (int k = 0; k < MAX_LEVELS; k++) {
            long expected = committedSize >> k;
            FileChannel level = level(k);
            if (level.size() > expected * HASH) {
                level.truncate(expected * HASH);
            }
            for (long i = level.size() / HASH; i < expected; i++) {
                write(level, i, MerkleHash.nodeHash(read(k - 1, 2 * i), read(k - 1, 2 * i + 1)));
            }
            if (expected == 0 && k > 0) {
                break;
            }
        }
    }

    /** Appends a leaf hash (not yet durable: see {@link #commit}); returns its index. */
    public long append(byte[] leafHash) throws IOException {
        if (leafHash.length != HASH) {
            throw new IllegalArgumentException("a leaf hash is 32 bytes, got " + leafHash.length);
        }
        long index = size;
        write(level(0), index, leafHash);
        byte[] carry = leafHash;
        long position = index;
        for (int k = 0; (position & 1) == 1; k++) {
            carry = MerkleHash.nodeHash(read(k, position - 1), carry);
            position >>= 1;
            write(level(k + 1), position, carry);
        }
        size++;
        return index;
    }

    /** Makes every appended leaf durable; when it returns, they are acknowledged. */
    public void commit() throws IOException {
        for (FileChannel level : levels) {
            level.force(false);
        }
        committed.write(size);
    }

    public long size() {
        return size;
    }

    public long committedSize() {
        return committed.lastWritten();
    }

    public byte[] leafHash(long index) {
        return read(0, index);
    }

    /** The root of the tree of the first {@code treeSize} leaves. */
    public byte[] root(long treeSize) {
        checkSize(treeSize);
        return treeSize == 0 ? MerkleHash.emptyRoot() : subtreeRoot(0, treeSize);
    }

    public List<byte[]> inclusionProof(long index, long treeSize) {
        checkSize(treeSize);
        return MerkleTree.inclusionProof(this, treeSize, index);
    }

    public List<byte[]> consistencyProof(long oldSize, long treeSize) {
        checkSize(treeSize);
        return MerkleTree.consistencyProof(this, treeSize, oldSize);
    }

    /** Hash of leaves [from, to): stored when it is a perfect aligned subtree, else split per RFC 9162. */
    @Override
    public byte[] subtreeRoot(long from, long to) {
        long n = to - from;
        if (Long.bitCount(n) == 1 && from % n == 0) {
            int k = Long.numberOfTrailingZeros(n);
            return read(k, from >> k);
        }
        long split = MerkleHash.splitPointOf(n);
        return MerkleHash.nodeHash(subtreeRoot(from, from + split), subtreeRoot(from + split, to));
    }

    private void checkSize(long treeSize) {
        if (treeSize < 0 || treeSize > size) {
            throw new IllegalArgumentException("tree size " + treeSize + " outside 0.." + size);
        }
    }

    private FileChannel level(int k) throws IOException {
        while (levels.size() <= k) {
            levels.add(FileChannel.open(directory.resolve(String.format("level-%02d", levels.size())),
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
        }
        return levels.get(k);
    }

    private byte[] read(int k, long index) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(HASH);
            FileChannel level = level(k);
            long position = index * HASH;
            while (buffer.hasRemaining()) {
                if (level.read(buffer, position + buffer.position()) < 0) {
                    throw new IOException("level " + k + " has no record " + index);
                }
            }
            return buffer.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(FileChannel level, long index, byte[] hash) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(hash);
        while (buffer.hasRemaining()) {
            level.write(buffer, index * HASH + buffer.position());
        }
    }

    @Override
    public void close() throws IOException {
        for (FileChannel level : levels) {
            level.close();
        }
        committed.close();
    }
}
