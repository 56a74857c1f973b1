package io.solarmrv.launcher;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import io.solarmrv.simulators.Fault;
import java.util.List;

/**
 * One simulated day at one site: local midnight to local midnight, devices {@code inv-1..inv-n}
 * with the given AC nameplates, polled every {@code pollInterval} of simulated time, with time
 * running {@code speed} times faster than the wall clock; optionally some devices misbehave as
 * scripted ({@code faults} by device id).
 */
public record DayPlan(LocalDate date, double latitude, double longitude, ZoneId zone, List<Long> nameplatesW,
                      double speed, Duration pollInterval, java.util.Map<String, List<Fault>> faults) {

    /** A day without faults. */
    public DayPlan(LocalDate date, double latitude, double longitude, ZoneId zone, List<Long> nameplatesW,
                   double speed, Duration pollInterval) {
        this(date, latitude, longitude, zone, nameplatesW, speed, pollInterval, java.util.Map.of());
    }

    /** The same day with these devices misbehaving as scripted. */
    public DayPlan withFaults(java.util.Map<String, List<Fault>> deviceFaults) {
        return new DayPlan(date, latitude, longitude, zone, nameplatesW, speed, pollInterval, deviceFaults);
    }

    public DayPlan {
        if (nameplatesW.isEmpty()) {
            throw new IllegalArgumentException("a day needs at least one device");
        }
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, was " + speed);
        }
    }

    /**
     * A summer day at a commercial rooftop site in Tokyo with a 400 kW and a 750 kW inverter, a day
     * passing in about a minute.
     */
    public static DayPlan tokyoSummerDay() {
        return new DayPlan(LocalDate.of(2026, 6, 21), 35.68, 139.77, ZoneId.of("Asia/Tokyo"),
                List.of(400_000L, 750_000L), 1440, Duration.ofMinutes(1));
    }

    public Instant start() {
        return date.atStartOfDay(zone).toInstant();
    }

    public Instant end() {
        return date.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public List<String> deviceIds() {
        return java.util.stream.IntStream.rangeClosed(1, nameplatesW.size()).mapToObj(i -> "inv-" + i).toList();
    }
}
