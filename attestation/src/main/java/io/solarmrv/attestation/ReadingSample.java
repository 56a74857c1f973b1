package io.solarmrv.attestation;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A verifier's random sample of readings, drawn so that anyone with the seed redraws the same one.
 * The population is a list of log leaf indexes in ascending order; the draw is a partial
 * Fisher-Yates shuffle whose k-th swap partner is {@code k + (u_k mod (n - k))}, where {@code u_k}
 * is the first 8 bytes, big-endian and unsigned, of SHA-256(seed || "solar-mrv-sample/1" || k as
 * 8 bytes big-endian). The sample is the first {@code size} entries, in draw order. (The modulo's
 * bias is below 2^-40 for any population under 2^24.)
 */
public final class ReadingSample {
    private static final byte[] DOMAIN = "solar-mrv-sample/1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ReadingSample() {
    }

    /** Draws min(size, population) distinct leaf indexes from the population. */
    public static List<Long> draw(byte[] seed, List<Long> population, int size) {
        List<Long> sample = new ArrayList<>();
        for (long position : drawPositions(seed, population.size(), size)) {
            sample.add(population.get((int) position));
        }
        return sample;
    }

    /**
     * The same draw from the positions 0 .. n-1 themselves, in O(size) memory whatever n: the
     * shuffle's swaps are kept only where they happened.
     */
    public static List<Long> drawPositions(byte[] seed, long n, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("sample size cannot be negative");
        }
        long drawn = Math.min(size, n);
        java.util.Map<Long, Long> swapped = new java.util.HashMap<>();
        List<Long> sample = new ArrayList<>((int) drawn);
        for (long k = 0; k < drawn; k++) {
            long partner = k + Long.remainderUnsigned(uniform(seed, k), n - k);
            long chosen = swapped.getOrDefault(partner, partner);
            swapped.put(partner, swapped.getOrDefault(k, k));
            sample.add(chosen);
        }
        return sample;
    }

    private static long uniform(byte[] seed, long k) {
        byte[] input = ByteBuffer.allocate(seed.length + DOMAIN.length + Long.BYTES).put(seed).put(DOMAIN).putLong(k).array();
        return ByteBuffer.wrap(Sha256.hash(input)).getLong();
    }
}
