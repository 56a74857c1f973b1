package io.solarmrv.jobs;

/**
 * A device's readings in one UTC interval [startMillis, startMillis + lengthMillis) of event time (an
 * hour, or a quarter of one): the first and last register values, and the energy attributed to the
 * interval, which is the register delta from the device's last reading before the interval to its
 * last reading in it (register deltas, never integrated power: ARCHITECTURE.md invariant 2).
 */
public record IntervalEnergy(String deviceId, long startMillis, long lengthMillis, int readings,
                             long firstTimestampMillis, long firstRegisterWh,
                             long lastTimestampMillis, long lastRegisterWh, long energyWh) {
}
