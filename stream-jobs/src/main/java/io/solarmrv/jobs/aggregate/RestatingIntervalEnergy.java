package io.solarmrv.jobs.aggregate;

import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.IntervalEnergy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Energy per device per UTC interval of event time (an interval, a quarter interval), restated when
 * readings arrive late. An interval's energy is its last register minus the last register of the
 * device's previous interval with readings (or its own first register for the device's first
 * interval): register deltas (ARCHITECTURE.md invariant 2), and a register that went down gives
 * zero, never a negative or inflated figure.
 *
 * <p>An interval is emitted when the watermark passes its end. A reading for an interval the
 * watermark has already passed (a gateway uploading a backlog while the rest of the fleet is live)
 * updates that interval and the device's next interval with readings, whose base register it may
 * change, and both are emitted again: the sink upserts by (device, interval), so the figures are
 * restated, and the intervals still sum to the device's register delta. Intervals are kept for
 * {@code retention} behind the watermark; a reading older than that goes to {@code late} (listed for
 * review, never dropped silently), as restating it could no longer be done from state.
 */
public final class RestatingIntervalEnergy extends KeyedProcessFunction<String, AcceptedReading, IntervalEnergy> {
    private static final HourSummary SUMMARY = new HourSummary();

    private final long length;
    private final Duration retention;
    private final OutputTag<AcceptedReading> late;
    private transient MapState<Long, HourSummary.Accumulator> intervals;
    private transient Counter restated;
    private transient Counter tooLate;

    /** @param length the intervals' length; a whole number of minutes that divides a day */
    public RestatingIntervalEnergy(Duration length, Duration retention, OutputTag<AcceptedReading> late) {
        if (length.toMillis() < 60_000 || length.toMillis() % 60_000 != 0 || 86_400_000L % length.toMillis() != 0) {
            throw new IllegalArgumentException("interval energy: the length must be whole minutes dividing a day, not " + length);
        }
        if (retention.compareTo(length) < 0) {
            throw new IllegalArgumentException("interval energy: keep intervals for at least one interval, not " + retention);
        }
        this.length = length.toMillis();
        this.retention = retention;
        this.late = late;
    }

    @Override
    public void open(OpenContext context) {
        // "hours": the name the hourly state has had since the first version, so its checkpoints restore
        String state = length == 3_600_000L ? "hours" : "intervals";
        intervals = getRuntimeContext().getMapState(new MapStateDescriptor<>(state, TypeInformation.of(Long.class),
                TypeInformation.of(HourSummary.Accumulator.class)));
        restated = getRuntimeContext().getMetricGroup().counter("intervalsRestated");
        tooLate = getRuntimeContext().getMetricGroup().counter("readingsTooLateToRestate");
    }

    @Override
    public void processElement(AcceptedReading reading, Context ctx, Collector<IntervalEnergy> out) throws Exception {
        long interval = Math.floorDiv(reading.timestampMillis(), length) * length;
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && interval + length - 1 < watermark - retention.toMillis()) {
            tooLate.inc();
            ctx.output(late, reading);
            return;
        }
        HourSummary.Accumulator summary = intervals.get(interval);
        intervals.put(interval, SUMMARY.add(reading, summary == null ? SUMMARY.createAccumulator() : summary));
        if (interval + length - 1 <= watermark) {
            TreeMap<Long, HourSummary.Accumulator> kept = kept();
            emit(ctx.getCurrentKey(), interval, kept, out);
            Long next = kept.higherKey(interval);
            if (next != null && next + length - 1 <= watermark) {
                emit(ctx.getCurrentKey(), next, kept, out);
            }
            restated.inc();
        } else {
            ctx.timerService().registerEventTimeTimer(interval + length - 1);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IntervalEnergy> out) throws Exception {
        long interval = timestamp - length + 1;
        TreeMap<Long, HourSummary.Accumulator> kept = kept();
        if (kept.containsKey(interval)) {
            emit(ctx.getCurrentKey(), interval, kept, out);
        }
        forgetBefore(kept, timestamp - retention.toMillis());
    }

    private TreeMap<Long, HourSummary.Accumulator> kept() throws Exception {
        TreeMap<Long, HourSummary.Accumulator> kept = new TreeMap<>();
        for (Map.Entry<Long, HourSummary.Accumulator> e : intervals.entries()) {
            kept.put(e.getKey(), e.getValue());
        }
        return kept;
    }

    private void emit(String device, long interval, TreeMap<Long, HourSummary.Accumulator> kept, Collector<IntervalEnergy> out) {
        HourSummary.Accumulator summary = kept.get(interval);
        Map.Entry<Long, HourSummary.Accumulator> previous = kept.lowerEntry(interval);
        long base = previous == null ? summary.firstRegisterWh : previous.getValue().lastRegisterWh;
        out.collect(new IntervalEnergy(device, interval, length, summary.readings, summary.firstTimestampMillis, summary.firstRegisterWh,
                summary.lastTimestampMillis, summary.lastRegisterWh, Math.max(0, summary.lastRegisterWh - base)));
    }

    /** Drops intervals ending before {@code horizon}, but keeps the newest of them: it is the next one's base. */
    private void forgetBefore(TreeMap<Long, HourSummary.Accumulator> kept, long horizon) throws Exception {
        List<Long> old = new ArrayList<>(kept.headMap(horizon - length + 1).keySet());
        for (int i = 0; i < old.size() - 1; i++) {
            intervals.remove(old.get(i));
        }
    }
}
