package io.solarmrv.jobs.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.SolarGeometry;
import io.solarmrv.simulators.CloudCover;
import io.solarmrv.simulators.PlaneOfArrayPvModel;
import java.io.StringReader;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The irradiance rules over a week of a simulated array in Tokyo (30 degrees south, 6.5 kW DC on a
 * 5 kW inverter, cloudiness 0.4) with its plane-of-array sensor: silent on the clean week, and each
 * kind of fault caught. No real series with an irradiance sensor and labels is at hand, so these
 * are the rules' only evidence so far (docs/QUALITY.md).
 */
class IrradianceRulesTest {
    private static final SolarGeometry TOKYO = new SolarGeometry(35.68, 139.77);
    private static final PlaneOfArrayPvModel ARRAY = new PlaneOfArrayPvModel(TOKYO, 30, 180, 6_500, 5_000,
            new CloudCover(7, 0.4), 18, 29, ZoneId.of("Asia/Tokyo"));
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 6, 1, 0, 0, 0, 0, ZoneOffset.ofHours(9));
    private static final int POINTS = 7 * 96;

    /** Power and irradiance of point i, as a fault may change them: {power, irradiance}. */
    private interface Fault extends BiFunction<Integer, double[], double[]> {
    }

    @Test
    void aCleanWeekTripsNothing() throws Exception {
        List<TreeSet<String>> flags = flag((i, point) -> point);
        assertEquals(0, count(flags, "irradiance_out_of_range"));
        assertEquals(0, count(flags, "power_above_irradiance"));
    }

    @Test
    void aMeterReadingHighACoveredSensorAndImpossibleIrradianceAreFlagged() throws Exception {
        int day2 = 2 * 96;
        int day4Noon = 4 * 96 + 44;
        List<TreeSet<String>> flags = flag((i, point) -> {
            if (i >= day2 && i < day2 + 96) {
                return new double[] {point[0] * 1.6, point[1]};        // day 2: a current transformer ratio set wrong
            }
            if (i >= day4Noon && i < day4Noon + 12) {
                return new double[] {point[0], 5};                     // day 4, 11:00-14:00: the sensor covered
            }
            if (i == 5 * 96 + 48) {
                return new double[] {point[0], 1_800};                 // day 5 noon: an impossible reading
            }
            if (i == 6 * 96 + 2) {
                return new double[] {point[0], 200};                   // day 6, 00:30: sun at night
            }
            return point;
        });
        long highDay2 = range(flags, day2, day2 + 96, "power_above_irradiance");
        long generatingDay2 = java.util.stream.IntStream.range(day2, day2 + 96)
                .filter(i -> ARRAY.powerW(START.plusMinutes(15L * i).toInstant()) > 250).count();
        System.out.printf("power_above_irradiance: %d of day 2's %d points above 5%% of nameplate%n", highDay2, generatingDay2);
        assertTrue(highDay2 >= generatingDay2 * 0.8, highDay2 + " of " + generatingDay2);
        assertEquals(12, range(flags, day4Noon, day4Noon + 12, "power_above_irradiance"), "every point while covered");
        assertEquals(List.of(5 * 96 + 48, 6 * 96 + 2), java.util.stream.IntStream.range(0, POINTS)
                .filter(i -> flags.get(i).contains("irradiance_out_of_range")).boxed().toList());
        assertEquals(highDay2 + 12, count(flags, "power_above_irradiance"), "and nothing else");
    }

    private static List<TreeSet<String>> flag(Fault fault) throws Exception {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");
        StringBuilder csv = new StringBuilder("measured_on,ac_power,poa\n");
        for (int i = 0; i < POINTS; i++) {
            OffsetDateTime at = START.plusMinutes(15L * i);
            double[] point = fault.apply(i, new double[] {ARRAY.powerW(at.toInstant()), ARRAY.planeOfArrayIrradiance(at.toInstant())});
            csv.append(at.format(format)).append(',').append(Math.round(point[0])).append(',').append(Math.round(point[1])).append('\n');
        }
        return QualityCsv.read(new StringReader(csv.toString()), "ac_power", null, "poa")
                .flags(Duration.ofMinutes(15), 5_000, TOKYO, QualityThresholds.defaults());
    }

    private static long count(List<TreeSet<String>> flags, String rule) {
        return flags.stream().filter(f -> f.contains(rule)).count();
    }

    private static long range(List<TreeSet<String>> flags, int from, int to, String rule) {
        return flags.subList(from, to).stream().filter(f -> f.contains(rule)).count();
    }
}
