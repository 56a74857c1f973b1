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
 * <p>Durability: {@link #append} buffers records in memory; {@link #commit} writes and fsyncs them, then
 * records the new size. A leaf is acknowledged once {@code commit} has returned. On open, everything
 * past the committed size is cut off and any missing interior hash below it is recomputed, so a
 * kill -9 or power loss at any instant loses no acknowledged leaf and leaves no torn record.
 * Not thread-safe: one writer.
 */
public final class DiskMerkleLog implements MerkleTree.SubtreeHashes, AutoCloseable {
    private static final int HASH = 32;
    private static final int MAX_LEVELS = 64;

    private static final int BUFFER_RECORDS = 2048;

    private final Path directory;
    private final List<FileChannel> levels = new ArrayList<>();
    /** Per level: records appended but not yet written, and the index of the first of them. */
    private final List<ByteBuffer> pending = new ArrayList<>();
    private final List<Long> pendingStart = new ArrayList<>();
    /** Per level: the last record appended, the left sibling the next odd record needs. */
    private final List<byte[]> lastRecord = new ArrayList<>();
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
            if (expected == 0 && k > 0 && !Files.exists(levelPath(k))) {
                break;   // no higher level was ever written
            }
            FileChannel level = level(k);
            if (level.size() > expected * HASH) {
                level.truncate(expected * HASH);
            }
            for (long i = level.size() / HASH; i < expected; i++) {
                writeThrough(level, i, MerkleHash.nodeHash(read(k - 1, 2 * i), read(k - 1, 2 * i + 1)));
            }
            pendingStart.set(k, expected);
            lastRecord.set(k, expected > 0 ? read(k, expected - 1) : null);
        }
    }

    /** Appends a leaf hash (not yet durable: see {@link #commit}); returns its index. */
    public long append(byte[] leafHash) throws IOException {
        if (leafHash.length != HASH) {
            throw new IllegalArgumentException("a leaf hash is 32 bytes, got " + leafHash.length);
        }
        long index = size;
        byte[] carry = leafHash.clone();
        long position = index;
        int k = 0;
        while ((position & 1) == 1) {
            byte[] left = lastRecord.get(k);
            buffer(k, carry);
            carry = MerkleHash.nodeHash(left, carry);
            position >>= 1;
            k++;
        }
        buffer(k, carry);
        size++;
        return index;
    }

    /** Makes every appended leaf durable; when it returns, they are acknowledged. */
    public void commit() throws IOException {
        flush();
        for (FileChannel level : levels) {
            level.force(false);
        }
        committed.write(size);
    }

    private void buffer(int k, byte[] hash) throws IOException {
        level(k);
        ByteBuffer buffer = pending.get(k);
        if (!buffer.hasRemaining()) {
            flushLevel(k);
        }
        buffer.put(hash);
        lastRecord.set(k, hash);
    }

    /** Writes every pending record to its level file (not yet durable: see {@link #commit}). */
    private void flush() throws IOException {
        for (int k = 0; k < pending.size(); k++) {
            flushLevel(k);
        }
    }

    private void flushLevel(int k) throws IOException {
        ByteBuffer buffer = pending.get(k);
        buffer.flip();
        long start = pendingStart.get(k);
        long written = buffer.remaining() / HASH;
        FileChannel channel = levels.get(k);
        long offset = start * HASH;
        while (buffer.hasRemaining()) {
            channel.write(buffer, offset + buffer.position());
        }
        buffer.clear();
        pendingStart.set(k, start + written);
    }

    public long size() {
        return size;
    }

    public long committedSize() {
        return committed.lastWritten();
    }

    public byte[] leafHash(long index) {
        checkIndex(index);
        flushQuietly();
        return read(0, index);
    }

    /** The root of the tree of the first {@code treeSize} leaves. */
    public byte[] root(long treeSize) {
        checkSize(treeSize);
        flushQuietly();
        return treeSize == 0 ? MerkleHash.emptyRoot() : subtreeRoot(0, treeSize);
    }

    public List<byte[]> inclusionProof(long index, long treeSize) {
        checkSize(treeSize);
        flushQuietly();
        return MerkleTree.inclusionProof(this, treeSize, index);
    }

    public List<byte[]> consistencyProof(long oldSize, long treeSize) {
        checkSize(treeSize);
        flushQuietly();
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

    private void flushQuietly() {
        try {
            flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " outside 0.." + (size - 1));
        }
    }

    private void checkSize(long treeSize) {
        if (treeSize < 0 || treeSize > size) {
            throw new IllegalArgumentException("tree size " + treeSize + " outside 0.." + size);
        }
    }

    private FileChannel level(int k) throws IOException {
        while (levels.size() <= k) {
            FileChannel channel = FileChannel.open(levelPath(levels.size()),
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            levels.add(channel);
            pending.add(ByteBuffer.allocate(BUFFER_RECORDS * HASH));
            pendingStart.add(channel.size() / HASH);
            lastRecord.add(null);
        }
        return levels.get(k);
    }

    private Path levelPath(int k) {
        return directory.resolve(String.format("level-%02d", k));
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

    private static void writeThrough(FileChannel level, long index, byte[] hash) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(hash);
        while (buffer.hasRemaining()) {
            level.write(buffer, index * HASH + buffer.position());
        }
    }

    @Override
    public void close() throws IOException {
        flush();
        for (FileChannel level : levels) {
            level.close();
        }
        committed.close();
    }
}
