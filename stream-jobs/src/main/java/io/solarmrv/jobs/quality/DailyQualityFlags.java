package io.solarmrv.jobs.quality;

import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.QualityFlag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Runs {@link QualityRules} over one device's readings of one event-time day (the same functions as
 * {@code mrv qc}) and emits a {@link QualityFlag} for every reading that trips a rule. Devices
 * without a known nameplate are not checked.
 */
public final class DailyQualityFlags extends ProcessWindowFunction<AcceptedReading, QualityFlag, String, TimeWindow> {
    private final HashMap<String, Long> nameplatesW;

    public DailyQualityFlags(Map<String, Long> nameplatesW) {
        this.nameplatesW = new HashMap<>(nameplatesW);
    }

    @Override
    public void process(String deviceId, Context ctx, Iterable<AcceptedReading> readings, Collector<QualityFlag> out) {
        Long nameplate = nameplatesW.get(deviceId);
        if (nameplate == null) {
            return;
        }
        List<AcceptedReading> day = new ArrayList<>();
        readings.forEach(day::add);
        day.sort(Comparator.comparingLong(AcceptedReading::sequence));
        double[] power = new double[day.size()];
        double[] register = new double[day.size()];
        long[] epochMillis = new long[day.size()];
        int[] dayIndex = new int[day.size()];
        for (int i = 0; i < power.length; i++) {
            power[i] = day.get(i).powerW();
            register[i] = day.get(i).energyRegisterWh();
            epochMillis[i] = day.get(i).timestampMillis();
        }
        // No site here yet: night_generation runs in mrv qc (--lat/--lon), not in the job.
        List<TreeSet<String>> flags = QualityRules.flag(power, register, epochMillis, dayIndex, nameplate, null,
                QualityRules.Thresholds.defaults());
        for (int i = 0; i < power.length; i++) {
            if (!flags.get(i).isEmpty()) {
                AcceptedReading r = day.get(i);
                out.collect(new QualityFlag(deviceId, r.sequence(), r.timestampMillis(), String.join(";", flags.get(i))));
            }
        }
    }
}
