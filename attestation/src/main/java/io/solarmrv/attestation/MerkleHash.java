package io.solarmrv.attestation;

import java.security.MessageDigest;

/** RFC 9162 §2.1.1 tree hashing with SHA-256: domain-separated leaf and interior node hashes. */
public final class MerkleHash {
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private MerkleHash() {
    }

    /** MTH({}) = SHA-256(""). */
    public static byte[] emptyRoot() {
        return Sha256.hash(new byte[0]);
    }

    /** MTH({d}) = SHA-256(0x00 || d). */
    public static byte[] leafHash(byte[] leaf) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(LEAF_PREFIX);
        digest.update(leaf);
        return digest.digest();
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(NODE_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** The largest power of two strictly smaller than n (n &gt; 1): where RFC 9162 splits a tree. */
    public static long splitPointOf(long n) {
        return splitPoint(n);
    }

    static long splitPoint(long n) {
        return Long.highestOneBit(n - 1);
    }
}
