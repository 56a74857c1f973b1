package io.solarmrv.jobs;

/**
 * A device's readings in one UTC hour [hourStart, hourStart + 1h) of event time: the first and
 * last register values, and the energy attributed to the hour, which is the register delta from the
 * device's last reading before the hour to its last reading in it (register deltas, never
 * integrated power: ARCHITECTURE.md invariant 2).
 */
public record HourlyEnergy(String deviceId, long hourStartMillis, int readings,
                           long firstTimestampMillis, long firstRegisterWh,
                           long lastTimestampMillis, long lastRegisterWh, long energyWh) {
}
