package io.solarmrv.attestation;

import java.util.ArrayList;
import java.util.List;

/**
 * Roots and proofs over a list of leaf hashes held in memory, written as RFC 9162 §2.1 states
 * them (MTH, PATH, PROOF/SUBPROOF). The reference the on-disk log and auditors check against.
 */
public final class MerkleTree {
    private MerkleTree() {
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
        if (index < 0 || index >= leafHashes.size()) {
            throw new IllegalArgumentException("index " + index + " outside tree of size " + leafHashes.size());
        }
        List<byte[]> proof = new ArrayList<>();
        path(leafHashes, index, 0, leafHashes.size(), proof);
        return proof;
    }

    /** PROOF(m, D[n]): consistency of the tree's first {@code oldSize} leaves with all of them. */
    public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int oldSize) {
        if (oldSize < 0 || oldSize > leafHashes.size()) {
            throw new IllegalArgumentException("old size " + oldSize + " outside 0.." + leafHashes.size());
        }
        List<byte[]> proof = new ArrayList<>();
        if (oldSize > 0 && oldSize < leafHashes.size()) {
            subproof(leafHashes, oldSize, 0, leafHashes.size(), true, proof);
        }
        return proof;
    }

    private static byte[] subtreeRoot(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = (int) MerkleHash.splitPoint(n);
        return MerkleHash.nodeHash(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
    }

    private static void path(List<byte[]> leaves, int m, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n <= 1) {
            return;
        }
        int k = (int) MerkleHash.splitPoint(n);
        if (m < k) {
            path(leaves, m, from, from + k, out);
            out.add(subtreeRoot(leaves, from + k, to));
        } else {
            path(leaves, m - k, from + k, to, out);
            out.add(subtreeRoot(leaves, from, from + k));
        }
    }

    private static void subproof(List<byte[]> leaves, int m, int from, int to, boolean whole, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!whole) {
                out.add(subtreeRoot(leaves, from, to));
            }
            return;
        }
        int k = (int) MerkleHash.splitPoint(n);
        if (m <= k) {
            subproof(leaves, m, from, from + k, whole, out);
            out.add(subtreeRoot(leaves, from + k, to));
        } else {
            subproof(leaves, m - k, from + k, to, false, out);
            out.add(subtreeRoot(leaves, from, from + k));
        }
    }
}
