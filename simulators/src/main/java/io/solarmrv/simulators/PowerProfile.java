package io.solarmrv.simulators;

import java.time.Instant;

/** AC power of a generator over time: a physical model or a measured series. */
public interface PowerProfile {
    double powerW(Instant instant);

    /** The inverter's AC rating, W (what SunSpec scale factors are chosen for). */
    long nameplateW();
}
