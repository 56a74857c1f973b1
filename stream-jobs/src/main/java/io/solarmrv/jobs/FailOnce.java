package io.solarmrv.jobs;

import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * A failure drill: passes messages through, and in the job's first attempt only, throws after the
 * given number of them, so Flink restarts the job from its last checkpoint. Used by the failure-path
 * tests to prove the figures come out the same; off (not in the graph) in normal runs.
 */
public final class FailOnce extends RichMapFunction<byte[], byte[]> {
    private final long afterMessages;
    private long seen;

    public FailOnce(long afterMessages) {
        this.afterMessages = afterMessages;
    }

    @Override
    public byte[] map(byte[] message) {
        if (++seen == afterMessages && getRuntimeContext().getTaskInfo().getAttemptNumber() == 0) {
            throw new IllegalStateException("failure drill: the job fails once after " + afterMessages + " messages");
        }
        return message;
    }
}
