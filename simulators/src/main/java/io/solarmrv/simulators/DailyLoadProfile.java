package io.solarmrv.simulators;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A site's electricity demand: a base load around the clock and a working-hours load on top of it
 * (e.g. a factory or office), in the site's time zone. Enough to make PV both cover demand and,
 * around noon, exceed it, so a site meter sees import and export.
 */
public record DailyLoadProfile(double baseW, double workingHoursW, int startHour, int endHour, ZoneId zone) {
    public DailyLoadProfile {
        if (baseW < 0 || workingHoursW < 0 || startHour < 0 || endHour > 24 || startHour >= endHour) {
            throw new IllegalArgumentException("load profile: base " + baseW + " W, working hours " + workingHoursW + " W from "
                    + startHour + ":00 to " + endHour + ":00 is not a load");
        }
    }

    public double demandW(Instant instant) {
        int hour = instant.atZone(zone).getHour();
        return baseW + (hour >= startHour && hour < endHour ? workingHoursW : 0);
    }
}
