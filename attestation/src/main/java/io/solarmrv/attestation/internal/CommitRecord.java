package io.solarmrv.attestation.internal;

import io.solarmrv.attestation.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A durable counter (the log's committed tree size, the edge store's acknowledged position) in two
 * alternating 64-byte slots of (sequence, value, SHA-256 of both): a torn write can spoil only the
 * slot being written, so the other still holds the previous value, and a slot whose checksum fails
 * is ignored. {@link #write} returns after fsync.
 */
public final class CommitRecord implements AutoCloseable {
    private static final int SLOT = 64;

    private final FileChannel file;
    private long sequence;
    private long lastWritten;

    private CommitRecord(FileChannel file) {
        this.file = file;
    }

    public static CommitRecord open(Path path) throws IOException {
        return new CommitRecord(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
    }

    /** Opens an existing record to read only (another process writes it). */
    public static CommitRecord openForReading(Path path) throws IOException {
        return new CommitRecord(FileChannel.open(path, StandardOpenOption.READ));
    }

    /** The size of the newest valid slot (0 for a new log). */
    public long read() throws IOException {
        long bestSequence = -1;
        long bestSize = 0;
        for (int slot = 0; slot < 2; slot++) {
            ByteBuffer buffer = ByteBuffer.allocate(SLOT);
            file.read(buffer, (long) slot * SLOT);
            if (buffer.position() < 48) {
                continue;
            }
            byte[] bytes = buffer.array();
            byte[] expected = Arrays.copyOfRange(Sha256.hash(Arrays.copyOf(bytes, 16)), 0, 32);
            if (!Arrays.equals(expected, Arrays.copyOfRange(bytes, 16, 48))) {
                continue;
            }
            ByteBuffer fields = ByteBuffer.wrap(bytes);
            long seq = fields.getLong();
            long size = fields.getLong();
            if (seq > bestSequence) {
                bestSequence = seq;
                bestSize = size;
            }
        }
        sequence = bestSequence + 1;
        lastWritten = bestSize;
        return bestSize;
    }

    public void write(long size) throws IOException {
        ByteBuffer fields = ByteBuffer.allocate(16).putLong(sequence).putLong(size);
        ByteBuffer slot = ByteBuffer.allocate(SLOT).put(fields.array()).put(Sha256.hash(fields.array()));
        slot.flip();
        long position = (sequence % 2) * SLOT;
        while (slot.hasRemaining()) {
            file.write(slot, position + slot.position());
        }
        file.force(false);
        sequence++;
        lastWritten = size;
    }

    public long lastWritten() {
        return lastWritten;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
