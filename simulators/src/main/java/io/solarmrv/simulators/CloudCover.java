package io.solarmrv.simulators;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * Stochastic clouds as a pure function of time: the share of clear-sky irradiance that reaches the
 * ground. Weather comes in one-hour episodes, each with its own chance of cloud (drawn from the
 * seed), and within an episode each ten-minute block is clear (1.0) or cloudy (0.2 to 0.7 of clear
 * sky). Draws are SHA-256 of (seed, block), so a device reads the same sky however often it is
 * polled, and a seed reproduces a day exactly.
 *
 * @param seed       which sky
 * @param cloudiness the mean chance that a block is cloudy, 0 (always clear) to 1 (always cloudy)
 */
public record CloudCover(long seed, double cloudiness) {
    private static final long BLOCK_MILLIS = 600_000;
    private static final long EPISODE_MILLIS = 3_600_000;

    public CloudCover {
        if (cloudiness < 0 || cloudiness > 1) {
            throw new IllegalArgumentException("cloudiness must be in [0, 1], was " + cloudiness);
        }
    }

    /** A sky without clouds. */
    public static final CloudCover CLEAR = new CloudCover(0, 0);

    /** The share of clear-sky irradiance at this instant, in (0, 1]. */
    public double transmittance(Instant instant) {
        if (cloudiness == 0) {
            return 1;
        }
        long millis = instant.toEpochMilli();
        // An episode's chance of cloud spreads around the mean: some hours clear, some overcast.
        double episodeChance = Math.min(1, 2 * cloudiness * uniform(Math.floorDiv(millis, EPISODE_MILLIS), 1));
        long block = Math.floorDiv(millis, BLOCK_MILLIS);
        if (uniform(block, 2) >= episodeChance) {
            return 1;
        }
        return 0.2 + 0.5 * uniform(block, 3);
    }

    /** A uniform draw in [0, 1) from SHA-256 of (seed, stream, index). */
    private double uniform(long index, int stream) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest(ByteBuffer.allocate(20).putLong(seed).putInt(stream).putLong(index).array());
            return (ByteBuffer.wrap(hash).getLong() >>> 11) / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
