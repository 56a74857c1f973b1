package io.solarmrv.jobs.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Each rule scored against the labelled real series (docs/QUALITY.md reports the same figures).
 * The floors are set just under what the rules achieve today, so a change that makes a rule worse
 * fails here.
 */
class QualityRulesTest {
    private static QualityRules.Thresholds defaults = QualityRules.Thresholds.defaults();

    static QualityCsv.Score score(String file, String label, String rule) throws IOException {
        try (var in = QualityRulesTest.class.getResourceAsStream("/pv/" + file)) {
            QualityCsv csv = QualityCsv.read(new InputStreamReader(in, StandardCharsets.UTF_8), "value_normalized");
            QualityCsv.Score score = csv.score(csv.flags(Duration.ofMinutes(15), 1.0, defaults), rule, label);
            System.out.println(file + ": " + score);
            return score;
        }
    }

    @Test
    void staleValues() throws IOException {
        QualityCsv.Score s = score("ac_power_inv_2173_stale_data.csv", "stale_data_mask", "stale");
        assertTrue(s.precision() >= FLOOR_STALE_PRECISION && s.recall() >= FLOOR_STALE_RECALL, s.toString());
    }

    @Test
    void interpolatedValues() throws IOException {
        QualityCsv.Score s = score("ac_power_inv_2173_interpolated_data.csv", "interpolated_data_mask", "interpolated");
        assertTrue(s.precision() >= FLOOR_INTERPOLATED_PRECISION && s.recall() >= FLOOR_INTERPOLATED_RECALL, s.toString());
    }

    @Test
    void spikes() throws IOException {
        QualityCsv.Score s = score("ac_power_inv_7539_outliers.csv", "outlier", "spike");
        assertTrue(s.precision() >= FLOOR_SPIKE_PRECISION && s.recall() >= FLOOR_SPIKE_RECALL, s.toString());
    }

    @Test
    void clipping() throws IOException {
        QualityCsv.Score s = score("ac_power_inv_7539.csv", "label", "clipping");
        assertTrue(s.precision() >= FLOOR_CLIPPING_PRECISION && s.recall() >= FLOOR_CLIPPING_RECALL, s.toString());
    }

    @Test
    void theOutputIsTheInputWithAFlagsColumn() throws IOException {
        String input = "measured_on,ac_power\n"
                + "2016-07-01 10:00:00-07:00,3000\n2016-07-01 10:15:00-07:00,3000\n2016-07-01 10:30:00-07:00,3000\n"
                + "2016-07-01 11:15:00-07:00,9000\n";
        QualityCsv csv = QualityCsv.read(new StringReader(input), null);
        List<TreeSet<String>> flags = csv.flags(Duration.ofMinutes(15), 5_000, defaults);
        StringWriter out = new StringWriter();
        csv.write(out, flags);
        String[] lines = out.toString().split("\n");
        assertEquals("measured_on,ac_power,flags", lines[0]);
        assertEquals("2016-07-01 10:00:00-07:00,3000,stale", lines[1]);
        assertEquals("2016-07-01 11:15:00-07:00,9000,after_gap;out_of_range;spike", lines[4]);
    }

    @Test
    void aRepeatedPowerValueIsStaleOnlyWhenTheRegisterStoodStillToo() {
        double[] power = {4_000, 5_000, 5_000, 5_000, 5_000, 6_000};
        double[] frozen = {100, 180, 180, 180, 180, 280};
        double[] live = {100, 180, 263, 346, 429, 529};
        int[] day = new int[power.length];
        var defaults = QualityRules.Thresholds.defaults();
        List<TreeSet<String>> withoutRegister = QualityRules.flag(power, day, 10_000, defaults);
        List<TreeSet<String>> frozenMeter = QualityRules.flag(power, frozen, day, 10_000, defaults);
        List<TreeSet<String>> coarseMeter = QualityRules.flag(power, live, day, 10_000, defaults);
        for (int i = 1; i <= 4; i++) {
            assertTrue(withoutRegister.get(i).contains("stale"), "power alone: " + i);
            assertTrue(frozenMeter.get(i).contains("stale"), "register frozen too: " + i);
            assertFalse(coarseMeter.get(i).contains("stale"), "register moving: a coarse meter, not a frozen one: " + i);
        }
    }

    // Measured 2026-11-23 (docs/QUALITY.md): stale 1.000/1.000, interpolated 1.000/0.509,
    // spike 0.313/0.833, clipping 0.796/1.000 (precision/recall).
    static final double FLOOR_STALE_PRECISION = 0.99;
    static final double FLOOR_STALE_RECALL = 0.99;
    static final double FLOOR_INTERPOLATED_PRECISION = 0.95;
    static final double FLOOR_INTERPOLATED_RECALL = 0.45;
    static final double FLOOR_SPIKE_PRECISION = 0.25;
    static final double FLOOR_SPIKE_RECALL = 0.80;
    static final double FLOOR_CLIPPING_PRECISION = 0.75;
    static final double FLOOR_CLIPPING_RECALL = 0.95;
}
