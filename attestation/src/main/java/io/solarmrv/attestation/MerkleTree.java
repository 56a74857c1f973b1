package io.solarmrv.attestation;

import io.solarmrv.attestation.internal.CompactRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Roots and proofs written as RFC 9162 §2.1 states them (MTH, PATH, PROOF/SUBPROOF), over any
 * {@link SubtreeHashes}: a list of leaf hashes in memory (the reference) or the on-disk log.
 */
public final class MerkleTree {
    private MerkleTree() {
    }

    /** The hash of the subtree over leaves [from, to), as RFC 9162 splits a tree (from &lt; to). */
    public interface SubtreeHashes {
        byte[] subtreeRoot(long from, long to);
    }

    /** Subtree hashes recomputed from leaf hashes held in memory. */
    public static SubtreeHashes inMemory(List<byte[]> leafHashes) {
        return (from, to) -> subtreeRoot(leafHashes, (int) from, (int) to);
    }

    /** PATH(m, D[n]) for a tree of {@code size} leaves. */
    public static List<byte[]> inclusionProof(SubtreeHashes tree, long size, long index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " outside tree of size " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(tree, index, 0, size, proof);
        return proof;
    }

    /** PROOF(m, D[n]) between sizes {@code oldSize} and {@code size}. */
    public static List<byte[]> consistencyProof(SubtreeHashes tree, long size, long oldSize) {
        if (oldSize < 0 || oldSize > size) {
            throw new IllegalArgumentException("old size " + oldSize + " outside 0.." + size);
        }
        List<byte[]> proof = new ArrayList<>();
        if (oldSize > 0 && oldSize < size) {
            subproof(tree, oldSize, 0, size, true, proof);
        }
        return proof;
    }

    /**
     * PROOF(m, D[n]) from a checkpoint's range [0, m) and the range [m, n) appended since, without
     * the leaves: every node the proof needs is one of their subtrees or a right edge of the second.
     */
    public static List<byte[]> consistencyProof(CompactRange checkpoint, CompactRange since) {
        if (checkpoint.begin() != 0 || since.begin() != checkpoint.end()) {
            throw new IllegalArgumentException("need the ranges [0, m) and [m, n), not [" + checkpoint.begin() + ", "
                    + checkpoint.end() + ") and [" + since.begin() + ", " + since.end() + ")");
        }
        long m = checkpoint.end();
        SubtreeHashes tree = (from, to) -> to <= m ? checkpoint.hashOf(from, to) : since.hashOf(from, to);
        return consistencyProof(tree, since.end(), m);
    }

    /** MTH(D[n]) over already leaf-hashed entries. */
    public static byte[] root(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return MerkleHash.emptyRoot();
        }
        return subtreeRoot(leafHashes, 0, leafHashes.size());
    }

    /** PATH(m, D[n]): the audit path of leaf {@code index} in a tree of all given leaves. */
    public static List<byte[]> inclusionProof(List<byte[]> leafHashes, int index) {
        return inclusionProof(inMemory(leafHashes), leafHashes.size(), index);
    }

    /** PROOF(m, D[n]): consistency of the tree's first {@code oldSize} leaves with all of them. */
    public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int oldSize) {
        return consistencyProof(inMemory(leafHashes), leafHashes.size(), oldSize);
    }

    private static byte[] subtreeRoot(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = (int) MerkleHash.splitPoint(n);
        return MerkleHash.nodeHash(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
    }

    private static void path(SubtreeHashes tree, long m, long from, long to, List<byte[]> out) {
        long n = to - from;
        if (n <= 1) {
            return;
        }
        long k = MerkleHash.splitPoint(n);
        if (m < k) {
            path(tree, m, from, from + k, out);
            out.add(tree.subtreeRoot(from + k, to));
        } else {
            path(tree, m - k, from + k, to, out);
            out.add(tree.subtreeRoot(from, from + k));
        }
    }

    private static void subproof(SubtreeHashes tree, long m, long from, long to, boolean whole, List<byte[]> out) {
        long n = to - from;
        if (m == n) {
            if (!whole) {
                out.add(tree.subtreeRoot(from, to));
            }
            return;
        }
        long k = MerkleHash.splitPoint(n);
        if (m <= k) {
            subproof(tree, m, from, from + k, whole, out);
            out.add(tree.subtreeRoot(from + k, to));
        } else {
            subproof(tree, m - k, from + k, to, false, out);
            out.add(tree.subtreeRoot(from, from + k));
        }
    }
}
