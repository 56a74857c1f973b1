package io.solarmrv.jobs.verify;

import io.solarmrv.attestation.ChainFault;
import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.RejectReason;
import io.solarmrv.jobs.RejectedReading;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per device (keyed by device id): keeps the last accepted sequence number and reading hash, drops
 * duplicates of (device, seq) so redelivery never counts twice, and rejects a reading whose
 * previous-hash does not link to the last one. A gap (sequence jumps by more than one) is
 * accepted and counted: the missing readings are lost evidence, but the register-based energy
 * across the gap stays correct.
 */
public final class ChainCheck extends KeyedProcessFunction<String, AcceptedReading, AcceptedReading> {
    private final OutputTag<RejectedReading> rejects;
    private transient ValueState<Long> lastSequence;
    private transient ValueState<byte[]> lastHash;
    private transient Counter rejected;
    private transient Counter gaps;

    public ChainCheck(OutputTag<RejectedReading> rejects) {
        this.rejects = rejects;
    }

    @Override
    public void open(OpenContext context) {
        lastSequence = getRuntimeContext().getState(new ValueStateDescriptor<>("last-sequence", Long.class));
        lastHash = getRuntimeContext().getState(new ValueStateDescriptor<>("last-hash", byte[].class));
        rejected = getRuntimeContext().getMetricGroup().counter("readingsRejectedAtChain");
        gaps = getRuntimeContext().getMetricGroup().counter("chainGaps");
    }

    @Override
    public void processElement(AcceptedReading reading, Context ctx, Collector<AcceptedReading> out) throws Exception {
        Long last = lastSequence.value();
        long seq = reading.sequence();
        // The device's first reading here opens its chain; later ones follow the shared chain rule.
        Optional<ChainFault> fault = last == null
                ? (seq == 0 ? Optional.empty() : Optional.of(ChainFault.GAP))
                : ChainFault.between(last, lastHash.value(), seq, reading.previousHash());
        if (fault.isPresent()) {
            switch (fault.get()) {
                case REPLAY -> {
                    reject(ctx, reading, RejectReason.DUPLICATE, "sequence " + seq + " was already accepted");
                    return;
                }
                case REORDER -> {
                    reject(ctx, reading, RejectReason.OUT_OF_ORDER, "sequence " + seq + " arrived after " + last);
                    return;
                }
                case FORK -> {
                    reject(ctx, reading, RejectReason.CHAIN_FORK, "sequence " + seq + " does not link to the hash of " + last);
                    return;
                }
                case GAP -> gaps.inc();
            }
        }
        lastSequence.update(seq);
        lastHash.update(reading.readingHash());
        out.collect(reading);
    }

    private void reject(Context ctx, AcceptedReading reading, RejectReason reason, String detail) {
        rejected.inc();
        ctx.output(rejects, new RejectedReading(reading.deviceId(), reading.sequence(), reason.name(),
                reading.deviceId() + ": " + detail, reading.envelope()));
    }
}
