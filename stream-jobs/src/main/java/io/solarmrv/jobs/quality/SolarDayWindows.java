package io.solarmrv.jobs.quality;

import io.solarmrv.jobs.AcceptedReading;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * One event-time window per device and solar day: from local mean solar midnight to the next
 * (UTC midnight shifted by 4 minutes per degree of the device's longitude), so a day's generation is
 * never split between two windows wherever the site is; UTC days for a device without a site. The
 * daily rules need whole days: dawn and dusk ({@code timestamp_shift}), daily completeness and the
 * day's maximum ({@code clipping}).
 */
public final class SolarDayWindows extends WindowAssigner<AcceptedReading, TimeWindow> {
    static final long DAY_MILLIS = 86_400_000L;

    private final QualityProfiles profiles;

    public SolarDayWindows(QualityProfiles profiles) {
        this.profiles = profiles;
    }

    /** Where the device's solar days start, as an offset from UTC midnight in [0, 1 day). */
    static long offsetMillis(Double longitudeDeg) {
        return longitudeDeg == null ? 0 : Math.floorMod(-Math.round(longitudeDeg * 240_000), DAY_MILLIS);
    }

    @Override
    public Collection<TimeWindow> assignWindows(AcceptedReading reading, long timestamp, WindowAssignerContext context) {
        DeviceQuality device = profiles.forDevice(reading.deviceId());
        long offset = offsetMillis(device == null ? null : device.longitude());
        long start = TimeWindow.getWindowStartWithOffset(timestamp, offset, DAY_MILLIS);
        return List.of(new TimeWindow(start, start + DAY_MILLIS));
    }

    @Override
    public Trigger<AcceptedReading, TimeWindow> getDefaultTrigger() {
        return (Trigger) EventTimeTrigger.create();
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
        return new TimeWindow.Serializer();
    }

    @Override
    public boolean isEventTime() {
        return true;
    }

    @Override
    public String toString() {
        return "SolarDayWindows()";
    }
}
