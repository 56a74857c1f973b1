package io.solarmrv.jobs.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.RejectedReading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/** {@link ChainCheck} in a real (local) Flink job: held readings are not lost when a bounded input ends. */
class ChainCheckJobTest {

    @Test
    void readingsStillHeldWhenTheInputEndsAreReleasedInOrderWithTheGapCounted() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        OutputTag<RejectedReading> rejects = new OutputTag<>("rejects") { };
        List<AcceptedReading> input = List.of(DeviceChainTest.reading(0, "main"), DeviceChainTest.reading(3, "main"),
                DeviceChainTest.reading(2, "main"), DeviceChainTest.reading(3, "main"));
        SingleOutputStreamOperator<AcceptedReading> checked = env.fromData(input)
                .keyBy(AcceptedReading::deviceId)
                .process(new ChainCheck(rejects, Duration.ofHours(1), 100));
        checked.getSideOutput(rejects).map(r -> r.sequence() + ":" + r.reason()).print();
        List<Long> accepted = new ArrayList<>();
        try (CloseableIterator<AcceptedReading> out = checked.executeAndCollect()) {
            out.forEachRemaining(r -> accepted.add(r.sequence()));
        }
        assertEquals(List.of(0L, 2L, 3L), accepted);
    }
}
