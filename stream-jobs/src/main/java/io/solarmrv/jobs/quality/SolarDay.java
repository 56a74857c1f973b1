package io.solarmrv.jobs.quality;

/**
 * A device's solar day: from local mean solar midnight to the next (UTC midnight moved 4 minutes
 * per degree of longitude), so a day's generation is never split in two wherever the site is; the
 * UTC day where the longitude is unknown. The daily rules need whole days: dawn and dusk
 * ({@code timestamp_shift}), completeness, and the day's maximum ({@code clipping}).
 */
final class SolarDay {
    static final long DAY_MILLIS = 86_400_000L;

    private SolarDay() {
    }

    /** Where a device's solar days start, as an offset from UTC midnight in [0, 1 day). */
    static long offsetMillis(Double longitudeDeg) {
        return longitudeDeg == null ? 0 : Math.floorMod(-Math.round(longitudeDeg * 240_000), DAY_MILLIS);
    }

    /** The start of the solar day holding {@code epochMillis}. */
    static long start(long epochMillis, Double longitudeDeg) {
        long offset = offsetMillis(longitudeDeg);
        return Math.floorDiv(epochMillis - offset, DAY_MILLIS) * DAY_MILLIS + offset;
    }
}
