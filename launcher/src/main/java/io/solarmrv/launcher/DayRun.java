package io.solarmrv.launcher;

import java.util.Map;

/**
 * What happened during a simulated day: each simulator's own register delta (end minus start, Wh),
 * the readings the agent signed and stored (each forwarded at least once), and its failed polls.
 */
public record DayRun(DayPlan plan, Map<String, Long> simulatorEnergyWh, long storedReadings, long failedPolls) {

    public long totalSimulatorEnergyWh() {
        return simulatorEnergyWh.values().stream().mapToLong(Long::longValue).sum();
    }
}
