package io.solarmrv.jobs.sink;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;

/**
 * Writes points to InfluxDB 1.x through influxdb-java: buffered, written as one batch when the
 * buffer fills, on every Flink checkpoint and at the end of input (so a completed checkpoint means
 * its points are stored). A failed write is retried; retries and replays are harmless because
 * points are deterministic ({@link InfluxPoints}).
 */
public final class InfluxSink<T> implements Sink<T> {
    /** Turns an element into its points. */
    @FunctionalInterface
    public interface PointMapper<T> extends Serializable {
        Point point(T element);
    }

    private static final int BATCH = 5_000;
    private static final int ATTEMPTS = 5;

    private final InfluxTarget target;
    private final PointMapper<T> mapper;

    public InfluxSink(InfluxTarget target, PointMapper<T> mapper) {
        this.target = target;
        this.mapper = mapper;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        InfluxDB influx = InfluxDBFactory.connect(target.url());
        try {
            influx.query(new Query("CREATE DATABASE \"" + target.database() + "\""));
        } catch (RuntimeException e) {
            influx.close();
            throw new IOException("InfluxDB at " + target.url() + " refused CREATE DATABASE " + target.database()
                    + ": " + e.getMessage(), e);
        }
        return new Writer<>(influx, target, mapper);
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final InfluxDB influx;
        private final InfluxTarget target;
        private final PointMapper<T> mapper;
        private final List<Point> buffer = new ArrayList<>();

        Writer(InfluxDB influx, InfluxTarget target, PointMapper<T> mapper) {
            this.influx = influx;
            this.target = target;
            this.mapper = mapper;
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            buffer.add(mapper.point(element));
            if (buffer.size() >= BATCH) {
                writeBuffer();
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            writeBuffer();
        }

        private void writeBuffer() throws IOException, InterruptedException {
            if (buffer.isEmpty()) {
                return;
            }
            BatchPoints batch = BatchPoints.database(target.database()).precision(TimeUnit.MILLISECONDS).build();
            buffer.forEach(batch::point);
            for (int attempt = 1; ; attempt++) {
                try {
                    influx.write(batch);
                    buffer.clear();
                    return;
                } catch (RuntimeException e) {
                    if (attempt == ATTEMPTS) {
                        throw new IOException("writing " + buffer.size() + " points to InfluxDB at " + target.url()
                                + " failed " + ATTEMPTS + " times: " + e.getMessage(), e);
                    }
                    Thread.sleep(200L << attempt);
                }
            }
        }

        @Override
        public void close() {
            influx.close();
        }
    }
}
