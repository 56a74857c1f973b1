package io.solarmrv.jobs.verify;

import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.RejectReason;
import io.solarmrv.jobs.RejectedReading;
import java.security.MessageDigest;
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
        if (last != null && seq == last) {
            reject(ctx, reading, RejectReason.DUPLICATE, "sequence " + seq + " was already accepted");
            return;
        }
        if (last != null && seq < last) {
            reject(ctx, reading, RejectReason.OUT_OF_ORDER, "sequence " + seq + " arrived after " + last);
            return;
        }
        boolean next = last == null ? seq == 0 : seq == last + 1;
        if (next && last != null && !MessageDigest.isEqual(reading.previousHash(), lastHash.value())) {
            reject(ctx, reading, RejectReason.CHAIN_FORK, "sequence " + seq + " does not link to the hash of " + last);
            return;
        }
        if (!next) {
            gaps.inc();
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
