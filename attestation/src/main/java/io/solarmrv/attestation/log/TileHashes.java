package io.solarmrv.attestation.log;

import io.solarmrv.attestation.MerkleHash;
import io.solarmrv.attestation.MerkleTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The hashes of one tree size of a C2SP tlog-tiles log, read from wherever its tiles are served
 * (a client's view: an auditor fetching {@code /log/tile/...} over HTTP, or a directory), for roots
 * and proofs with {@link MerkleTree}'s functions. Like {@link TiledLog#subtreeRoot}, a perfect
 * aligned subtree is hashed up from the tile that holds it ({@link TileSpan}), so a proof reads
 * O(log n) tiles. A tile that the tree size leaves partial is read as {@code <N>.p/<W>}, or, where
 * only the full tile is served (it filled later), as that tile's first W hashes, as c2sp.org/tlog-tiles
 * allows. Each tile is fetched once per instance. Not thread-safe.
 */
public final class TileHashes implements MerkleTree.SubtreeHashes {
    private static final int W = TilePath.WIDTH;
    private static final int HASH = 32;

    /** Where tiles are read from: the tile's path ({@link TilePath}) to its bytes, empty if there is none of that name. */
    public interface Source {
        Optional<byte[]> read(String path) throws IOException;
    }

    private final long treeSize;
    private final Source source;
    private final Map<String, byte[]> fetched = new HashMap<>();

    public TileHashes(long treeSize, Source source) {
        if (treeSize < 1) {
            throw new IllegalArgumentException("a tree of " + treeSize + " leaves has no tiles");
        }
        this.treeSize = treeSize;
        this.source = source;
    }

    public long treeSize() {
        return treeSize;
    }

    /** The root of the tree of {@link #treeSize} leaves. */
    public byte[] root() {
        return subtreeRoot(0, treeSize);
    }

    /**
     * MTH of leaves [from, to) of this tree.
     *
     * @throws UncheckedIOException naming the tile, where a tile cannot be read or has the wrong length
     */
    @Override
    public byte[] subtreeRoot(long from, long to) {
        if (from < 0 || to > treeSize || from >= to) {
            throw new IllegalArgumentException("leaves [" + from + ", " + to + ") are not a subtree of a tree of " + treeSize);
        }
        TileSpan span = TileSpan.ofPerfect(from, to);
        if (span != null) {
            return perfectRoot(tile(span.level(), span.tile()), span.offset(), span.width());
        }
        long split = MerkleHash.splitPointOf(to - from);
        return MerkleHash.nodeHash(subtreeRoot(from, from + split), subtreeRoot(from + split, to));
    }

    /** The hashes of tile {@code index} of {@code level} as this tree size sees it (partial where it is). */
    private byte[] tile(int level, long index) {
        long hashes = treeSize >> (8 * level);
        int width = (int) Math.min(W, hashes - index * W);
        String partial = TilePath.tile(level, index, width);
        return fetched.computeIfAbsent(partial, path -> {
            try {
                Optional<byte[]> bytes = source.read(path);
                if (bytes.isEmpty() && width < W) {
                    bytes = source.read(TilePath.tile(level, index, W)).map(full -> full.length == W * HASH
                            ? Arrays.copyOf(full, width * HASH) : full);
                }
                byte[] tile = bytes.orElseThrow(() -> new IOException("the log serves no tile " + path));
                if (tile.length != width * HASH) {
                    throw new IOException("tile " + path + " holds " + tile.length + " bytes, not " + width + " hashes");
                }
                return tile;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** MTH of {@code count} (a power of two) consecutive hashes of a tile, from {@code offset}. */
    private static byte[] perfectRoot(byte[] tile, int offset, int count) {
        if (count == 1) {
            return Arrays.copyOfRange(tile, offset * HASH, (offset + 1) * HASH);
        }
        return MerkleHash.nodeHash(perfectRoot(tile, offset, count / 2), perfectRoot(tile, offset + count / 2, count / 2));
    }
}
