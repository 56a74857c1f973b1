package io.solarmrv.jobs;

import io.solarmrv.attestation.Sha256;
import io.solarmrv.jobs.aggregate.RestatingIntervalEnergy;
import io.solarmrv.jobs.log.MerkleLogAppender;
import io.solarmrv.jobs.mqtt.MqttSource;
import io.solarmrv.jobs.quality.DailyQualityFlags;
import io.solarmrv.jobs.sink.InfluxPoints;
import io.solarmrv.jobs.sink.InfluxSink;
import io.solarmrv.jobs.sink.InfluxTarget;
import io.solarmrv.jobs.sink.LogCommitSink;
import io.solarmrv.jobs.sink.JdbcBatchSink;
import io.solarmrv.jobs.verify.ChainCheck;
import io.solarmrv.jobs.verify.DecodeAndVerifySignature;
import io.solarmrv.results.EnergyIntervals;
import io.solarmrv.results.LateReadings;
import io.solarmrv.results.QualityFlags;
import io.solarmrv.results.RejectedReadings;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * The readings job:
 * <pre>
 * MQTT -> decode + verify signature -> chain check per device --+--> hourly and 15-min energy (event time) -> hourly_energy, quarter_hour_energy
 *              |                           |                    +--> Merkle log append --> leaves + checkpoints
 *              +------- rejects -----------+--> rejected_readings          (two-phase commit: once the Flink checkpoint
 *                                                                           completes, tiles, log_index, then anchor on chain)
 *                                                         (and per device and solar day: quality rules -> quality_flags)
 * </pre>
 *
 * <p>Every stateful operator has a fixed uid (its name), so a job resumed from a checkpoint of an
 * earlier version of this code finds its state.
 */
public final class ReadingsJob {
    private static final KeySelector<AcceptedReading, Integer> SINGLE_LOG = reading -> 0;
    private static final OutputTag<AcceptedReading> LATE_FOR_RESTATEMENT = new OutputTag<>("late-for-hourly-energy") { };

    private ReadingsJob() {
    }

    public static void define(StreamExecutionEnvironment env, JobSettings settings) {
        env.enableCheckpointing(settings.checkpointInterval().toMillis());
        DataStream<byte[]> messages = env.fromSource(new MqttSource(settings.mqtt()), WatermarkStrategy.noWatermarks(), "mqtt-readings")
                .uid("mqtt-readings");
        defineFrom(messages, settings);
    }

    /**
     * Everything after the source, over any stream of messages (what an agent publishes). The
     * benchmark feeds it from memory to measure the job without a broker in front of it; the job
     * proper reads MQTT ({@link #define}). The caller enables checkpointing.
     */
    public static void defineFrom(DataStream<byte[]> messages, JobSettings settings) {
        OutputTag<RejectedReading> rejects = new OutputTag<>("rejects") { };
        if (settings.failOnceAfterMessages() > 0) {
            messages = messages.map(new FailOnce(settings.failOnceAfterMessages())).name("failure-drill").uid("failure-drill");
        }

        SingleOutputStreamOperator<AcceptedReading> signed = messages
                .process(new DecodeAndVerifySignature(settings.registryText(), settings.registryFile(),
                        DecodeAndVerifySignature.REGISTRY_REFRESH, rejects)).name("verify-signature").uid("verify-signature");
        SingleOutputStreamOperator<AcceptedReading> chained = signed
                .keyBy(AcceptedReading::deviceId)
                .process(new ChainCheck(rejects)).name("chain-check").uid("chain-check");

        DataStream<AcceptedReading> accepted = chained.assignTimestampsAndWatermarks(
                eventTime(settings.maxOutOfOrderness(), WATERMARK_IDLENESS));

        SingleOutputStreamOperator<IntervalEnergy> hourly = intervalEnergy(accepted, Duration.ofHours(1), "hourly-energy",
                LATE_FOR_RESTATEMENT);
        hourly.sinkTo(intervalEnergySink(settings.jdbcUrl(), EnergyIntervals.Span.HOUR))
                .name("hourly-energy-sink").uid("hourly-energy-sink");
        SingleOutputStreamOperator<IntervalEnergy> quarterHourly = intervalEnergy(accepted, Duration.ofMinutes(15),
                "quarter-hour-energy", LATE_FOR_RESTATEMENT);
        quarterHourly.sinkTo(intervalEnergySink(settings.jdbcUrl(), EnergyIntervals.Span.QUARTER_HOUR))
                .name("quarter-hour-energy-sink").uid("quarter-hour-energy-sink");
        // a reading too late to restate its hour or its quarter hour: listed once for review
        hourly.getSideOutput(LATE_FOR_RESTATEMENT).union(quarterHourly.getSideOutput(LATE_FOR_RESTATEMENT))
                .sinkTo(lateForHourSink(settings.jdbcUrl())).name("late-for-hourly-energy-sink").uid("late-for-hourly-energy-sink");

        SingleOutputStreamOperator<QualityFlags.Flag> flags = null;
        if (!settings.quality().isEmpty()) {
            flags = accepted.keyBy(AcceptedReading::deviceId)
                    .process(new DailyQualityFlags(settings.quality())).name("daily-quality-flags").uid("daily-quality-flags");
            flags.sinkTo(qualityFlagSink(settings.jdbcUrl())).name("quality-flag-sink").uid("quality-flag-sink");
        }

        if (settings.influx() != null) {
            InfluxTarget influx = settings.influx();
            accepted.sinkTo(new InfluxSink<>(influx, InfluxPoints::reading)).name("influx-readings").uid("influx-readings");
            hourly.sinkTo(new InfluxSink<>(influx, h -> InfluxPoints.interval("hourly_energy", h)))
                    .name("influx-hourly-energy").uid("influx-hourly-energy");
            quarterHourly.sinkTo(new InfluxSink<>(influx, q -> InfluxPoints.interval("quarter_hour_energy", q)))
                    .name("influx-quarter-hour-energy").uid("influx-quarter-hour-energy");
            if (flags != null) {
                flags.sinkTo(new InfluxSink<>(influx, InfluxPoints::flag)).name("influx-quality-flags").uid("influx-quality-flags");
            }
        }

        // The commit runs in its own task (not chained to the appender), so the log keeps appending
        // while the previous checkpoint's leaves are written to the database.
        accepted.keyBy(SINGLE_LOG)
                .process(new MerkleLogAppender(settings.logSignerKey())).name("merkle-log").uid("merkle-log").setParallelism(1)
                .sinkTo(new LogCommitSink(settings.jdbcUrl(), settings.chain(), settings.anchorContract(), settings.logTilesDir()))
                .name("merkle-log-commit").uid("merkle-log-commit").setParallelism(1).disableChaining();

        signed.getSideOutput(rejects).union(chained.getSideOutput(rejects))
                .sinkTo(rejectSink(settings.jdbcUrl())).name("reject-sink").uid("reject-sink");
    }

    /** How long a parallel instance may see no reading before event time moves on without it. */
    public static final Duration WATERMARK_IDLENESS = Duration.ofMinutes(1);

    /**
     * Event time of accepted readings: their own time, at most {@code maxOutOfOrderness} out of
     * order. A parallel instance that sees no reading for {@code idleness} (no device hashed to it,
     * or its devices silent) is idle and does not hold event time back, so hours, anchors and
     * quality days close on the instances that have readings. A reading that arrives after its hour
     * closed restates it ({@link #intervalEnergy}); one more than {@link #HOURLY_RESTATEMENT_WINDOW}
     * behind the others' event time (a gateway back from a long outage on an otherwise idle instance)
     * is listed late instead. Either way it is in the log, and period totals, which come from the
     * log's registers, count it.
     */
    public static WatermarkStrategy<AcceptedReading> eventTime(Duration maxOutOfOrderness, Duration idleness) {
        return WatermarkStrategy.<AcceptedReading>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withTimestampAssigner((reading, previous) -> reading.timestampMillis())
                .withIdleness(idleness);
    }

    /** How long behind the watermark an interval's figure can still be restated by late readings. */
    public static final Duration HOURLY_RESTATEMENT_WINDOW = Duration.ofDays(7);

    /**
     * Energy per device per UTC interval of event time ({@code length}: an hour, a quarter hour),
     * restated when a device's readings arrive after its intervals closed ({@link RestatingIntervalEnergy});
     * a reading more than {@link #HOURLY_RESTATEMENT_WINDOW} behind leaves on {@code late} (the
     * readings job writes it to late_for_hourly_energy). Late or not, a reading is in the log and in
     * period totals, which come from the registers of logged readings (ARCHITECTURE.md invariant 2).
     *
     * @param name the operator's name and uid
     */
    public static SingleOutputStreamOperator<IntervalEnergy> intervalEnergy(DataStream<AcceptedReading> accepted, Duration length,
                                                                            String name, OutputTag<AcceptedReading> late) {
        return accepted.keyBy(AcceptedReading::deviceId)
                .process(new RestatingIntervalEnergy(length, HOURLY_RESTATEMENT_WINDOW, late)).name(name).uid(name);
    }

    private static JdbcBatchSink<AcceptedReading> lateForHourSink(String jdbcUrl) {
        return new JdbcBatchSink<>(jdbcUrl, LateReadings.INSERT, (ps, r) -> LateReadings.bind(ps,
                new LateReadings.Late(r.deviceId(), r.sequence(), r.timestampMillis(), r.energyRegisterWh())));
    }

    /** Upserts interval figures into the table of {@code span}. */
    private static JdbcBatchSink<IntervalEnergy> intervalEnergySink(String jdbcUrl, EnergyIntervals.Span span) {
        return new JdbcBatchSink<>(jdbcUrl, EnergyIntervals.upsert(span), (ps, h) -> EnergyIntervals.bind(ps,
                new EnergyIntervals.Interval(h.deviceId(), h.startMillis(), h.readings(), h.firstTimestampMillis(), h.firstRegisterWh(),
                        h.lastTimestampMillis(), h.lastRegisterWh(), h.energyWh())));
    }

    private static JdbcBatchSink<QualityFlags.Flag> qualityFlagSink(String jdbcUrl) {
        return new JdbcBatchSink<>(jdbcUrl, QualityFlags.UPSERT, QualityFlags::bind);
    }

    private static JdbcBatchSink<RejectedReading> rejectSink(String jdbcUrl) {
        return new JdbcBatchSink<>(jdbcUrl, RejectedReadings.INSERT, (ps, r) -> RejectedReadings.bind(ps,
                new RejectedReadings.Rejection(Sha256.hash(r.envelope()), r.reason(), r.deviceId(), r.sequence(), r.keptDetail(),
                        r.keptEnvelope())));
    }
}
