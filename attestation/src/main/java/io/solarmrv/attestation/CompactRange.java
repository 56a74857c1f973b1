package io.solarmrv.attestation;

import java.util.ArrayList;
import java.util.List;

/**
 * The root of a growing RFC 9162 tree in O(log n) memory: the roots of the perfect subtrees that
 * the leaves so far decompose into, largest first (a binary counter of subtrees).
 */
public final class CompactRange {
    private final List<byte[]> subtreeRoots = new ArrayList<>();
    private long size;

    /** Restores a range from its size and subtree roots (as {@link #subtreeRoots()} gave them). */
    public static CompactRange restore(long size, List<byte[]> roots) {
        if (Long.bitCount(size) != roots.size()) {
            throw new IllegalArgumentException("a tree of size " + size + " has " + Long.bitCount(size)
                    + " perfect subtrees, not " + roots.size());
        }
        CompactRange range = new CompactRange();
        range.subtreeRoots.addAll(roots);
        range.size = size;
        return range;
    }

    public void append(byte[] leafHash) {
        byte[] carry = leafHash;
        long merged = size;
        while ((merged & 1) == 1) {
            carry = MerkleHash.nodeHash(subtreeRoots.remove(subtreeRoots.size() - 1), carry);
            merged >>= 1;
        }
        subtreeRoots.add(carry);
        size++;
    }

    public long size() {
        return size;
    }

    public List<byte[]> subtreeRoots() {
        return List.copyOf(subtreeRoots);
    }

    public byte[] root() {
        if (subtreeRoots.isEmpty()) {
            return MerkleHash.emptyRoot();
        }
        byte[] root = subtreeRoots.get(subtreeRoots.size() - 1);
        for (int i = subtreeRoots.size() - 2; i >= 0; i--) {
            root = MerkleHash.nodeHash(subtreeRoots.get(i), root);
        }
        return root;
    }
}
