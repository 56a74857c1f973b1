package io.solarmrv.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/** The hourly energy stage in a real local Flink job: readings late for their hours restate them. */
class HourlyEnergyLateDataTest {
    private static final long HOUR = 3_600_000L;

    private static AcceptedReading reading(String device, long seq, long ts, long register) {
        return new AcceptedReading(device, seq, ts, register, 1_000, new byte[32], new byte[32], new byte[] {1});
    }

    @Test
    void hoursClosedBeforeADevicesReadingsArrivedAreRestatedAndStillSumToItsRegisterDelta() throws Exception {
        long day = 24 * HOUR;
        List<String> results = run(List.of(
                reading("a", 0, 10 * 60_000L, 100), reading("a", 1, HOUR + 10 * 60_000L, 150),
                reading("a", 2, 3 * HOUR, 200),
                // device b's backlog: all of its hours closed when a's hour 3 reading came
                reading("b", 0, 20 * 60_000L, 1_000), reading("b", 1, 40 * 60_000L, 1_030),
                reading("b", 2, HOUR + 5 * 60_000L, 1_100), reading("b", 3, 2 * HOUR + 5 * 60_000L, 1_180),
                reading("a", 3, 3 * HOUR + 60_000L, 210),
                // far in the future for a; then b sends a reading 8 days old: beyond the restatement window
                reading("a", 4, 9 * day, 900), reading("b", 4, 3 * HOUR, 1_200)));
        // the last figure per (device, hour), as the upserting sink keeps it
        java.util.Map<String, String> last = new java.util.TreeMap<>();
        List<String> late = new ArrayList<>();
        for (String r : results) {
            if (r.startsWith("late")) {
                late.add(r);
            } else {
                last.put(r.substring(0, r.indexOf('=')), r.substring(r.indexOf('=') + 1));
            }
        }
        assertEquals("{hour a@0=0, hour a@1=50, hour a@216=690, hour a@3=60, hour b@0=30, hour b@1=70, hour b@2=80}",
                last.toString(), "b's hours emitted although closed; b@0 restated from 0 to 30 by its second reading");
        assertEquals(List.of("late b#4"), late);
    }

    @Test
    void aLateHourBetweenTwoClosedHoursMovesTheNextHoursBase() throws Exception {
        // Timestamps only: one device whose hour 1 reading is delayed past the watermark (another
        // device moved it). Hour 2's base changes from hour 0's register to hour 1's.
        List<String> results = run(List.of(
                reading("c", 0, 10 * 60_000L, 100), reading("c", 2, 2 * HOUR + 60_000L, 300),
                reading("d", 0, 5 * HOUR, 0),
                reading("c", 1, HOUR + 60_000L, 180)));
        assertEquals(List.of("hour c@0=0", "hour c@2=200", "hour c@1=80", "hour c@2=120"),
                results.stream().filter(r -> r.startsWith("hour c")).toList(),
                "hour 2 first 200 (from hour 0's 100), restated to 120 (from hour 1's 180)");
    }

    @Test
    void quarterHoursAreRestatedTheSameWayAndSumToTheHours() throws Exception {
        // device q: readings every 5 minutes for 2 hours, register +10 Wh each, the second hour's
        // readings delivered after the watermark passed it (another device moved it)
        List<AcceptedReading> input = new ArrayList<>();
        long register = 1_000;
        for (int i = 0; i < 12; i++) {
            input.add(reading("q", i, i * 5 * 60_000L, register += 10));
        }
        input.add(reading("r", 0, 3 * HOUR, 0));
        for (int i = 12; i < 24; i++) {
            input.add(reading("q", i, i * 5 * 60_000L, register += 10));
        }
        java.util.Map<String, Long> quarters = lastFigures(run(input, java.time.Duration.ofMinutes(15)), "q");
        java.util.Map<String, Long> hours = lastFigures(run(input, java.time.Duration.ofHours(1)), "q");
        assertEquals(8, quarters.size(), "eight quarter hours: " + quarters);
        assertEquals(20L, quarters.get("0"), "the device's first quarter: from its own first register (3 readings)");
        assertEquals(30L, quarters.get("4"), "the second hour's first quarter, restated from the first hour's last register");
        assertEquals(hours.values().stream().mapToLong(Long::longValue).sum(),
                quarters.values().stream().mapToLong(Long::longValue).sum(), "quarters and hours: the same register delta");
        assertEquals(230L, quarters.values().stream().mapToLong(Long::longValue).sum(), "the register moved 230 Wh after the first reading");
    }

    /** The last figure per interval (index from 0 in its own length) of one device, as the upserting sink keeps it. */
    private static java.util.Map<String, Long> lastFigures(List<String> results, String device) {
        java.util.Map<String, Long> last = new java.util.TreeMap<>();
        for (String r : results) {
            if (r.startsWith("interval " + device + "@")) {
                last.put(r.substring(r.indexOf('@') + 1, r.indexOf('=')), Long.parseLong(r.substring(r.indexOf('=') + 1)));
            }
        }
        return last;
    }

    private static List<String> run(List<AcceptedReading> input) throws Exception {
        return run(input, java.time.Duration.ofHours(1)).stream().map(r -> r.replace("interval ", "hour ")).toList();
    }

    private static List<String> run(List<AcceptedReading> input, java.time.Duration length) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DataStream<AcceptedReading> accepted = env.fromData(input).assignTimestampsAndWatermarks(
                WatermarkStrategy.<AcceptedReading>forGenerator(ctx -> new WatermarkAfterEveryReading())
                        .withTimestampAssigner((r, previous) -> r.timestampMillis()));
        OutputTag<AcceptedReading> late = new OutputTag<>("late") { };
        SingleOutputStreamOperator<IntervalEnergy> hourly = ReadingsJob.intervalEnergy(accepted, length, "interval-energy", late);
        long lengthMillis = length.toMillis();
        DataStream<String> out = hourly.map(h -> "interval " + h.deviceId() + "@" + h.startMillis() / lengthMillis + "=" + h.energyWh())
                .union(hourly.getSideOutput(late).map(r -> "late " + r.deviceId() + "#" + r.sequence()));
        List<String> results = new ArrayList<>();
        try (CloseableIterator<String> it = out.executeAndCollect()) {
            it.forEachRemaining(results::add);
        }
        return results; // in emission order (one parallel instance)
    }
}
