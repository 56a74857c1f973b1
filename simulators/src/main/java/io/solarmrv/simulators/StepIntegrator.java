package io.solarmrv.simulators;

import java.time.Instant;

/**
 * Integrates power over simulated time in one-second steps (midpoint rule), lazily: each call
 * goes on from where the last one stopped up to the instant asked for, so a register is the same
 * however often, or rarely, the device is read.
 */
final class StepIntegrator {
    private static final long STEP_MILLIS = 1000;

    /** One step: its midpoint and its length in hours. */
    interface Step {
        void accept(Instant midpoint, double hours);
    }

    private long untilMillis;

    StepIntegrator(long startMillis) {
        this.untilMillis = startMillis;
    }

    void advanceTo(long nowMillis, Step step) {
        while (untilMillis < nowMillis) {
            long length = Math.min(STEP_MILLIS, nowMillis - untilMillis);
            step.accept(Instant.ofEpochMilli(untilMillis + length / 2), length / 3_600_000.0);
            untilMillis += length;
        }
    }
}
