package io.solarmrv.jobs.quality;

import io.solarmrv.attestation.SolarGeometry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * {@code mrv qc} over a CSV: the first column is the timestamp ({@code yyyy-MM-dd HH:mm:ss+hh:mm}),
 * the power column is chosen by name (default: the second column), an optional column holds the
 * cumulative energy register (Wh, or the power unit x hours) and another the plane-of-array
 * irradiance (W/m2) from a sensor at the array; the output is the input with a
 * {@code flags} column (rule names joined by {@code ;}). A point more than 1.5 intervals after the
 * previous one also gets {@code after_gap}.
 */
public final class QualityCsv {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    private final String header;
    private final List<String> lines;
    private final String[] columns;
    private final double[] power;
    private final double[] register;
    private final double[] irradiance;
    private final int[] day;
    private final long[] epochSeconds;

    private QualityCsv(String header, List<String> lines, String[] columns, double[] power, double[] register,
                       double[] irradiance, int[] day, long[] epochSeconds) {
        this.header = header;
        this.lines = lines;
        this.columns = columns;
        this.power = power;
        this.register = register;
        this.irradiance = irradiance;
        this.day = day;
        this.epochSeconds = epochSeconds;
    }

    /** Reads a power series; throws naming the line and what was wrong. */
    public static QualityCsv read(Reader input, String powerColumn) throws IOException {
        return read(input, powerColumn, null);
    }

    /**
     * Reads the series, with the energy register from {@code energyColumn} if not null; throws
     * naming the line and what was wrong.
     */
    public static QualityCsv read(Reader input, String powerColumn, String energyColumn) throws IOException {
        return read(input, powerColumn, energyColumn, null);
    }

    /**
     * Reads the series, with the energy register and the plane-of-array irradiance from the named
     * columns where not null; throws naming the line and what was wrong.
     */
    public static QualityCsv read(Reader input, String powerColumn, String energyColumn, String irradianceColumn)
            throws IOException {
        BufferedReader reader = new BufferedReader(input);
        String header = reader.readLine();
        if (header == null) {
            throw new IOException("the CSV is empty");
        }
        String[] columns = header.split(",");
        int powerIndex = powerColumn == null ? 1 : Arrays.asList(columns).indexOf(powerColumn);
        if (powerIndex < 1 || powerIndex >= columns.length) {
            throw new IOException("power column '" + powerColumn + "' is not in the header " + Arrays.toString(columns));
        }
        int energyIndex = energyColumn == null ? -1 : Arrays.asList(columns).indexOf(energyColumn);
        if (energyColumn != null && energyIndex < 1) {
            throw new IOException("energy column '" + energyColumn + "' is not in the header " + Arrays.toString(columns));
        }
        int irradianceIndex = irradianceColumn == null ? -1 : Arrays.asList(columns).indexOf(irradianceColumn);
        if (irradianceColumn != null && irradianceIndex < 1) {
            throw new IOException("irradiance column '" + irradianceColumn + "' is not in the header " + Arrays.toString(columns));
        }
        List<String> lines = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        int lineNumber = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            try {
                OffsetDateTime time = OffsetDateTime.parse(fields[0].strip(), TIMESTAMP);
                String raw = fields[powerIndex].strip();
                double watts = raw.isEmpty() ? Double.NaN : Double.parseDouble(raw);
                String rawEnergy = energyIndex < 0 ? "" : fields[energyIndex].strip();
                double energy = rawEnergy.isEmpty() ? Double.NaN : Double.parseDouble(rawEnergy);
                String rawIrradiance = irradianceIndex < 0 ? "" : fields[irradianceIndex].strip();
                double sun = rawIrradiance.isEmpty() ? Double.NaN : Double.parseDouble(rawIrradiance);
                values.add(new double[] {time.toEpochSecond(), time.toLocalDate().toEpochDay(), watts, energy, sun});
                lines.add(line);
            } catch (DateTimeParseException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException("line " + lineNumber + ": expected '<yyyy-MM-dd HH:mm:ss+hh:mm>,...' with a number in column "
                        + (powerIndex + 1) + (energyIndex < 0 ? "" : " and column " + (energyIndex + 1))
                        + (irradianceIndex < 0 ? "" : " and column " + (irradianceIndex + 1)) + ", got '" + line + "'");
            }
        }
        double[] power = new double[values.size()];
        double[] register = energyIndex < 0 ? null : new double[values.size()];
        double[] irradiance = irradianceIndex < 0 ? null : new double[values.size()];
        int[] day = new int[values.size()];
        long[] seconds = new long[values.size()];
        for (int i = 0; i < power.length; i++) {
            seconds[i] = (long) values.get(i)[0];
            day[i] = (int) values.get(i)[1];
            power[i] = values.get(i)[2];
            if (register != null) {
                register[i] = values.get(i)[3];
            }
            if (irradiance != null) {
                irradiance[i] = values.get(i)[4];
            }
        }
        return new QualityCsv(header, lines, columns, power, register, irradiance, day, seconds);
    }

    public List<TreeSet<String>> flags(Duration interval, double nameplateW, QualityThresholds thresholds) {
        return flags(interval, nameplateW, null, thresholds);
    }

    /** All rules; the night rule needs the {@code site} (null: skipped). */
    public List<TreeSet<String>> flags(Duration interval, double nameplateW, SolarGeometry site,
                                      QualityThresholds thresholds) {
        long[] epochMillis = Arrays.stream(epochSeconds).map(s -> s * 1000).toArray();
        List<TreeSet<String>> flags = QualityRules.flag(power, register, epochMillis, day, nameplateW, site, thresholds);
        QualityRules.incompleteDays(epochMillis, day, interval.toMillis(), thresholds, flags);
        QualityRules.afterGaps(epochMillis, Long.MIN_VALUE, interval.toMillis(), flags);
        if (register != null) {
            QualityRules.registerJumps(register, epochMillis, nameplateW, thresholds, null, flags);
        }
        if (irradiance != null) {
            QualityRules.irradiance(power, irradiance, epochMillis, site, nameplateW, thresholds, flags);
        }
        return flags;
    }

    public void write(Writer out, List<TreeSet<String>> flags) throws IOException {
        out.write(header + ",flags\n");
        for (int i = 0; i < lines.size(); i++) {
            out.write(lines.get(i) + "," + String.join(";", flags.get(i)) + "\n");
        }
    }

    /** Precision and recall of one rule against a boolean label column. */
    public record Score(String rule, String label, int truePositives, int falsePositives, int falseNegatives) {
        public double precision() {
            return truePositives + falsePositives == 0 ? Double.NaN : (double) truePositives / (truePositives + falsePositives);
        }

        public double recall() {
            return truePositives + falseNegatives == 0 ? Double.NaN : (double) truePositives / (truePositives + falseNegatives);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-13s vs %-22s TP %4d  FP %4d  FN %4d  precision %.3f  recall %.3f",
                    rule, label, truePositives, falsePositives, falseNegatives, precision(), recall());
        }
    }

    public Score score(List<TreeSet<String>> flags, String rule, String labelColumn) throws IOException {
        int labelIndex = Arrays.asList(columns).indexOf(labelColumn);
        if (labelIndex < 0) {
            throw new IOException("label column '" + labelColumn + "' is not in the header " + Arrays.toString(columns));
        }
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < lines.size(); i++) {
            boolean labelled = lines.get(i).split(",", -1)[labelIndex].strip().equalsIgnoreCase("true");
            boolean flagged = flags.get(i).contains(rule);
            if (flagged && labelled) {
                tp++;
            } else if (flagged) {
                fp++;
            } else if (labelled) {
                fn++;
            }
        }
        return new Score(rule, labelColumn, tp, fp, fn);
    }
}
