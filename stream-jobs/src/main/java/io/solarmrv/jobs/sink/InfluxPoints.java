package io.solarmrv.jobs.sink;

import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.IntervalEnergy;
import io.solarmrv.results.QualityFlags.Flag;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;

/**
 * How the job's results become InfluxDB points. Every point's measurement, tags and timestamp are
 * a function of what it describes (device and event time), never of when it was written, so a
 * replay writes the same points again and InfluxDB keeps one of each.
 */
public final class InfluxPoints {
    private InfluxPoints() {
    }

    /** {@code readings,device=<id> seq=..,energy_register_wh=..,power_w=.. <reading time, ms>} */
    public static Point reading(AcceptedReading r) {
        return Point.measurement("readings").time(r.timestampMillis(), TimeUnit.MILLISECONDS)
                .tag("device", r.deviceId())
                .addField("seq", r.sequence())
                .addField("energy_register_wh", r.energyRegisterWh())
                .addField("power_w", r.powerW())
                .build();
    }

    /** {@code <measurement>,device=<id> energy_wh=..,readings=.. <interval start, ms>} */
    public static Point interval(String measurement, IntervalEnergy h) {
        return Point.measurement(measurement).time(h.startMillis(), TimeUnit.MILLISECONDS)
                .tag("device", h.deviceId())
                .addField("energy_wh", h.energyWh())
                .addField("readings", h.readings())
                .build();
    }

    /** {@code quality_flags,device=<id> seq=..,flags="stale;spike" <reading time, ms>} */
    public static Point flag(Flag f) {
        return Point.measurement("quality_flags").time(f.timestampMillis(), TimeUnit.MILLISECONDS)
                .tag("device", f.deviceId())
                .addField("seq", f.sequence())
                .addField("flags", f.flags())
                .build();
    }
}
