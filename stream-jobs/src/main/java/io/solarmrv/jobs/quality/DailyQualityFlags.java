package io.solarmrv.jobs.quality;

import io.solarmrv.attestation.methodology.QualityRule;
import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.results.QualityFlags.Flag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs {@link QualityRules} over each device's readings of one solar day ({@link SolarDay}), with its
 * project's thresholds, and emits a {@link Flag} for every reading that trips a rule: the
 * same functions as {@code mrv qc}. Devices the {@link QualityProfiles} do not name are not checked.
 *
 * <p>A device's day is judged when the device itself moves on: at its first reading of a later day
 * (readings arrive in sequence order from the chain check). Not when the fleet's watermark passes
 * the day: a gateway back from an outage, whose backlog is days behind the rest of the fleet, has
 * each of its days judged in full instead of dropped as late. A device that sends nothing for
 * {@link #QUIET_MILLIS} of processing time has its open day judged then (if it speaks again later
 * the same day, the rest of that day is judged on its own); the end of a bounded input judges every
 * open day. Only the day being collected is held, a few numbers per reading.
 *
 * <p>What carries over from one day to the next is kept per device: the time of the last reading
 * ({@code after_gap} across midnight), where its register stood ({@code register_jump} across
 * midnight) and the dawn and dusk of the last days ({@code
 * timestamp_shift}). As in {@code mrv qc}, a device's first day and a day cut short by the end of a
 * bounded input are not judged for completeness. The flags do not depend on when the watermark moves.
 */
public final class DailyQualityFlags extends KeyedProcessFunction<String, AcceptedReading, Flag> {
    /** How long (processing time) a device must send nothing before its open day is judged. */
    public static final long QUIET_MILLIS = 3_600_000L;

    private final QualityProfiles profiles;
    private final long quietMillis;
    private transient ListState<long[]> day;            // per reading: sequence, time, power, register, received
    private transient ValueState<Long> dayStart;
    private transient ValueState<Long> lastHeard;       // processing time of the device's last reading
    private transient ValueState<Long> lastReadingMillis;
    private transient ValueState<double[]> dawnDusk;    // the last days' dawn and dusk, minutes from solar noon, in pairs
    private transient ValueState<double[]> registerRun; // where the register stood after the last day: value, since (ms)

    public DailyQualityFlags(QualityProfiles profiles) {
        this(profiles, QUIET_MILLIS);
    }

    /** With another silence than {@link #QUIET_MILLIS} (tests). */
    DailyQualityFlags(QualityProfiles profiles, long quietMillis) {
        this.profiles = profiles;
        this.quietMillis = quietMillis;
    }

    @Override
    public void open(OpenContext context) {
        day = getRuntimeContext().getListState(new ListStateDescriptor<>("day-readings",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        dayStart = getRuntimeContext().getState(new ValueStateDescriptor<>("day-start-ms", Types.LONG));
        lastHeard = getRuntimeContext().getState(new ValueStateDescriptor<>("last-heard-ms", Types.LONG));
        lastReadingMillis = getRuntimeContext().getState(new ValueStateDescriptor<>("last-reading-ms", Types.LONG));
        dawnDusk = getRuntimeContext().getState(new ValueStateDescriptor<>("dawn-dusk-minutes",
                PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        registerRun = getRuntimeContext().getState(new ValueStateDescriptor<>("register-run",
                PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(AcceptedReading r, Context ctx, Collector<Flag> out) throws Exception {
        DeviceQuality device = profiles.forDevice(ctx.getCurrentKey());
        if (device == null) {
            return;
        }
        long start = SolarDay.start(r.timestampMillis(), device.longitude());
        Long current = dayStart.value();
        if (current != null && start > current) {   // the device moved on: its day is complete
            judge(ctx.getCurrentKey(), device, current, false, out);
            current = null;
        }
        // A reading older than the day being collected (a clock set back, a straggler) joins that day.
        long now = ctx.timerService().currentProcessingTime();
        if (current == null) {
            dayStart.update(start);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);   // the end of a bounded input; one per device
            // the silence check, once per day opened; it moves itself on while the device is heard
            ctx.timerService().registerProcessingTimeTimer(now + quietMillis);
        }
        day.add(new long[] {r.sequence(), r.timestampMillis(), r.powerW(), r.energyRegisterWh(), r.receivedMillis()});
        lastHeard.update(now);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Flag> out) throws Exception {
        Long start = dayStart.value();
        boolean endOfInput = ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.EVENT_TIME;
        if (!endOfInput) {
            Long heard = lastHeard.value();
            if (start == null) {
                return;   // no day open: it was judged when the device moved on
            }
            if (heard != null && timestamp - heard < quietMillis) {
                // heard from since: look again that long after (a timer per device and time, so checks
                // left over from earlier days converge on this one)
                ctx.timerService().registerProcessingTimeTimer(heard + quietMillis);
                return;
            }
        }
        DeviceQuality device = profiles.forDevice(ctx.getCurrentKey());
        if (start != null && device != null) {
            judge(ctx.getCurrentKey(), device, start, endOfInput, out);
        } else if (start != null) {
            day.clear();   // resumed with profiles that no longer name the device: it is not checked any more
            dayStart.clear();
        }
    }

    private void judge(String deviceId, DeviceQuality device, long start, boolean endOfInput, Collector<Flag> out)
            throws Exception {
        List<long[]> points = new ArrayList<>();
        day.get().forEach(points::add);
        day.clear();
        dayStart.clear();
        if (points.isEmpty()) {
            return;
        }
        points.sort(Comparator.comparingLong(p -> p[0]));
        int n = points.size();
        double[] power = new double[n];
        double[] register = new double[n];
        long[] epochMillis = new long[n];
        long[] receivedMillis = new long[n];
        for (int i = 0; i < n; i++) {
            long[] p = points.get(i);
            epochMillis[i] = p[1];
            power[i] = p[2];
            register[i] = p[3];
            receivedMillis[i] = p[4];
        }
        QualityThresholds t = device.thresholds();
        List<double[]> shiftHistory = unflatten(dawnDusk.value());
        List<TreeSet<String>> flags = QualityRules.flag(power, register, epochMillis, new int[n], device.nameplateW(),
                device.site(), t, shiftHistory);
        dawnDusk.update(flatten(shiftHistory.subList(Math.max(0, shiftHistory.size() - t.shiftBaselineDays()), shiftHistory.size())));
        QualityRules.clockAhead(epochMillis, receivedMillis, t, flags);
        double[] run = registerRun.value();
        QualityRules.RegisterRun after = QualityRules.registerJumps(register, epochMillis, device.nameplateW(), t,
                run == null ? null : new QualityRules.RegisterRun(run[0], (long) run[1]), flags);
        registerRun.update(after == null ? null : new double[] {after.registerWh(), after.sinceMillis()});

        Long previous = lastReadingMillis.value();
        QualityRules.clockBackwards(epochMillis, previous == null ? Long.MIN_VALUE : previous, flags);
        long last = java.util.Arrays.stream(epochMillis).max().orElseThrow();
        if (device.pollInterval() != null) {
            long interval = device.pollInterval().toMillis();
            QualityRules.afterGaps(epochMillis, previous == null ? Long.MIN_VALUE : previous, interval, flags);
            // the end of a bounded input judges every open day at once: a day is cut by it only if
            // its readings stop before the day does
            boolean cutByEndOfInput = endOfInput && start + SolarDay.DAY_MILLIS - 1 - last > interval * 3 / 2;
            if (previous != null && !cutByEndOfInput && QualityRules.incompleteDay(n, interval, t)) {
                flags.forEach(f -> f.add(QualityRule.INCOMPLETE_DAY.id()));
            }
        }
        lastReadingMillis.update(previous == null ? last : Math.max(previous, last));

        for (int i = 0; i < n; i++) {
            if (!flags.get(i).isEmpty()) {
                out.collect(new Flag(deviceId, points.get(i)[0], epochMillis[i], String.join(";", flags.get(i))));
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
