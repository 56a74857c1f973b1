package io.solarmrv.jobs.quality;

import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.QualityFlag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Runs {@link QualityRules} over one device's readings of one event-time solar day ({@link SolarDayWindows}), with its
 * project's thresholds, and emits a {@link QualityFlag} for every reading that trips a rule: the
 * same functions as {@code mrv qc}. Devices the {@link QualityProfiles} do not name are not checked.
 *
 * <p>What carries over from one day to the next is kept per device in keyed state: the time of the
 * last reading ({@code after_gap} across midnight) and the dawn and dusk of the last days
 * ({@code timestamp_shift}). As in {@code mrv qc}, a device's first day and a day cut short by the
 * end of a bounded input are not judged for completeness. The flags do not depend on when a window
 * fires: as the watermark passes each day, or all at the end of a bounded input.
 */
public final class DailyQualityFlags extends ProcessWindowFunction<AcceptedReading, QualityFlag, String, TimeWindow> {
    private static final ValueStateDescriptor<Long> LAST_READING_MILLIS = new ValueStateDescriptor<>("last-reading-ms", Types.LONG);
    private static final ValueStateDescriptor<double[]> DAWN_DUSK = new ValueStateDescriptor<>("dawn-dusk-minutes",
            PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO);

    private final QualityProfiles profiles;

    public DailyQualityFlags(QualityProfiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public void process(String deviceId, Context ctx, Iterable<AcceptedReading> readings, Collector<QualityFlag> out)
            throws Exception {
        DeviceQuality device = profiles.forDevice(deviceId);
        if (device == null) {
            return;
        }
        List<AcceptedReading> day = new ArrayList<>();
        readings.forEach(day::add);
        day.sort(Comparator.comparingLong(AcceptedReading::sequence));
        double[] power = new double[day.size()];
        double[] register = new double[day.size()];
        long[] epochMillis = new long[day.size()];
        long[] receivedMillis = new long[day.size()];
        int[] dayIndex = new int[day.size()];
        for (int i = 0; i < power.length; i++) {
            power[i] = day.get(i).powerW();
            register[i] = day.get(i).energyRegisterWh();
            epochMillis[i] = day.get(i).timestampMillis();
            receivedMillis[i] = day.get(i).receivedMillis();
        }
        QualityRules.Thresholds t = device.thresholds();
        ValueState<double[]> dawnDusk = ctx.globalState().getState(DAWN_DUSK);
        List<double[]> shiftHistory = unflatten(dawnDusk.value());
        List<TreeSet<String>> flags = QualityRules.flag(power, register, epochMillis, dayIndex, device.nameplateW(),
                device.site(), t, shiftHistory);
        dawnDusk.update(flatten(shiftHistory.subList(Math.max(0, shiftHistory.size() - t.shiftBaselineDays()), shiftHistory.size())));

        QualityRules.clockAhead(epochMillis, receivedMillis, t, flags);

        ValueState<Long> lastReading = ctx.globalState().getState(LAST_READING_MILLIS);
        Long previous = lastReading.value();
        if (device.pollInterval() != null) {
            long interval = device.pollInterval().toMillis();
            QualityRules.afterGaps(epochMillis, previous == null ? Long.MIN_VALUE : previous, interval, flags);
            // The end of a bounded input fires every open window at once: a day is cut by it only if
            // its readings stop before the day does.
            boolean cutByEndOfInput = ctx.currentWatermark() == Long.MAX_VALUE
                    && ctx.window().maxTimestamp() - epochMillis[epochMillis.length - 1] > interval * 3 / 2;
            if (previous != null && !cutByEndOfInput && QualityRules.incompleteDay(power.length, interval, t)) {
                flags.forEach(f -> f.add("incomplete_day"));
            }
        }
        lastReading.update(Math.max(previous == null ? Long.MIN_VALUE : previous, epochMillis[epochMillis.length - 1]));

        for (int i = 0; i < power.length; i++) {
            if (!flags.get(i).isEmpty()) {
                AcceptedReading r = day.get(i);
                out.collect(new QualityFlag(deviceId, r.sequence(), r.timestampMillis(), String.join(";", flags.get(i))));
            }
        }
    }

    private static List<double[]> unflatten(double[] pairs) {
        List<double[]> days = new ArrayList<>();
        for (int i = 0; pairs != null && i + 1 < pairs.length; i += 2) {
            days.add(new double[] {pairs[i], pairs[i + 1]});
        }
        return days;
    }

    private static double[] flatten(List<double[]> days) {
        double[] pairs = new double[days.size() * 2];
        for (int i = 0; i < days.size(); i++) {
            pairs[2 * i] = days.get(i)[0];
            pairs[2 * i + 1] = days.get(i)[1];
        }
        return pairs;
    }
}
