package io.solarmrv.jobs;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Tests' watermarks: the newest time seen, emitted after every reading, so which hours and days
 * have closed depends on the input's order and not on timing.
 */
public final class WatermarkAfterEveryReading implements WatermarkGenerator<AcceptedReading> {
    private long newest = Long.MIN_VALUE;

    @Override
    public void onEvent(AcceptedReading reading, long timestamp, WatermarkOutput output) {
        newest = Math.max(newest, timestamp);
        output.emitWatermark(new Watermark(newest));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
    }
}
