package io.solarmrv.jobs.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.IntervalEnergy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The InfluxDB sink in a real Flink job against a real influxd (Debian's influxdb package). */
class InfluxSinkTest {
    private static final long T0 = 1_782_864_000_000L;

    @Test
    void aJobRunTwiceOverTheSameResultsLeavesEachPointOnce(@TempDir Path dir) throws Exception {
        List<AcceptedReading> readings = new ArrayList<>();
        List<IntervalEnergy> hours = new ArrayList<>();
        long expectedPowerSum = 0;
        for (int d = 0; d < 5; d++) {
            for (int i = 0; i < 240; i++) {
                long power = 1_000L * d + i;
                readings.add(new AcceptedReading("dev-" + d, i, T0 + i * 60_000L, 50_000L + i * 20, power,
                        new byte[32], new byte[32], new byte[] {1}));
                expectedPowerSum += power;
            }
            for (int h = 0; h < 4; h++) {
                hours.add(new IntervalEnergy("dev-" + d, T0 + h * 3_600_000L, 3_600_000L, 60, 0, 0, 0, 0, 1_200));
            }
        }
        try (InfluxServer server = InfluxServer.start(dir)) {
            InfluxTarget target = new InfluxTarget(server.url(), "mrv_test");
            for (int run = 0; run < 2; run++) { // the second run is a replay: same points, same keys
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
                env.setParallelism(2);
                env.fromData(readings).sinkTo(new InfluxSink<>(target, InfluxPoints::reading));
                env.fromData(hours).sinkTo(new InfluxSink<>(target, h -> InfluxPoints.interval("hourly_energy", h)));
                env.execute("influx sink run " + run);
            }
            try (InfluxDB influx = InfluxDBFactory.connect(server.url())) {
                assertEquals(1_200, single(influx, "SELECT count(power_w) FROM readings"), "one point per reading");
                assertEquals(expectedPowerSum, single(influx, "SELECT sum(power_w) FROM readings"));
                assertEquals(20, single(influx, "SELECT count(energy_wh) FROM hourly_energy"));
                assertEquals(240, single(influx, "SELECT count(power_w) FROM readings WHERE device = 'dev-3'"));
            }
        }
    }

    private static long single(InfluxDB influx, String query) {
        QueryResult result = influx.query(new Query(query, "mrv_test"));
        if (result.hasError() || result.getResults().get(0).getSeries() == null) {
            throw new AssertionError(query + ": " + result);
        }
        return ((Number) result.getResults().get(0).getSeries().get(0).getValues().get(0).get(1)).longValue();
    }
}
