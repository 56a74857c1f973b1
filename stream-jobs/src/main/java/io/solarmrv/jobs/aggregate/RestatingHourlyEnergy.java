package io.solarmrv.jobs.aggregate;

import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.HourlyEnergy;
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
 * Energy per device per UTC hour of event time, restated when readings arrive late. An hour's
 * energy is its last register minus the last register of the device's previous hour with readings
 * (or its own first register for the device's first hour): register deltas (ARCHITECTURE.md
 * invariant 2), and a register that went down gives zero, never a negative or inflated figure.
 *
 * <p>An hour is emitted when the watermark passes its end. A reading for an hour the watermark has
 * already passed (a gateway uploading a backlog while the rest of the fleet is live) updates that
 * hour and the device's next hour with readings, whose base register it may change, and both are
 * emitted again: the sink upserts by (device, hour), so the figures are restated, and the hours
 * still sum to the device's register delta. Hours are kept for {@code retention} behind the
 * watermark; a reading older than that goes to {@code late} (listed for review, never dropped
 * silently), as restating it could no longer be done from state.
 */
public final class RestatingHourlyEnergy extends KeyedProcessFunction<String, AcceptedReading, HourlyEnergy> {
    private static final long HOUR = 3_600_000L;
    private static final HourSummary SUMMARY = new HourSummary();

    private final Duration retention;
    private final OutputTag<AcceptedReading> late;
    private transient MapState<Long, HourSummary.Accumulator> hours;
    private transient Counter restated;
    private transient Counter tooLate;

    public RestatingHourlyEnergy(Duration retention, OutputTag<AcceptedReading> late) {
        if (retention.toMillis() < HOUR) {
            throw new IllegalArgumentException("hourly energy: keep hours for at least an hour, not " + retention);
        }
        this.retention = retention;
        this.late = late;
    }

    @Override
    public void open(OpenContext context) {
        hours = getRuntimeContext().getMapState(new MapStateDescriptor<>("hours", TypeInformation.of(Long.class),
                TypeInformation.of(HourSummary.Accumulator.class)));
        restated = getRuntimeContext().getMetricGroup().counter("hoursRestated");
        tooLate = getRuntimeContext().getMetricGroup().counter("readingsTooLateToRestate");
    }

    @Override
    public void processElement(AcceptedReading reading, Context ctx, Collector<HourlyEnergy> out) throws Exception {
        long hour = Math.floorDiv(reading.timestampMillis(), HOUR) * HOUR;
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && hour + HOUR - 1 < watermark - retention.toMillis()) {
            tooLate.inc();
            ctx.output(late, reading);
            return;
        }
        HourSummary.Accumulator summary = hours.get(hour);
        hours.put(hour, SUMMARY.add(reading, summary == null ? SUMMARY.createAccumulator() : summary));
        if (hour + HOUR - 1 <= watermark) {
            TreeMap<Long, HourSummary.Accumulator> kept = kept();
            emit(ctx.getCurrentKey(), hour, kept, out);
            Long next = kept.higherKey(hour);
            if (next != null && next + HOUR - 1 <= watermark) {
                emit(ctx.getCurrentKey(), next, kept, out);
            }
            restated.inc();
        } else {
            ctx.timerService().registerEventTimeTimer(hour + HOUR - 1);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HourlyEnergy> out) throws Exception {
        long hour = timestamp - HOUR + 1;
        TreeMap<Long, HourSummary.Accumulator> kept = kept();
        if (kept.containsKey(hour)) {
            emit(ctx.getCurrentKey(), hour, kept, out);
        }
        forgetBefore(kept, timestamp - retention.toMillis());
    }

    private TreeMap<Long, HourSummary.Accumulator> kept() throws Exception {
        TreeMap<Long, HourSummary.Accumulator> kept = new TreeMap<>();
        for (Map.Entry<Long, HourSummary.Accumulator> e : hours.entries()) {
            kept.put(e.getKey(), e.getValue());
        }
        return kept;
    }

    private static void emit(String device, long hour, TreeMap<Long, HourSummary.Accumulator> kept, Collector<HourlyEnergy> out) {
        HourSummary.Accumulator summary = kept.get(hour);
        Map.Entry<Long, HourSummary.Accumulator> previous = kept.lowerEntry(hour);
        long base = previous == null ? summary.firstRegisterWh : previous.getValue().lastRegisterWh;
        out.collect(new HourlyEnergy(device, hour, summary.readings, summary.firstTimestampMillis, summary.firstRegisterWh,
                summary.lastTimestampMillis, summary.lastRegisterWh, Math.max(0, summary.lastRegisterWh - base)));
    }

    /** Drops hours ending before {@code horizon}, but keeps the newest of them: it is the next hour's base. */
    private void forgetBefore(TreeMap<Long, HourSummary.Accumulator> kept, long horizon) throws Exception {
        List<Long> old = new ArrayList<>(kept.headMap(horizon - HOUR + 1).keySet());
        for (int i = 0; i < old.size() - 1; i++) {
            hours.remove(old.get(i));
        }
    }
}
