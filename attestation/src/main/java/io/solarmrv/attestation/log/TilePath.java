package io.solarmrv.attestation.log;

/**
 * The paths of C2SP tlog-tiles resources (https://c2sp.org/tlog-tiles): hash tiles {@code
 * tile/<L>/<N>[.p/<W>]} and entry bundles {@code tile/entries/<N>[.p/<W>]}, relative to the log's
 * prefix. {@code <N>} is written as zero-padded 3-digit path elements, all but the last beginning
 * with {@code x} (1234067 is {@code x001/x234/067}), so a file system holds them without
 * file/directory conflicts and any static web server serves them as they are.
 */
public final class TilePath {
    /** Hashes in a full tile, entries in a full bundle. */
    public static final int WIDTH = 256;

    private TilePath() {
    }

    /** The hash tile at {@code level}, {@code index}; {@code width} 256 for a full tile, 1-255 for a partial one. */
    public static String tile(int level, long index, int width) {
        if (level < 0 || level > 63) {
            throw new IllegalArgumentException("a tile level is 0-63, was " + level);
        }
        return "tile/" + level + "/" + index(index) + partial(width);
    }

    /** The entry bundle {@code index}; {@code width} as for {@link #tile}. */
    public static String entries(long index, int width) {
        return "tile/entries/" + index(index) + partial(width);
    }

    /** {@code <N>}: 3-digit groups, all but the last prefixed {@code x}. */
    static String index(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("a tile index is not negative, was " + index);
        }
        StringBuilder path = new StringBuilder(String.format("%03d", index % 1000));
        for (long rest = index / 1000; rest > 0; rest /= 1000) {
            path.insert(0, String.format("x%03d/", rest % 1000));
        }
        return path.toString();
    }

    private static String partial(int width) {
        if (width < 1 || width > WIDTH) {
            throw new IllegalArgumentException("a tile is 1-256 wide, was " + width);
        }
        return width == WIDTH ? "" : ".p/" + width;
    }
}
