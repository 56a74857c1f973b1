package io.solarmrv.launcher;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated day of {@code households} Japanese homes, each its own site with a PV power
 * conditioner and a low-voltage smart meter on ECHONET Lite, every second home with a storage battery
 * too; polled every {@code pollInterval} of simulated time, time running {@code speed} times faster
 * than the wall clock.
 */
public record HouseholdPlan(int households, LocalDate date, double latitude, double longitude, ZoneId zone, double speed,
                            Duration pollInterval) {
    /** A home's PV nameplate (W): a typical Japanese rooftop system. */
    static final long PV_NAMEPLATE_W = 4_500;
    /** A home battery's rated capacity (Wh), as {@code EchonetHome} simulates it. */
    static final long BATTERY_CAPACITY_WH = 6_500;
    /** A home battery's power rating (W). */
    static final long BATTERY_NAMEPLATE_W = 2_000;

    public HouseholdPlan {
        if (households < 1 || households > 2_000) {
            throw new IllegalArgumentException("--households takes 1 to 2000 homes, was " + households);
        }
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, was " + speed);
        }
    }

    /**
     * An autumn day in Osaka, each device read every 5 minutes, at {@code speed} or, for many homes,
     * slower ({@link #maxSpeed}).
     */
    public static HouseholdPlan osakaAutumnDay(int households, double speed) {
        HouseholdPlan plan = new HouseholdPlan(households, LocalDate.of(2026, 10, 14), 34.69, 135.50, ZoneId.of("Asia/Tokyo"), speed,
                Duration.ofMinutes(5));
        double most = plan.maxSpeed();
        return speed <= most ? plan : new HouseholdPlan(households, plan.date(), plan.latitude(), plan.longitude(), plan.zone(), most,
                plan.pollInterval());
    }

    /**
     * The fastest the day may run so that one poll of every device takes at most half a poll interval
     * of simulated time: a device's poll costs about 0.7 ms of wall time here (the UDP round trip,
     * signing, and the store's fsync), measured with 500 devices, whose polls fell behind at 1440x
     * and left the site meters without a reading before midnight.
     */
    public double maxSpeed() {
        double pollWallSeconds = deviceIds().size() * 0.0007;
        return pollInterval.toSeconds() / 2.0 / pollWallSeconds;
    }

    /** One home: its site, its devices' ids and the serial prefix its simulated devices sign with. */
    public record Home(String siteId, String pvId, String meterId, String batteryId) {
        /** The serials {@code EchonetHome} gives its devices: {@code <site>-PC}, {@code -SM}, {@code -BT}. */
        String serial(String deviceId) {
            return siteId + (deviceId.equals(pvId) ? "-PC" : deviceId.equals(meterId) ? "-SM" : "-BT");
        }

        boolean hasBattery() {
            return batteryId != null;
        }

        List<String> deviceIds() {
            return hasBattery() ? List.of(pvId, meterId, batteryId) : List.of(pvId, meterId);
        }
    }

    /** The homes, {@code home-0001} on; every even-numbered one has a battery. */
    public List<Home> homes() {
        List<Home> homes = new ArrayList<>();
        for (int i = 1; i <= households; i++) {
            String site = String.format("home-%04d", i);
            homes.add(new Home(site, site + "-pv", site + "-meter", i % 2 == 0 ? site + "-bat" : null));
        }
        return homes;
    }

    /**
     * The day a home joins the programme: the first of the month, except the last home of three or
     * more, which joins the day after the demo's day, so the report shows a member left out.
     */
    public LocalDate joinedOn(Home home) {
        boolean late = households >= 3 && home.siteId().equals(String.format("home-%04d", households));
        return late ? date.plusDays(1) : date.withDayOfMonth(1);
    }

    public List<String> deviceIds() {
        return homes().stream().flatMap(home -> home.deviceIds().stream()).toList();
    }

    public Instant start() {
        return date.atStartOfDay(zone).toInstant();
    }

    public Instant end() {
        return date.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
