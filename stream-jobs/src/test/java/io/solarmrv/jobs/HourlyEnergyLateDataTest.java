package io.solarmrv.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/** The hourly energy stage in a real local Flink job: a reading late for its hour is reported, not lost. */
class HourlyEnergyLateDataTest {
    private static final long HOUR = 3_600_000L;

    private static AcceptedReading reading(String device, long seq, long ts, long register) {
        return new AcceptedReading(device, seq, ts, register, 1_000, new byte[32], new byte[32], new byte[] {1});
    }

    /** Emits the watermark after every reading (newest time seen), so lateness does not depend on timing. */
    private static final class EveryEvent implements WatermarkGenerator<AcceptedReading> {
        private long newest = Long.MIN_VALUE;

        @Override
        public void onEvent(AcceptedReading r, long timestamp, WatermarkOutput output) {
            newest = Math.max(newest, timestamp);
            output.emitWatermark(new Watermark(newest));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
        }
    }

    @Test
    void aReadingArrivingAfterItsHourClosedLeavesOnTheLateOutput() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        List<AcceptedReading> input = List.of(
                reading("a", 0, 10 * 60_000L, 100), reading("a", 1, HOUR + 10 * 60_000L, 150),
                reading("a", 2, 3 * HOUR, 200),
                reading("b", 0, 20 * 60_000L, 1_000),   // hour 0 closed when a's hour 3 reading came
                reading("a", 3, 3 * HOUR + 60_000L, 210));
        DataStream<AcceptedReading> accepted = env.fromData(input).assignTimestampsAndWatermarks(
                WatermarkStrategy.<AcceptedReading>forGenerator(ctx -> new EveryEvent())
                        .withTimestampAssigner((r, previous) -> r.timestampMillis()));
        OutputTag<AcceptedReading> late = new OutputTag<>("late") { };
        SingleOutputStreamOperator<HourlyEnergy> hourly = ReadingsJob.hourlyEnergy(accepted, late);
        DataStream<String> out = hourly.map(h -> "hour " + h.deviceId() + "@" + h.hourStartMillis() / HOUR + "=" + h.energyWh())
                .union(hourly.getSideOutput(late).map(r -> "late " + r.deviceId() + "#" + r.sequence()));
        List<String> results = new ArrayList<>();
        try (CloseableIterator<String> it = out.executeAndCollect()) {
            it.forEachRemaining(results::add);
        }
        results.sort(null);
        assertEquals(List.of("hour a@0=0", "hour a@1=50", "hour a@3=60", "late b#0"), results);
    }
}
