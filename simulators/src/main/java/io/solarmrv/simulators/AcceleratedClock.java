package io.solarmrv.simulators;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Simulated time that starts at a given instant and runs {@code speed} times faster than the
 * wall clock, stopping at an optional end. Devices and the agent share one so that a simulated
 * day can pass in a minute. A {@link #held} clock stands at its start until {@link #release()}, so
 * that whatever must be ready first (connections, the first reads' class loading) costs no
 * simulated time.
 */
public final class AcceleratedClock extends Clock {
    private static final long HELD = Long.MIN_VALUE;

    private final Instant start;
    private final Instant end;
    private final double speed;
    private volatile long startNanos;

    public AcceleratedClock(Instant start, Instant end, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, was " + speed);
        }
        if (end != null && !end.isAfter(start)) {
            throw new IllegalArgumentException("end " + end + " must be after start " + start);
        }
        this.start = start;
        this.end = end;
        this.speed = speed;
        this.startNanos = System.nanoTime();
    }

    /** A clock standing at {@code start} until {@link #release()}. */
    public static AcceleratedClock held(Instant start, Instant end, double speed) {
        AcceleratedClock clock = new AcceleratedClock(start, end, speed);
        clock.startNanos = HELD;
        return clock;
    }

    /** Starts a held clock running from its start; a running clock is left as it is. */
    public synchronized void release() {
        if (startNanos == HELD) {
            startNanos = System.nanoTime();
        }
    }

    @Override
    public Instant instant() {
        long startedAt = startNanos;
        if (startedAt == HELD) {
            return start;
        }
        long elapsedNanos = (long) ((System.nanoTime() - startedAt) * speed);
        Instant now = start.plusNanos(elapsedNanos);
        return end != null && now.isAfter(end) ? end : now;
    }

    /** True once simulated time has reached the end. */
    public boolean finished() {
        return end != null && !instant().isBefore(end);
    }

    /** Wall-clock time that {@code simulated} of simulated time takes. */
    public Duration wallTimeFor(Duration simulated) {
        return Duration.ofNanos((long) (simulated.toNanos() / speed));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("simulated time is always UTC");
    }
}
