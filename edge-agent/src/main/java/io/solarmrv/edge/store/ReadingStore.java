package io.solarmrv.edge.store;

import io.solarmrv.attestation.internal.CommitRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * considers stored survives power loss. A write or fsync that fails (disk full, I/O error) is cut
 * back to the last whole record and the reading refused with the error; if even that fails, the
 * store refuses every reading until it is reopened.
 *
 * <p>Recovery, on open: a torn record at the end of the last segment (kill -9 or power loss
 * mid-write) is cut off. Any other bytes that are not a whole record (a bad sector, bit rot, a
 * failed write that could not be cut back), in any segment, are moved to {@code quarantine/} and the
 * whole records after them kept: the store finds the next record by its length and checksum. Since
 * the records after such a hole move up, the acknowledged position is first lowered to the hole, so
 * every reading from there on is sent again; the backend drops the duplicates by device and sequence,
 * and nothing stored is lost. Each step is crash-safe (acknowledged position, then quarantine copy,
 * then the segment rewritten by atomic rename, then later segments renamed to their positions).
 *
 * <p>The store is bounded in bytes: when full, {@link #append} throws {@link StoreFullException}
 * rather than dropping old evidence. Not thread-safe for writers: one appender, one forwarder,
 * synchronised here.
 */
public final class ReadingStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadingStore.class);
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
    private final SegmentChannels channels;
    /** Why the store refuses every append until reopened (a failed write could not be cut back); null when healthy. */
    private String broken;

    /** A stored reading and its queue position. */
    public record Entry(long position, byte[] bytes) {
    }

    /** Opens the segment appended to; a test substitutes one whose writes fail, as a full or failing disk's would. */
    interface SegmentChannels {
        FileChannel open(Path segment) throws IOException;
    }

    private ReadingStore(Path directory, long maxBytes, long segmentBytes, CommitRecord acknowledged, SegmentChannels channels) {
        this.directory = directory;
        this.channels = channels;
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
        return open(directory, maxBytes, segmentBytes,
                file -> FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ));
    }

    static ReadingStore open(Path directory, long maxBytes, long segmentBytes, SegmentChannels channels) throws IOException {
        if (maxBytes <= 0 || segmentBytes <= 0) {
            throw new IllegalArgumentException("store sizes must be positive");
        }
        Files.createDirectories(directory);
        ReadingStore store = new ReadingStore(directory, maxBytes, segmentBytes, CommitRecord.open(directory.resolve("acknowledged")),
                channels);
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
        // Pass 1, reading only: where each segment's whole records are, and the first position whose
        // acknowledgement is in doubt because a hole before it moves the records after it up.
        Map<Long, SegmentScan> scans = new TreeMap<>();   // sizes and holes only, not the bytes
        long position = segments.firstKey();
        long resendFrom = Long.MAX_VALUE;
        for (var segment : segments.entrySet()) {
            SegmentScan scan = SegmentScan.of(Files.readAllBytes(segment.getValue()), segment.getKey().equals(segments.lastKey()));
            scans.put(segment.getKey(), scan);
            if (segment.getKey() != position) {   // a segment renamed before a crash, or one lost: positions from here are in doubt
                resendFrom = Math.min(resendFrom, Math.min(position, segment.getKey()));
            }
            if (!scan.holes().isEmpty()) {
                resendFrom = Math.min(resendFrom, position + scan.recordsBeforeFirstHole());
            }
            position += scan.recordSizes().size();
        }
        if (acked > resendFrom) {
            LOG.warn("reading store {}: records from position {} on are sent again (acknowledged up to {}): a hole in the store"
                    + " moves them up", directory, resendFrom, acked);
            acknowledged.write(resendFrom);
            acked = resendFrom;
        }
        // Pass 2: quarantine holes, cut a torn tail, give each segment the name of its first position.
        position = segments.firstKey();
        for (var segment : new ArrayList<>(segments.entrySet())) {
            SegmentScan scan = scans.get(segment.getKey());
            Path file = segment.getValue();
            scan.repair(file, directory.resolve("quarantine"));
            if (segment.getKey() != position) {
                Path renamed = directory.resolve(segmentName(position));
                Files.move(file, renamed, StandardCopyOption.ATOMIC_MOVE);
                forceDirectory();
                segments.remove(segment.getKey());
                segments.put(position, renamed);
            }
            List<Integer> sizes = scan.recordSizes();
            for (int i = 0; i < sizes.size(); i++) {
                if (position + i >= acked) {
                    storedBytes += sizes.get(i);
                }
            }
            position += sizes.size();
        }
        nextPosition = Math.max(position, acked);
        for (Path segment : segments.values()) {
            for (byte[] record : records(segment)) {
                heads.fold(record);
            }
        }
        activeFirst = segments.lastKey();
        active = channels.open(segments.lastEntry().getValue());
        active.position(active.size());
        deleteAcknowledgedSegments();
    }

    /**
     * A segment as read on open: the sizes of its whole records in order, and the byte ranges
     * between them that are no whole record ({@code holes}); a last segment's trailing bytes that
     * no whole record follows are a torn tail, cut off rather than quarantined.
     */
    private record SegmentScan(List<Integer> recordSizes, List<long[]> holes, int recordsBeforeFirstHole, long tornTailAt) {
        static SegmentScan of(byte[] bytes, boolean last) {
            List<Integer> sizes = new ArrayList<>();
            List<long[]> holes = new ArrayList<>();
            int beforeFirstHole = -1;
            long tornTailAt = -1;
            int offset = 0;
            while (offset < bytes.length) {
                int size = wholeRecordAt(bytes, offset);
                if (size > 0) {
                    sizes.add(size);
                    offset += size;
                    continue;
                }
                int next = offset + 1;
                while (next < bytes.length && wholeRecordAt(bytes, next) < 0) {
                    next++;
                }
                if (next == bytes.length && last) {
                    tornTailAt = offset;
                    break;
                }
                if (beforeFirstHole < 0) {
                    beforeFirstHole = sizes.size();
                }
                holes.add(new long[] {offset, next});
                offset = next;
            }
            return new SegmentScan(sizes, holes, beforeFirstHole, tornTailAt);
        }

        /** Copies each hole to {@code quarantine} and rewrites the segment without them; cuts a torn tail. */
        void repair(Path file, Path quarantine) throws IOException {
            if (!holes.isEmpty()) {
                byte[] bytes = Files.readAllBytes(file);   // one segment at a time: memory is bounded by the segment size
                Files.createDirectories(quarantine);
                String name = file.getFileName().toString();
                for (long[] hole : holes) {
                    Path copy = quarantine.resolve(name + "." + hole[0] + ".bad");
                    try (FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                        out.write(ByteBuffer.wrap(bytes, (int) hole[0], (int) (hole[1] - hole[0])));
                        out.force(true);
                    }
                    LOG.warn("reading store: {} bytes at offset {} of {} are no whole record; moved to {}, the records after them kept",
                            hole[1] - hole[0], hole[0], file, copy);
                }
                Path rewritten = file.resolveSibling(name + ".repair");
                try (FileChannel out = FileChannel.open(rewritten, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    long from = 0;
                    for (long[] hole : holes) {
                        out.write(ByteBuffer.wrap(bytes, (int) from, (int) (hole[0] - from)));
                        from = hole[1];
                    }
                    out.write(ByteBuffer.wrap(bytes, (int) from, (int) ((tornTailAt >= 0 ? tornTailAt : bytes.length) - from)));
                    out.force(true);
                }
                Files.move(rewritten, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else if (tornTailAt >= 0) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(tornTailAt);
                    channel.force(true);
                }
            }
        }
    }

    /** The size (header included) of the whole record at {@code offset}, or -1 if none starts there. */
    private static int wholeRecordAt(byte[] bytes, int offset) {
        if (bytes.length - offset < HEADER) {
            return -1;
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, offset, HEADER);
        int length = header.getInt();
        int crc = header.getInt();
        if (length <= 0 || length > MAX_RECORD || bytes.length - offset - HEADER < length) {
            return -1;
        }
        CRC32C check = new CRC32C();
        check.update(bytes, offset + HEADER, length);
        return (int) check.getValue() == crc ? HEADER + length : -1;
    }

    private static String segmentName(long first) {
        return String.format("segment-%020d.log", first);
    }

    private void forceDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
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

    /**
     * Appends a reading durably (fsynced before this returns) and returns its position. A failed
     * write or fsync is cut back to the last whole record and thrown: the reading is not stored.
     */
    public synchronized long append(byte[] reading) throws IOException {
        if (reading.length == 0 || reading.length > MAX_RECORD) {
            throw new IllegalArgumentException("a stored reading is 1.." + MAX_RECORD + " bytes, got " + reading.length);
        }
        if (broken != null) {
            throw new IOException("reading store " + directory + " refuses readings until it is reopened: " + broken);
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
        long lastWhole = active.position();
        try {
            while (record.hasRemaining()) {
                active.write(record);
            }
            active.force(false);
        } catch (IOException failed) {
            cutBack(lastWhole, failed);
            throw new IOException("reading not stored in " + directory + " (" + failed.getMessage() + "); the store is back at its"
                    + " last whole record", failed);
        }
        storedBytes += recordBytes;
        heads.fold(reading);
        notifyAll();
        return nextPosition++;
    }

    /** After a failed write: truncate the active segment to {@code lastWhole}, or refuse all appends if even that fails. */
    private void cutBack(long lastWhole, IOException failed) {
        try {
            active.truncate(lastWhole);
            active.position(lastWhole);
            active.force(false);
        } catch (IOException alsoFailed) {
            failed.addSuppressed(alsoFailed);
            broken = "a failed write could not be cut back (" + alsoFailed.getMessage() + "); reopening quarantines its bytes";
        }
    }

    private void startSegment(long first) throws IOException {
        Path file = directory.resolve(segmentName(first));
        active = channels.open(file);
        active.position(active.size());
        activeFirst = first;
        segments.put(first, file);
        forceDirectory();
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
