package io.solarmrv.attestation.log;

/**
 * Where a perfect, aligned subtree of a tiled log is stored: the subtree of the 2^k leaves from
 * {@code from} is {@code width} = 2^(k mod 8) consecutive hashes of level {@code level} = k / 8,
 * starting at that level's hash {@code first}; its root is those hashes hashed up. Any other range
 * of leaves is split per RFC 9162 until its parts are such subtrees.
 *
 * @param height k mod 8: the subtree's height above its level's hashes
 */
record TileSpan(int level, long first, int width, int height) {
    /** The span of leaves [from, to) if they form a perfect aligned subtree, else null. */
    static TileSpan ofPerfect(long from, long to) {
        long n = to - from;
        if (n < 1 || Long.bitCount(n) != 1 || from % n != 0) {
            return null;
        }
        int k = Long.numberOfTrailingZeros(n);
        return new TileSpan(k / 8, from >> (8 * (k / 8)), 1 << (k % 8), k % 8);
    }

    /** The tile of its level holding it. */
    long tile() {
        return first / TilePath.WIDTH;
    }

    /** Its first hash's place in that tile. */
    int offset() {
        return (int) (first % TilePath.WIDTH);
    }
}
