package io.solarmrv.attestation.internal;

import io.solarmrv.attestation.MerkleHash;
import io.solarmrv.attestation.MerkleTree;
import java.util.ArrayList;
import java.util.List;

/**
 * A range [begin, end) of an RFC 9162 tree's leaves held as the roots of the fewest perfect,
 * aligned subtrees that cover it (O(log n) hashes), with appends at the end. A range from 0 is a
 * growing log's state and gives its root; a range from a checkpoint's size holds what was
 * appended since, enough to prove the new tree consistent with the checkpoint
 * ({@link MerkleTree#consistencyProof(CompactRange, CompactRange)}) without keeping the leaves.
 *
 * <p>Internal: the readings job's Merkle log appender keeps its log as two of these (stored in Flink
 * state as their bounds and subtree roots, not as this class). Verifiers need none of it.
 */
public final class CompactRange {
    private final List<byte[]> subtreeRoots = new ArrayList<>();
    private final List<Integer> levels = new ArrayList<>();
    private final long begin;
    private long end;

    /** An empty range at the start of a tree. */
    public CompactRange() {
        this(0);
    }

    private CompactRange(long begin) {
        if (begin < 0) {
            throw new IllegalArgumentException("a range cannot begin at " + begin);
        }
        this.begin = begin;
        this.end = begin;
    }

    /** An empty range whose first leaf will be leaf number {@code begin}. */
    public static CompactRange startingAt(long begin) {
        return new CompactRange(begin);
    }

    /** Restores a range [0, size) from its subtree roots (as {@link #subtreeRoots()} gave them). */
    public static CompactRange restore(long size, List<byte[]> roots) {
        return restore(0, size, roots);
    }

    /** Restores a range [begin, end) from its subtree roots, largest-first from the left. */
    public static CompactRange restore(long begin, long end, List<byte[]> roots) {
        CompactRange range = new CompactRange(begin);
        List<Integer> shape = decomposition(begin, end);
        if (shape.size() != roots.size()) {
            throw new IllegalArgumentException("the range [" + begin + ", " + end + ") has " + shape.size()
                    + " perfect subtrees, not " + roots.size());
        }
        range.subtreeRoots.addAll(roots);
        range.levels.addAll(shape);
        range.end = end;
        return range;
    }

    /** Levels of the perfect aligned subtrees covering [begin, end), left to right. */
    private static List<Integer> decomposition(long begin, long end) {
        if (end < begin) {
            throw new IllegalArgumentException("range end " + end + " before its begin " + begin);
        }
        List<Integer> shape = new ArrayList<>();
        for (long at = begin; at < end; ) {
            int alignment = at == 0 ? 62 : Long.numberOfTrailingZeros(at);
            int fits = 63 - Long.numberOfLeadingZeros(end - at);
            int level = Math.min(alignment, fits);
            shape.add(level);
            at += 1L << level;
        }
        return shape;
    }

    public void append(byte[] leafHash) {
        byte[] carry = leafHash;
        int level = 0;
        long index = end;
        // Merge with the last subtree while it is this one's left sibling.
        while ((index & 1) == 1 && !levels.isEmpty() && levels.get(levels.size() - 1) == level) {
            carry = MerkleHash.nodeHash(subtreeRoots.remove(subtreeRoots.size() - 1), carry);
            levels.remove(levels.size() - 1);
            level++;
            index >>= 1;
        }
        subtreeRoots.add(carry);
        levels.add(level);
        end++;
    }

    public long begin() {
        return begin;
    }

    public long end() {
        return end;
    }

    /** The number of leaves in the range; for a range from 0, the tree size. */
    public long size() {
        return end - begin;
    }

    public List<byte[]> subtreeRoots() {
        return List.copyOf(subtreeRoots);
    }

    /**
     * The hash of exactly the leaves [from, to) if the range holds it as one subtree or a right edge
     * (for {@link MerkleTree#consistencyProof(CompactRange, CompactRange)}).
     */
    public byte[] hashOf(long from, long to) {
        long at = begin;
        List<byte[]> covering = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            long next = at + (1L << levels.get(i));
            if (at >= from && next <= to) {
                covering.add(subtreeRoots.get(i));
            } else if (at < to && next > from) {
                throw new IllegalStateException("[" + from + ", " + to + ") cuts a subtree of this range");
            }
            at = next;
        }
        if (covering.isEmpty() || to > end || from < begin) {
            throw new IllegalStateException("[" + from + ", " + to + ") is not within [" + begin + ", " + end + ")");
        }
        return fold(covering);
    }

    /** MTH of the leaves of a range from 0: its subtree roots folded from the right. */
    public byte[] root() {
        if (begin != 0) {
            throw new IllegalStateException("only a range from leaf 0 has a tree root; this one begins at " + begin);
        }
        return subtreeRoots.isEmpty() ? MerkleHash.emptyRoot() : fold(subtreeRoots);
    }

    private static byte[] fold(List<byte[]> roots) {
        byte[] root = roots.get(roots.size() - 1);
        for (int i = roots.size() - 2; i >= 0; i--) {
            root = MerkleHash.nodeHash(roots.get(i), root);
        }
        return root;
    }
}
