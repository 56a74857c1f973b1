package io.solarmrv.attestation.log;

import io.solarmrv.attestation.MerkleHash;
import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.attestation.internal.CommitRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An append-only RFC 9162 Merkle log stored as a C2SP tlog-tiles directory
 * (https://c2sp.org/tlog-tiles), so any static web server can serve it to tlog-tiles clients, and
 * roots and proofs for any committed tree size read O(log n) tiles, never rescan.
 *
 * <p><b>Format.</b> {@code tile/<L>/<N>[.p/<W>]}: hash tiles ({@link TilePath}); the n-th tile of
 * level L holds MTH of leaves [(n·256 + i)·256^L, (n·256 + i + 1)·256^L) for i &lt; 256 (level 0: the
 * leaf hashes). {@code tile/entries/<N>[.p/<W>]}: entry bundles, each entry a big-endian uint16
 * length then its bytes, hashed into level 0 as RFC 9162 leaves. {@code committed}: the acknowledged
 * tree size ({@link CommitRecord}). Full tiles and bundles are written once and never change;
 * partial ones ({@code .p/<W>}) are written for every committed size and kept.
 *
 * <p><b>Durability.</b> {@link #append} holds entries in memory; {@link #commit} writes every tile
 * and bundle that filled since the last commit and the partial ones of the new size, each to a
 * temporary file that is fsynced and then renamed into place, fsyncs the directories, and only then
 * records the new size. A leaf is acknowledged once {@code commit} has returned. On open, tiles and
 * bundles past the committed size (a commit that did not finish) are deleted, so a kill -9 or power
 * loss at any instant loses no acknowledged leaf and leaves no torn or foreign tile.
 *
 * <p><b>Threading.</b> One writer; not thread-safe.
 */
public final class TiledLog implements MerkleTree.SubtreeHashes, AutoCloseable {
    private static final int W = TilePath.WIDTH;
    private static final int HASH = 32;
    /** The longest entry a bundle can hold (its length is a uint16). */
    public static final int MAX_ENTRY = 0xFFFF;

    private final Path directory;
    private final CommitRecord committed;
    /** Per level: the hashes of its last, incomplete tile (floor(size / 256^L) mod 256 of them). */
    private final List<List<byte[]>> rows = new ArrayList<>();
    /** The entries of the last, incomplete bundle. */
    private final List<byte[]> bundle = new ArrayList<>();
    /** Full tiles and bundles filled since the last commit, by path, in order. */
    private final Map<String, byte[]> unwritten = new LinkedHashMap<>();
    /** Whether this instance only reads (another process writes): it deletes nothing, appends nothing. */
    private final boolean readOnly;
    private final TileCache<byte[]> cache = new TileCache<>();
    private final TileCache<byte[][][]> nodes = new TileCache<>();
    private long size;

    private TiledLog(Path directory, CommitRecord committed, boolean readOnly) {
        this.directory = directory;
        this.committed = committed;
        this.readOnly = readOnly;
    }

    /** Opens (or creates) the log in {@code directory}, recovering to its last committed size. */
    public static TiledLog open(Path directory) throws IOException {
        Files.createDirectories(directory);
        return recovered(new TiledLog(directory, CommitRecord.open(directory.resolve("committed")), false));
    }

    /**
     * Opens a log another process writes, as of its last commit, to read roots, proofs and entries
     * of tree sizes up to it; deletes nothing. Open again to see later commits.
     */
    public static TiledLog openForReading(Path directory) throws IOException {
        if (!Files.exists(directory.resolve("committed"))) {
            throw new IOException("no tiled log at " + directory + " (no 'committed' record)");
        }
        return recovered(new TiledLog(directory, CommitRecord.openForReading(directory.resolve("committed")), true));
    }

    /** The log brought to its committed size; closed again if that fails (a tile missing below it). */
    private static TiledLog recovered(TiledLog log) throws IOException {
        try {
            log.recover(log.committed.read());
        } catch (UncheckedIOException e) {
            log.close();
            throw e.getCause();
        }
        return log;
    }

    private void recover(long committedSize) throws IOException {
        size = committedSize;
        for (int level = 0; level == 0 || power(level) <= committedSize; level++) {
            deletePast(committedSize, level);
            int width = (int) ((committedSize / power(level)) % W);
            List<byte[]> row = new ArrayList<>();
            if (width > 0) {
                byte[] tile = readFile(TilePath.tile(level, committedSize / power(level + 1), width));
                for (int i = 0; i < width; i++) {
                    row.add(java.util.Arrays.copyOfRange(tile, i * HASH, (i + 1) * HASH));
                }
            }
            row(level).addAll(row);
        }
        // Levels only an unfinished commit reached: nothing of them is committed.
        for (int level = rows.size(); Files.exists(directory.resolve("tile/" + level)); level++) {
            deletePast(committedSize, level);
        }
        deletePast(committedSize, -1);
        int entries = (int) (committedSize % W);
        if (entries > 0) {
            bundle.addAll(parseBundle(readFile(TilePath.entries(committedSize / W, entries)), entries));
        }
    }

    /** Deletes the tiles (level &gt;= 0) or bundles (level -1) that a commit past {@code committedSize} wrote. */
    private void deletePast(long committedSize, int level) throws IOException {
        if (readOnly) {
            return;
        }
        int hashLevel = Math.max(level, 0);
        long hashesCommitted = committedSize / power(hashLevel);
        for (long n = hashesCommitted / W; ; n++) {
            boolean any = false;
            for (int width = 1; width <= W; width++) {
                if (n * W + width <= hashesCommitted) {
                    continue;
                }
                Path path = directory.resolve(level < 0 ? TilePath.entries(n, width) : TilePath.tile(level, n, width));
                any |= Files.deleteIfExists(path);
            }
            if (!any && n > hashesCommitted / W) {
                return;
            }
        }
    }

    /** Appends an entry (not yet durable: see {@link #commit}); returns its index. */
    public long append(byte[] entry) {
        if (readOnly) {
            throw new IllegalStateException("this log at " + directory + " is open for reading");
        }
        if (entry.length > MAX_ENTRY) {
            throw new IllegalArgumentException("an entry is at most " + MAX_ENTRY + " bytes, was " + entry.length);
        }
        long index = size;
        bundle.add(entry.clone());
        if (bundle.size() == W) {
            unwritten.put(TilePath.entries(index / W, W), encodeBundle(bundle));
            bundle.clear();
        }
        byte[] hash = MerkleHash.leafHash(entry);
        for (int level = 0; ; level++) {
            List<byte[]> row = row(level);
            row.add(hash);
            if (row.size() < W) {
                break;
            }
            unwritten.put(TilePath.tile(level, index / power(level + 1), W), concat(row));
            hash = perfectRoot(row, 0, W);
            row.clear();
        }
        size++;
        return index;
    }

    /**
     * Makes every appended entry durable; when it returns, they are acknowledged. Tiles and bundles
     * are written to temporary files, fsynced together (in parallel: the disk serves many flushes at
     * once faster than one after another), renamed into place, their directories fsynced, and then the
     * size recorded.
     */
    public void commit() throws IOException {
        Map<String, byte[]> writes = new LinkedHashMap<>(unwritten);
        for (int level = 0; level < rows.size(); level++) {
            List<byte[]> row = rows.get(level);
            if (!row.isEmpty()) {
                writes.put(TilePath.tile(level, size / power(level + 1), row.size()), concat(row));
            }
        }
        if (!bundle.isEmpty()) {
            writes.put(TilePath.entries(size / W, bundle.size()), encodeBundle(bundle));
        }
        List<Path> staged = new ArrayList<>();
        java.util.Set<Path> directories = new java.util.LinkedHashSet<>();
        for (Map.Entry<String, byte[]> write : writes.entrySet()) {
            Path path = directory.resolve(write.getKey());
            if (Files.exists(path)) {
                // A partial tile of a size committed before: written once, so it must hold the same bytes.
                if (!java.util.Arrays.equals(Files.readAllBytes(path), write.getValue())) {
                    throw new IOException(path + " exists with other contents: a tile is written once");
                }
                continue;
            }
            Files.createDirectories(path.getParent());
            Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
            Files.write(temporary, write.getValue());
            staged.add(temporary);
            for (Path up = path.getParent(); up != null && up.startsWith(directory); up = up.getParent()) {
                directories.add(up);   // directories the writes created are entries of their parents
            }
        }
        forceAll(staged, false);
        for (Path temporary : staged) {
            String name = temporary.getFileName().toString();
            Files.move(temporary, temporary.resolveSibling(name.substring(0, name.length() - ".tmp".length())),
                    StandardCopyOption.ATOMIC_MOVE);
        }
        forceAll(new ArrayList<>(directories), true);
        committed.write(size);
        unwritten.clear();
    }

    /** fsyncs files (or directories), several at a time (the common pool's workers and the caller). */
    private static void forceAll(List<Path> paths, boolean directories) throws IOException {
        try {
            paths.parallelStream().forEach(path -> {
                try (FileChannel channel = FileChannel.open(path, directories ? new StandardOpenOption[] {StandardOpenOption.READ}
                        : new StandardOpenOption[] {StandardOpenOption.WRITE})) {
                    channel.force(true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public long size() {
        return size;
    }

    public long committedSize() {
        return committed.lastWritten();
    }

    public byte[] leafHash(long index) {
        checkIndex(index);
        return hashAt(0, index);
    }

    /** The entry at {@code index}, as appended. */
    public byte[] entry(long index) {
        checkIndex(index);
        long n = index / W;
        if (n == size / W) {
            return bundle.get((int) (index % W)).clone();
        }
        String path = TilePath.entries(n, W);
        byte[] bytes = unwritten.containsKey(path) ? unwritten.get(path) : cache.get(path, () -> readFile(path));
        return parseBundle(bytes, W).get((int) (index % W));
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

    /** MTH of leaves [from, to): a perfect aligned subtree from its tile ({@link TileSpan}), any other range split per RFC 9162. */
    @Override
    public byte[] subtreeRoot(long from, long to) {
        TileSpan span = TileSpan.ofPerfect(from, to);
        if (span != null) {
            if (span.tile() != (size / power(span.level())) / W) {
                return fullTileNodes(span.level(), span.tile())[span.height()][span.offset() >> span.height()];
            }
            List<byte[]> hashes = new ArrayList<>(span.width());
            for (long i = span.first(); i < span.first() + span.width(); i++) {
                hashes.add(hashAt(span.level(), i));
            }
            return perfectRoot(hashes, 0, span.width());
        }
        long split = MerkleHash.splitPointOf(to - from);
        return MerkleHash.nodeHash(subtreeRoot(from, from + split), subtreeRoot(from + split, to));
    }

    /**
     * Every node of a full tile's 8-level subtree, by height (0: its 256 hashes; 8: its root), so a
     * proof reads a stored node instead of hashing up to 128 hashes; kept with the tile in the cache.
     */
    private byte[][][] fullTileNodes(int level, long n) {
        String path = TilePath.tile(level, n, W);
        return nodes.get(path, () -> {
            byte[] tile = unwritten.containsKey(path) ? unwritten.get(path) : readFile(path);
            byte[][][] byHeight = new byte[9][][];
            byHeight[0] = new byte[W][];
            for (int i = 0; i < W; i++) {
                byHeight[0][i] = java.util.Arrays.copyOfRange(tile, i * HASH, (i + 1) * HASH);
            }
            for (int h = 1; h <= 8; h++) {
                byHeight[h] = new byte[W >> h][];
                for (int i = 0; i < byHeight[h].length; i++) {
                    byHeight[h][i] = MerkleHash.nodeHash(byHeight[h - 1][2 * i], byHeight[h - 1][2 * i + 1]);
                }
            }
            return byHeight;
        });
    }

    /** The i-th hash of a level: from a full tile (written, or filled since the last commit) or the last row. */
    private byte[] hashAt(int level, long i) {
        long n = i / W;
        if (n == (size / power(level)) / W) {
            return row(level).get((int) (i % W));
        }
        return fullTileNodes(level, n)[0][(int) (i % W)];
    }

    private byte[] readFile(String relative) {
        try {
            return Files.readAllBytes(directory.resolve(relative));
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(new IOException("log at " + directory + " is corrupt: " + relative
                    + " is missing below the committed size " + committed.lastWritten(), e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<byte[]> row(int level) {
        while (rows.size() <= level) {
            rows.add(new ArrayList<>());
        }
        return rows.get(level);
    }

    /** MTH of {@code count} (a power of two) consecutive hashes of a list, as the leaves of a perfect tree. */
    private static byte[] perfectRoot(List<byte[]> hashes, int from, int count) {
        if (count == 1) {
            return hashes.get(from);
        }
        return MerkleHash.nodeHash(perfectRoot(hashes, from, count / 2), perfectRoot(hashes, from + count / 2, count / 2));
    }

    private static long power(int level) {
        return level >= 8 ? Long.MAX_VALUE : 1L << (8 * level);
    }

    private static byte[] concat(List<byte[]> hashes) {
        ByteBuffer out = ByteBuffer.allocate(hashes.size() * HASH);
        hashes.forEach(out::put);
        return out.array();
    }

    static byte[] encodeBundle(List<byte[]> entries) {
        int length = entries.stream().mapToInt(e -> 2 + e.length).sum();
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] entry : entries) {
            out.putShort((short) entry.length).put(entry);
        }
        return out.array();
    }

    static List<byte[]> parseBundle(byte[] bytes, int count) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<byte[]> entries = new ArrayList<>(count);
        while (in.hasRemaining()) {
            if (in.remaining() < 2) {
                throw new IllegalArgumentException("an entry bundle ends inside a length prefix");
            }
            int length = Short.toUnsignedInt(in.getShort());
            if (in.remaining() < length) {
                throw new IllegalArgumentException("an entry bundle's entry of " + length + " bytes is cut short");
            }
            byte[] entry = new byte[length];
            in.get(entry);
            entries.add(entry);
        }
        if (entries.size() != count) {
            throw new IllegalArgumentException("an entry bundle holds " + entries.size() + " entries, expected " + count);
        }
        return entries;
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

    @Override
    public void close() throws IOException {
        committed.close();
    }

    /** Recently read full tiles or bundles (they never change) by path, least recently used out first. */
    private static final class TileCache<T> {
        private static final int CAPACITY = 512;
        private final LinkedHashMap<String, T> tiles = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
                return size() > CAPACITY;
            }
        };

        T get(String path, java.util.function.Supplier<T> read) {
            T cached = tiles.get(path);
            if (cached == null) {
                cached = read.get();
                tiles.put(path, cached);
            }
            return cached;
        }
    }
}
