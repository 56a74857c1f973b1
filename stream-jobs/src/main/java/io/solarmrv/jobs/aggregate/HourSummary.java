package io.solarmrv.jobs.aggregate;

import io.solarmrv.jobs.AcceptedReading;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * First and last reading (by timestamp) and count of one device in one interval. (Named for the
 * hours it first summed; the accumulator's class name is in the hourly state of earlier checkpoints.)
 */
public final class HourSummary implements AggregateFunction<AcceptedReading, HourSummary.Accumulator, HourSummary.Accumulator> {

    /** Mutable accumulator (a Flink POJO). */
    public static final class Accumulator {
        public int readings;
        public long firstTimestampMillis = Long.MAX_VALUE;
        public long firstRegisterWh;
        public long lastTimestampMillis = Long.MIN_VALUE;
        public long lastRegisterWh;
    }

    @Override
    public Accumulator createAccumulator() {
        return new Accumulator();
    }

    @Override
    public Accumulator add(AcceptedReading reading, Accumulator acc) {
        acc.readings++;
        if (reading.timestampMillis() < acc.firstTimestampMillis) {
            acc.firstTimestampMillis = reading.timestampMillis();
            acc.firstRegisterWh = reading.energyRegisterWh();
        }
        if (reading.timestampMillis() >= acc.lastTimestampMillis) {
            acc.lastTimestampMillis = reading.timestampMillis();
            acc.lastRegisterWh = reading.energyRegisterWh();
        }
        return acc;
    }

    @Override
    public Accumulator getResult(Accumulator acc) {
        return acc;
    }

    @Override
    public Accumulator merge(Accumulator a, Accumulator b) {
        Accumulator merged = new Accumulator();
        merged.readings = a.readings + b.readings;
        Accumulator first = a.firstTimestampMillis <= b.firstTimestampMillis ? a : b;
        Accumulator last = a.lastTimestampMillis >= b.lastTimestampMillis ? a : b;
        merged.firstTimestampMillis = first.firstTimestampMillis;
        merged.firstRegisterWh = first.firstRegisterWh;
        merged.lastTimestampMillis = last.lastTimestampMillis;
        merged.lastRegisterWh = last.lastRegisterWh;
        return merged;
    }
}
