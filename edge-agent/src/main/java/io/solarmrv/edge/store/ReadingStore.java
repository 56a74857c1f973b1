package io.solarmrv.edge.store;

import io.solarmrv.attestation.log.CommitRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The agent's durable store-and-forward queue: every signed reading is appended here (and fsynced)
 * before anything publishes it, and leaves only when the broker has acknowledged it.
 *
 * <p>On disk: append-only segment files {@code segment-<first position>.log} of records
 * {@code u32 length | u32 CRC-32C | bytes}, and {@code acknowledged}, a {@link CommitRecord} holding
 * the position up to which the broker has acknowledged. A record's position is its place in the
 * queue since the store was created (0, 1, 2, ...).
 *
 * <p>fsync policy: {@link #append} returns after the record is fsynced, so a reading the agent
 * considers stored survives power loss. On open, a torn record at the end of the last segment
 * (kill -9 or power loss mid-write) is cut off; nothing acknowledged is kept, nothing stored is lost.
 *
 * <p>The store is bounded in bytes: when full, {@link #append} throws {@link StoreFullException}
 * rather than dropping old evidence. Not thread-safe for writers: one appender, one forwarder,
 * synchronised here.
 */
public final class ReadingStore implements AutoCloseable {
    private static final int HEADER = 8;
    private static final int MAX_RECORD = 1 << 20;

    private final Path directory;
    private final long maxBytes;
    private final long segmentBytes;
    private final CommitRecord acknowledged;
    private final ChainHeads heads;
    /** First position of each segment file -> its path. */
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private FileChannel active;
    private long activeFirst;
    private long nextPosition;
    private long storedBytes;

    /** A stored reading and its queue position. */
    public record Entry(long position, byte[] bytes) {
    }

    private ReadingStore(Path directory, long maxBytes, long segmentBytes, CommitRecord acknowledged) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.acknowledged = acknowledged;
        this.heads = new ChainHeads(directory.resolve("chain-heads"));
    }

    /**
     * Opens (or creates) the store.
     *
     * @param maxBytes     bound on the bytes of unacknowledged readings kept on disk
     * @param segmentBytes size at which a new segment file starts
     */
    public static ReadingStore open(Path directory, long maxBytes, long segmentBytes) throws IOException {
        if (maxBytes <= 0 || segmentBytes <= 0) {
            throw new IllegalArgumentException("store sizes must be positive");
        }
        Files.createDirectories(directory);
        ReadingStore store = new ReadingStore(directory, maxBytes, segmentBytes, CommitRecord.open(directory.resolve("acknowledged")));
        store.recover();
        return store;
    }

    private void recover() throws IOException {
        long acked = acknowledged.read();
        heads.load();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("segment-") && name.endsWith(".log")) {
                    segments.put(Long.parseLong(name.substring(8, name.length() - 4)), file);
                }
            }
        }
        nextPosition = acked;
        if (segments.isEmpty()) {
            startSegment(acked);
            return;
        }
        // Count the records of every segment; cut a torn tail off the last one.
        long position = segments.firstKey();
        for (var segment : new ArrayList<>(segments.entrySet())) {
            if (segment.getKey() != position) {
                throw new IOException("store at " + directory + " is corrupt: segment " + segment.getValue()
                        + " should start at position " + position);
            }
            boolean last = segment.getKey().equals(segments.lastKey());
            Scan scan = scan(segment.getValue(), last);
            position += scan.records();
            if (segment.getKey() + scan.records() > acked) {
                storedBytes += scan.bytesFrom(Math.max(0, acked - segment.getKey()));
            }
        }
        nextPosition = Math.max(position, acked);
        for (Path segment : segments.values()) {
            for (byte[] record : records(segment)) {
                heads.fold(record);
            }
        }
        activeFirst = segments.lastKey();
        active = FileChannel.open(segments.lastEntry().getValue(), StandardOpenOption.WRITE, StandardOpenOption.READ);
        active.position(active.size());
        deleteAcknowledgedSegments();
    }

    private record Scan(long records, List<Long> sizes) {
        long bytesFrom(long index) {
            long bytes = 0;
            for (int i = (int) index; i < sizes.size(); i++) {
                bytes += sizes.get(i);
            }
            return bytes;
        }
    }

    /** Reads a segment's records; a torn or corrupt record at the end of the last segment is cut off. */
    private Scan scan(Path file, boolean last) throws IOException {
        List<Long> sizes = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long offset = 0;
            long size = channel.size();
            while (offset < size) {
                byte[] record = readRecord(channel, offset, size);
                if (record == null) {
                    if (!last) {
                        throw new IOException("store segment " + file + " is corrupt at offset " + offset);
                    }
                    channel.truncate(offset);
                    channel.force(true);
                    break;
                }
                sizes.add((long) HEADER + record.length);
                offset += HEADER + record.length;
            }
        }
        return new Scan(sizes.size(), sizes);
    }

    /** The record at {@code offset}, or null if it is torn or fails its checksum. */
    private static byte[] readRecord(FileChannel channel, long offset, long size) throws IOException {
        if (size - offset < HEADER) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        channel.read(header, offset);
        header.flip();
        int length = header.getInt();
        int crc = header.getInt();
        if (length < 0 || length > MAX_RECORD || size - offset - HEADER < length) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        while (body.hasRemaining()) {
            channel.read(body, offset + HEADER + body.position());
        }
        CRC32C check = new CRC32C();
        check.update(body.array());
        return (int) check.getValue() == crc ? body.array() : null;
    }

    /** Appends a reading durably (fsynced before this returns) and returns its position. */
    public synchronized long append(byte[] reading) throws IOException {
        if (reading.length == 0 || reading.length > MAX_RECORD) {
            throw new IllegalArgumentException("a stored reading is 1.." + MAX_RECORD + " bytes, got " + reading.length);
        }
        long recordBytes = HEADER + reading.length;
        if (storedBytes + recordBytes > maxBytes) {
            throw new StoreFullException("reading store " + directory + " is full: " + storedBytes + " of " + maxBytes
                    + " bytes hold readings the broker has not acknowledged; refusing new readings rather than dropping evidence");
        }
        if (active.size() >= segmentBytes) {
            active.close();
            startSegment(nextPosition);
        }
        CRC32C crc = new CRC32C();
        crc.update(reading);
        ByteBuffer record = ByteBuffer.allocate((int) recordBytes).putInt(reading.length).putInt((int) crc.getValue()).put(reading);
        record.flip();
        while (record.hasRemaining()) {
            active.write(record);
        }
        active.force(false);
        storedBytes += recordBytes;
        heads.fold(reading);
        notifyAll();
        return nextPosition++;
    }

    private void startSegment(long first) throws IOException {
        Path file = directory.resolve(String.format("segment-%020d.log", first));
        active = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        active.position(active.size());
        activeFirst = first;
        segments.put(first, file);
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** Up to {@code max} unacknowledged readings in queue order, starting at the oldest. */
    public synchronized List<Entry> unacknowledged(int max) throws IOException {
        List<Entry> entries = new ArrayList<>();
        long from = acknowledged.lastWritten();
        for (var segment : segments.tailMap(segments.floorKey(from) == null ? from : segments.floorKey(from), true).entrySet()) {
            long position = segment.getKey();
            FileChannel channel = segment.getKey() == activeFirst ? active
                    : FileChannel.open(segment.getValue(), StandardOpenOption.READ);
            try {
                long offset = 0;
                long size = channel.size();
                while (offset < size && entries.size() < max) {
                    byte[] record = readRecord(channel, offset, size);
                    if (record == null) {
                        throw new IOException("store segment " + segment.getValue() + " is corrupt at offset " + offset);
                    }
                    if (position >= from) {
                        entries.add(new Entry(position, record));
                    }
                    position++;
                    offset += HEADER + record.length;
                }
            } finally {
                if (channel != active) {
                    channel.close();
                }
            }
            if (entries.size() >= max) {
                break;
            }
        }
        return entries;
    }

    /**
     * Records that the broker has acknowledged {@code published}, which must be the oldest
     * unacknowledged entries in order (as {@link #unacknowledged} gave them).
     */
    public synchronized void acknowledge(List<Entry> published) throws IOException {
        if (published.isEmpty()) {
            return;
        }
        long expected = acknowledged.lastWritten();
        long released = 0;
        for (Entry entry : published) {
            if (entry.position() != expected) {
                throw new IllegalArgumentException("acknowledgements must be in queue order: expected position "
                        + expected + ", got " + entry.position());
            }
            expected++;
            released += HEADER + entry.bytes().length;
        }
        acknowledged.write(expected);
        storedBytes = Math.max(0, storedBytes - released);
        deleteAcknowledgedSegments();
    }

    /** Deletes segments whose every reading is acknowledged, folding them into the chain heads first. */
    private void deleteAcknowledgedSegments() throws IOException {
        long acked = acknowledged.lastWritten();
        while (segments.size() > 1) {
            var first = segments.firstEntry();
            Long next = segments.higherKey(first.getKey());
            if (next == null || next > acked) {
                break;
            }
            for (byte[] record : records(first.getValue())) {
                heads.fold(record);
            }
            heads.save();
            Files.deleteIfExists(first.getValue());
            segments.remove(first.getKey());
        }
    }

    private List<byte[]> records(Path file) throws IOException {
        List<byte[]> records = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long offset = 0;
            long size = channel.size();
            while (offset < size) {
                byte[] record = readRecord(channel, offset, size);
                if (record == null) {
                    break;
                }
                records.add(record);
                offset += HEADER + record.length;
            }
        }
        return records;
    }

    /**
     * Each device's last stored reading (sequence and hash), so a restarted agent continues every
     * chain where it stopped instead of forking it.
     */
    public synchronized Map<String, ChainHeads.Head> chainHeads() {
        return heads.snapshot();
    }

    /** Waits until a reading is pending or the timeout passes. */
    public synchronized void awaitPending(long timeoutMillis) throws InterruptedException {
        if (pending() == 0) {
            wait(timeoutMillis);
        }
    }

    /** Readings stored and not yet acknowledged. */
    public synchronized long pending() {
        return nextPosition - acknowledged.lastWritten();
    }

    public synchronized long storedBytes() {
        return storedBytes;
    }

    @Override
    public synchronized void close() throws IOException {
        active.close();
        acknowledged.close();
    }
}
