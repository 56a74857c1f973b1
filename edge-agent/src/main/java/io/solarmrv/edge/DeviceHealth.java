package io.solarmrv.edge;

import java.time.Duration;
import java.time.Instant;

/**
 * A device's polling supervision: after consecutive failures it is retried with exponential
 * backoff (one poll interval, doubling, at most {@link #MAX_BACKOFF}), so a device that is down for
 * a day is picked up again within minutes of coming back, without a restart and without holding up
 * the others' polls with connect timeouts.
 */
public final class DeviceHealth {
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final Duration pollInterval;
    private int consecutiveFailures;
    private Instant nextAttempt = Instant.MIN;
    private String lastError = "";

    /** What the health endpoint shows for a device. */
    public record Status(int consecutiveFailures, String lastError, Instant nextAttempt) {
    }

    DeviceHealth(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    synchronized boolean due(Instant now) {
        return !now.isBefore(nextAttempt);
    }

    /** Records a success; true when the device had been failing. */
    synchronized boolean succeeded() {
        boolean recovered = consecutiveFailures > 0;
        consecutiveFailures = 0;
        nextAttempt = Instant.MIN;
        return recovered;
    }

    /** Records a failure and returns how long until the next attempt. */
    synchronized Duration failed(Instant now, String error) {
        consecutiveFailures++;
        lastError = error;
        Duration wait = pollInterval;
        for (int i = 1; i < consecutiveFailures && wait.compareTo(MAX_BACKOFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(MAX_BACKOFF) > 0) {
            wait = MAX_BACKOFF;
        }
        nextAttempt = now.plus(wait);
        return wait;
    }

    synchronized Status status() {
        return new Status(consecutiveFailures, lastError, nextAttempt);
    }
}
