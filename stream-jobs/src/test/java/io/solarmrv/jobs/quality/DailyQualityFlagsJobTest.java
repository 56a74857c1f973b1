package io.solarmrv.jobs.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.SolarGeometry;
import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.WatermarkAfterEveryReading;
import io.solarmrv.results.QualityFlags.Flag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/**
 * The daily quality stage in a real local Flink job, over a week of 15-minute readings from two
 * devices in Tokyo with identical data in two projects: per-project thresholds, solar days, what
 * carries from one day to the next in keyed state, and a third device whose readings all arrive
 * three days late (a gateway's backlog) and are judged like the others.
 */
class DailyQualityFlagsJobTest {
    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;
    private static final SolarGeometry TOKYO = new SolarGeometry(35.68, 139.77);
    private static final String PROFILES = """
            project.strict.devices = a:5000, backlog:5000
            project.strict.latitude = 35.68
            project.strict.longitude = 139.77
            project.strict.poll-interval = PT15M
            project.lenient.devices = b:5000
            project.lenient.latitude = 35.68
            project.lenient.longitude = 139.77
            project.lenient.poll-interval = PT15M
            project.lenient.threshold.complete-day-share = 0.5
            project.lenient.threshold.clock-ahead-millis = 7200000
            """;

    private static final long DAY0 = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli() + SolarDay.offsetMillis(139.77);   // a Tokyo solar midnight

    /** The week every test here runs over, in arrival order. */
    private static List<AcceptedReading> week() {
        long day0 = DAY0;
        List<AcceptedReading> input = new ArrayList<>();
        long[] registers = {0, 0, 0, 0};
        long[] sequences = {0, 0, 0, 0};
        // day 0 starts 6 h late (the devices were installed then); day 3 loses 6 h of its daylight;
        // from day 5 the gateway's clock is an hour ahead; the input ends halfway through day 6.
        for (long real = day0 + 6 * 60 * MINUTE; real < day0 + 6 * DAY + DAY / 2; real += 15 * MINUTE) {
            long sinceDay3 = real - (day0 + 3 * DAY);
            boolean lost = sinceDay3 >= 3 * 60 * MINUTE && sinceDay3 < 9 * 60 * MINUTE;
            long stamped = real >= day0 + 5 * DAY ? real + 60 * MINUTE : real;
            long power = Math.round(4_000 * Math.max(0, TOKYO.cosZenith(Instant.ofEpochMilli(real))));
            String[] devices = {"a", "b", "unprofiled", "backlog"};
            for (int d = 0; d < devices.length; d++) {
                registers[d] += power / 4;
                if (!lost) {
                    // received a minute later; the backlog device's readings were taken three days before they arrive
                    long shift = devices[d].equals("backlog") ? -3 * DAY : 0;
                    input.add(new AcceptedReading(devices[d], sequences[d]++, stamped + shift, registers[d], power,
                            new byte[32], new byte[32], new byte[] {1}, real + MINUTE));
                }
            }
        }
        return input;
    }

    @Test
    void flagsGapsIncompleteDaysAndAClockJumpPerProjectAcrossSolarDays() throws Exception {
        long day0 = DAY0;
        List<AcceptedReading> input = week();
        List<Flag> asTheDaysPass = run(input, WatermarkStrategy.forGenerator(ctx -> new WatermarkAfterEveryReading()));
        List<Flag> allAtTheEnd = run(input, WatermarkStrategy.noWatermarks());
        assertEquals(new java.util.HashSet<>(asTheDaysPass), new java.util.HashSet<>(allAtTheEnd),
                "the same flags whether the watermark follows every reading or comes only at the end of the input");
        Map<String, Integer> counts = new TreeMap<>();   // "device day rule" -> readings flagged
        for (Flag flag : asTheDaysPass) {
            long shift = flag.deviceId().equals("backlog") ? 3 * DAY : 0;
            long solarDay = Math.floorDiv(flag.timestampMillis() + shift - day0, DAY);
            for (String rule : flag.flags().split(";")) {
                counts.merge(flag.deviceId() + " " + solarDay + " " + rule, 1, Integer::sum);
            }
        }
        System.out.println("daily quality flags by device, solar day and rule: " + counts);

        assertEquals(72, counts.getOrDefault("a 3 incomplete_day", 0), "day 3 kept 72 of 96 points, under 90 %");
        assertEquals(0, counts.getOrDefault("b 3 incomplete_day", 0), "project lenient accepts 50 %");
        for (String device : List.of("a", "b")) {
            assertEquals(1, counts.getOrDefault(device + " 3 after_gap", 0), "the reading after the 6 h gap");
            assertEquals(0, counts.getOrDefault(device + " 0 incomplete_day", 0), "a device's first day is not judged");
            assertEquals(0, counts.getOrDefault(device + " 6 incomplete_day", 0), "a day cut by the end of the input is not judged");
            assertTrue(counts.getOrDefault(device + " 5 timestamp_shift", 0) > 0, "the day the clock jumped, from the days before");
            assertTrue(counts.getOrDefault(device + " 5 night_generation", 0) > 0, "generation stamped after sunset");
            for (int day = 0; day < 5; day++) {
                assertEquals(0, counts.getOrDefault(device + " " + day + " timestamp_shift", 0), "day " + day);
                assertEquals(0, counts.getOrDefault(device + " " + day + " night_generation", 0), "day " + day);
            }
        }
        assertEquals(1, counts.getOrDefault("a 5 after_gap", 0), "the hour the clock skipped");
        for (int day = 0; day < 5; day++) {
            assertEquals(0, counts.getOrDefault("a " + day + " clock_ahead", 0), "day " + day + ": stamped before receipt");
        }
        assertEquals(counts.get("a 5 timestamp_shift"), counts.get("a 5 clock_ahead"),
                "every reading of the day the clock ran an hour ahead was stamped 59 min after it arrived");
        assertTrue(counts.getOrDefault("a 6 clock_ahead", 0) > 40, "and the day after");
        assertTrue(counts.keySet().stream().noneMatch(k -> k.startsWith("b ") && k.endsWith("clock_ahead")),
                "project lenient tolerates two hours");
        assertTrue(counts.keySet().stream().noneMatch(k -> k.startsWith("unprofiled")), "devices without a profile are not checked");
        assertTrue(counts.keySet().stream().noneMatch(k -> k.endsWith("register_jump")),
                "registers that count what the inverter delivers, across a 6 h gap and a clock jump, never jump");
        Map<String, Integer> backlog = new TreeMap<>();
        Map<String, Integer> live = new TreeMap<>();
        counts.forEach((key, n) -> {
            if (!key.endsWith("clock_ahead")) {   // the backlog's readings are stamped days before receipt, not after
                if (key.startsWith("backlog ")) {
                    backlog.put(key.substring("backlog ".length()), n);
                } else if (key.startsWith("a ")) {
                    live.put(key.substring(2), n);
                }
            }
        });
        assertEquals(live, backlog, "three days behind the watermark, each of the backlog's days is judged in full");
    }

    /** Readings the failure drill let through after the restart: fewer than all means a restore from a checkpoint. */
    private static final java.util.concurrent.atomic.AtomicLong SEEN_AFTER_RESTART = new java.util.concurrent.atomic.AtomicLong();

    /** Passes readings on slowly (so checkpoints complete mid-stream) and fails the first attempt once. */
    private static final class FailOnceSlowly extends org.apache.flink.api.common.functions.RichMapFunction<AcceptedReading, AcceptedReading> {
        private final long failAfter;
        private long seen;

        FailOnceSlowly(long failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public AcceptedReading map(AcceptedReading reading) throws InterruptedException {
            Thread.sleep(1);
            if (getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) {
                SEEN_AFTER_RESTART.incrementAndGet();
            } else if (++seen == failAfter) {
                throw new IllegalStateException("failure drill after " + failAfter + " readings");
            }
            return reading;
        }
    }

    @Test
    void aJobRestoredFromACheckpointMidWeekFlagsExactlyWhatAnUninterruptedRunDoes() throws Exception {
        List<AcceptedReading> input = week();
        Map<String, String> clean = byReading(run(input, WatermarkStrategy.forGenerator(ctx -> new WatermarkAfterEveryReading()), 0));
        SEEN_AFTER_RESTART.set(0);
        Map<String, String> recovered = byReading(run(input, WatermarkStrategy.forGenerator(ctx -> new WatermarkAfterEveryReading()),
                input.size() * 2 / 3));
        long replayed = SEEN_AFTER_RESTART.get();
        System.out.printf("recovery: %d of %d readings replayed after the restart; %d readings flagged%n", replayed, input.size(),
                recovered.size());
        assertTrue(replayed > 0 && replayed < input.size() * 2 / 3,
                "restored from a checkpoint taken mid-stream (" + replayed + " readings replayed), not started over");
        assertEquals(clean, recovered, "the state carried across days (open day, last reading, dawn and dusk) was restored");
    }

    /** Passes readings on, but holds the stream for {@code pauseMillis} before the reading at {@code pauseBefore}. */
    private static final class PauseOnce extends org.apache.flink.api.common.functions.RichMapFunction<AcceptedReading, AcceptedReading> {
        private final long pauseBefore;
        private final long pauseMillis;

        PauseOnce(long pauseBefore, long pauseMillis) {
            this.pauseBefore = pauseBefore;
            this.pauseMillis = pauseMillis;
        }

        @Override
        public AcceptedReading map(AcceptedReading reading) throws InterruptedException {
            if (reading.sequence() == pauseBefore) {
                Thread.sleep(pauseMillis);
            }
            return reading;
        }
    }

    @Test
    void aDeviceSilentLongerThanTheQuietTimeHasItsOpenDayJudgedThenAndTheRestOfTheDayOnItsOwn() throws Exception {
        // device a alone: solar day 0 whole, day 1 in two parts with a pause of 3 s (processing time)
        // between them, day 2 whole; quiet time 300 ms
        long[] register = {0};
        List<AcceptedReading> input = new ArrayList<>();
        for (int i = 0; i < 3 * 96; i++) {
            long at = DAY0 + i * 15 * MINUTE;
            long power = Math.round(4_000 * Math.max(0, TOKYO.cosZenith(Instant.ofEpochMilli(at))));
            register[0] += power / 4;
            input.add(new AcceptedReading("a", i, at, register[0], power, new byte[32], new byte[32], new byte[] {1}));
        }
        long pauseBefore = 96 + 40;   // day 1 has sent 40 of its 96 readings
        QualityProfiles profiles = QualityProfiles.parse(PROFILES);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        List<Flag> flags = new ArrayList<>();
        try (CloseableIterator<Flag> it = env.fromData(input)
                .map(new PauseOnce(pauseBefore, 3_000))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<AcceptedReading>forGenerator(ctx -> new WatermarkAfterEveryReading())
                        .withTimestampAssigner((r, previous) -> r.timestampMillis()))
                .keyBy(AcceptedReading::deviceId)
                .process(new DailyQualityFlags(profiles, 300))
                .executeAndCollect()) {
            it.forEachRemaining(flags::add);
        }
        long dayOne = flags.stream().filter(f -> f.sequence() >= 96 && f.sequence() < 192 && f.flags().contains("incomplete_day")).count();
        long others = flags.stream().filter(f -> (f.sequence() < 96 || f.sequence() >= 192) && f.flags().contains("incomplete_day")).count();
        assertEquals(96, dayOne, "day 1 judged in two parts, 40 readings when the device fell silent and 56 when it moved on,"
                + " each under 90 % of a day");
        assertEquals(0, others, "days 0 and 2 whole");
    }

    @Test
    void aRegisterThatJumpsOvernightIsFlaggedOnTheNextDaysFirstReading() throws Exception {
        // device a, two solar days; between them its meter is swapped for one whose register stands
        // 200 kWh higher (a 5 kW inverter delivers at most 5.5 kW x the 24 h the register had sat still)
        long register = 0;
        List<AcceptedReading> input = new ArrayList<>();
        long jumpAt = -1;
        for (int i = 0; i < 2 * 96; i++) {
            long at = DAY0 + i * 15 * MINUTE;
            long power = Math.round(4_000 * Math.max(0, TOKYO.cosZenith(Instant.ofEpochMilli(at))));
            register += power / 4;
            if (i == 96) {
                register += 200_000;
                jumpAt = i;
            }
            input.add(new AcceptedReading("a", i, at, register, power, new byte[32], new byte[32], new byte[] {1}));
        }
        List<Flag> flags = run(input, WatermarkStrategy.forGenerator(ctx -> new WatermarkAfterEveryReading()));
        List<Long> jumps = flags.stream().filter(f -> f.flags().contains("register_jump")).map(Flag::sequence).toList();
        assertEquals(List.of(jumpAt), jumps, "the jump is seen across the day boundary, from the register carried in state");
    }

    @Test
    void readingsStampedBeforeAnEarlierReadingAreFlaggedClockBackwardsAcrossDays() throws Exception {
        // device a every 15 min for two solar days; at reading 100 (day 1) its clock is set back 2 h,
        // and on reading 40 (day 0) by 20 min: each reading stamped before the latest earlier one is flagged
        List<AcceptedReading> input = new ArrayList<>();
        long register = 0;
        for (int i = 0; i < 2 * 96; i++) {
            long at = DAY0 + i * 15 * MINUTE - (i >= 100 ? 120 * MINUTE : 0) - (i >= 40 ? 20 * MINUTE : 0);
            long power = Math.round(4_000 * Math.max(0, TOKYO.cosZenith(Instant.ofEpochMilli(at))));
            register += power / 4;
            input.add(new AcceptedReading("a", i, at, register, power, new byte[32], new byte[32], new byte[] {1}));
        }
        List<Flag> flags = run(input, WatermarkStrategy.forGenerator(ctx -> new WatermarkAfterEveryReading()));
        List<Long> backwards = flags.stream().filter(f -> f.flags().contains("clock_backwards")).map(Flag::sequence)
                .sorted().toList();
        // 20 min back at 40: reading 40 (580 min) is stamped before 39 (585 min), 41 (595) is not; 2 h back at 100:
        // reading k is at 15 k - 140 min, before 99's 1,465 min for k < 107
        assertEquals(List.of(40L, 100L, 101L, 102L, 103L, 104L, 105L, 106L), backwards);
    }

    /** The flags per reading as the results table keeps them (an upsert by device and sequence). */
    private static Map<String, String> byReading(List<Flag> flags) {
        Map<String, String> table = new TreeMap<>();
        flags.forEach(f -> table.put(f.deviceId() + "#" + f.sequence(), f.flags()));
        return table;
    }

    private static List<Flag> run(List<AcceptedReading> input, WatermarkStrategy<AcceptedReading> watermarks)
            throws Exception {
        return run(input, watermarks, 0);
    }

    /** @param failAfter if above 0: checkpoint every 100 ms and fail once after this many readings */
    private static List<Flag> run(List<AcceptedReading> input, WatermarkStrategy<AcceptedReading> watermarks, long failAfter)
            throws Exception {
        QualityProfiles profiles = QualityProfiles.parse(PROFILES);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        org.apache.flink.streaming.api.datastream.DataStream<AcceptedReading> readings = env.fromData(input);
        if (failAfter > 0) {
            env.enableCheckpointing(100);
            readings = readings.map(new FailOnceSlowly(failAfter));
        }
        List<Flag> flags = new ArrayList<>();
        try (CloseableIterator<Flag> it = readings
                .assignTimestampsAndWatermarks(watermarks.withTimestampAssigner((r, previous) -> r.timestampMillis()))
                .keyBy(AcceptedReading::deviceId)
                .process(new DailyQualityFlags(profiles))
                .executeAndCollect()) {
            it.forEachRemaining(flags::add);
        }
        return flags;
    }
}
