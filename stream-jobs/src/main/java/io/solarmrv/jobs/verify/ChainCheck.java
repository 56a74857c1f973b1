package io.solarmrv.jobs.verify;

import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.RejectedReading;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per device (keyed by device id), the chain rule of {@link DeviceChain}: readings leave in sequence
 * order, each linked to the one before; a duplicate of (device, seq) is dropped as
 * {@code DUPLICATE}, so redelivery never counts twice; a reading that does not link is rejected as
 * {@code CHAIN_FORK}. A reading that arrives ahead of a gap is held (in keyed state, so a restart
 * keeps it) until the gap fills, until {@link #DEFAULT_HOLD} of processing time has passed since
 * the device started holding, until more than {@link #DEFAULT_MAX_HELD} are held, or until the
 * input ends; then the gap is accepted and counted: the missing readings are lost evidence, but the
 * register-based energy across the gap stays correct.
 */
public final class ChainCheck extends KeyedProcessFunction<String, AcceptedReading, AcceptedReading> {
    /** How long a device's readings wait for the ones missing before them. */
    public static final Duration DEFAULT_HOLD = Duration.ofMinutes(5);
    /** The most readings one device may have waiting. */
    public static final int DEFAULT_MAX_HELD = 10_000;
    private static final long END_OF_INPUT = Long.MAX_VALUE;

    private final OutputTag<RejectedReading> rejects;
    private final Duration hold;
    private final int maxHeld;
    private transient ValueState<Long> lastSequence;
    private transient ValueState<byte[]> lastHash;
    private transient MapState<Long, AcceptedReading> held;
    private transient ValueState<Long> releaseAt;
    private transient Counter rejected;
    private transient Counter gaps;
    private transient Counter heldCount;

    public ChainCheck(OutputTag<RejectedReading> rejects) {
        this(rejects, DEFAULT_HOLD, DEFAULT_MAX_HELD);
    }

    public ChainCheck(OutputTag<RejectedReading> rejects, Duration hold, int maxHeld) {
        if (hold.isNegative() || maxHeld < 0) {
            throw new IllegalArgumentException("chain check: hold " + hold + " and max held " + maxHeld + " must not be negative");
        }
        this.rejects = rejects;
        this.hold = hold;
        this.maxHeld = maxHeld;
    }

    @Override
    public void open(OpenContext context) {
        lastSequence = getRuntimeContext().getState(new ValueStateDescriptor<>("last-sequence", Long.class));
        lastHash = getRuntimeContext().getState(new ValueStateDescriptor<>("last-hash", byte[].class));
        held = getRuntimeContext().getMapState(new MapStateDescriptor<>("held-ahead-of-gap", TypeInformation.of(Long.class),
                TypeInformation.of(AcceptedReading.class)));
        releaseAt = getRuntimeContext().getState(new ValueStateDescriptor<>("release-held-at", Long.class));
        rejected = getRuntimeContext().getMetricGroup().counter("readingsRejectedAtChain");
        gaps = getRuntimeContext().getMetricGroup().counter("chainGaps");
        heldCount = getRuntimeContext().getMetricGroup().counter("readingsHeldForOrder");
    }

    @Override
    public void processElement(AcceptedReading reading, Context ctx, Collector<AcceptedReading> out) throws Exception {
        DeviceChain chain = load();
        boolean wasHolding = !chain.held().isEmpty();
        List<DeviceChain.Outcome> outcomes = chain.offer(reading, maxHeld);
        emit(outcomes, ctx, out);
        save(chain, wasHolding);
        if (outcomes.stream().noneMatch(o -> o.reading() == reading)) {
            heldCount.inc(); // waiting for the readings before it
        }
        scheduleRelease(chain, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AcceptedReading> out) throws Exception {
        DeviceChain chain = load();
        if (chain.held().isEmpty()) {
            return;
        }
        emit(chain.releaseAll(), ctx, out);
        save(chain, true);
        scheduleRelease(chain, ctx);
    }

    /** One processing-time release per holding spell, and the end of input (the final watermark) releases all. */
    private void scheduleRelease(DeviceChain chain, Context ctx) throws Exception {
        Long pending = releaseAt.value();
        if (chain.held().isEmpty()) {
            if (pending != null) {
                ctx.timerService().deleteProcessingTimeTimer(pending);
                ctx.timerService().deleteEventTimeTimer(END_OF_INPUT);
                releaseAt.clear();
            }
        } else if (pending == null) {
            long at = ctx.timerService().currentProcessingTime() + hold.toMillis();
            ctx.timerService().registerProcessingTimeTimer(at);
            ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
            releaseAt.update(at);
        }
    }

    private DeviceChain load() throws Exception {
        TreeMap<Long, AcceptedReading> waiting = new TreeMap<>();
        if (releaseAt.value() != null) { // the map is read only while the device is holding
            for (Map.Entry<Long, AcceptedReading> e : held.entries()) {
                waiting.put(e.getKey(), e.getValue());
            }
        }
        return new DeviceChain(lastSequence.value(), lastHash.value(), waiting);
    }

    private void save(DeviceChain chain, boolean wasHolding) throws Exception {
        lastSequence.update(chain.lastSequence());
        lastHash.update(chain.lastHash());
        if (wasHolding || !chain.held().isEmpty()) {
            held.clear();
            held.putAll(chain.held());
        }
    }

    private void emit(List<DeviceChain.Outcome> outcomes, Context ctx, Collector<AcceptedReading> out) {
        for (DeviceChain.Outcome outcome : outcomes) {
            if (outcome instanceof DeviceChain.Accepted accepted) {
                if (accepted.afterGap()) {
                    gaps.inc();
                }
                out.collect(accepted.reading());
            } else if (outcome instanceof DeviceChain.Rejected r) {
                rejected.inc();
                ctx.output(rejects, new RejectedReading(r.reading().deviceId(), r.reading().sequence(), r.reason().name(),
                        r.detail(), r.reading().envelope()));
            }
        }
    }
}
