package io.solarmrv.jobs.aggregate;

import io.solarmrv.jobs.HourlyEnergy;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a device's window summary into {@link HourlyEnergy}: the energy of the hour is its last
 * register minus the last register of the device's previous window (or minus its own first
 * register for the device's first window). Windows of one key fire in event-time order, so the
 * previous register is the one just before. A register that went down (rollback, meter swap)
 * yields zero energy for the hour rather than a negative or inflated figure (conservative).
 */
public final class IntervalEnergy extends ProcessWindowFunction<HourSummary.Accumulator, HourlyEnergy, String, TimeWindow> {
    private static final ValueStateDescriptor<Long> PREVIOUS_LAST_REGISTER =
            new ValueStateDescriptor<>("previous-last-register", Long.class);

    @Override
    public void process(String deviceId, Context ctx, Iterable<HourSummary.Accumulator> summaries,
                        Collector<HourlyEnergy> out) throws Exception {
        HourSummary.Accumulator summary = summaries.iterator().next();
        ValueState<Long> previousLastRegister = ctx.globalState().getState(PREVIOUS_LAST_REGISTER);
        Long previous = previousLastRegister.value();
        long base = previous == null ? summary.firstRegisterWh : previous;
        long energy = Math.max(0, summary.lastRegisterWh - base);
        previousLastRegister.update(summary.lastRegisterWh);
        out.collect(new HourlyEnergy(deviceId, ctx.window().getStart(), summary.readings,
                summary.firstTimestampMillis, summary.firstRegisterWh,
                summary.lastTimestampMillis, summary.lastRegisterWh, energy));
    }
}
