package io.solarmrv.jobs.quality;

import io.solarmrv.jobs.quality.QualityCsv;
import io.solarmrv.jobs.quality.QualityThresholds;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mrv qc}: the pipeline's quality rules over a CSV of timestamped power and/or energy register. */
@Command(name = "qc", mixinStandardHelpOptions = true,
        description = {"Flags a CSV of timestamped AC power (and optionally a cumulative energy register) with the pipeline's",
            "quality rules and writes it back with a 'flags' column (rule names joined by ';'): out_of_range, stale,",
            "interpolated, spike, clipping, after_gap; night_generation with --lat/--lon; register_decrease, register_jump and",
            "register_power_mismatch with --energy-column.",
            "With --score LABEL=RULE it prints the rule's precision and recall against a boolean label column."})
public final class QcCommand implements Callable<Integer> {
    /** Starts this command alone, without the launcher: its options, its exit status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new QcCommand()).execute(args));
    }

    @Option(names = "--input", required = true, description = "CSV: timestamp (yyyy-MM-dd HH:mm:ss+hh:mm) first, then columns")
    Path input;

    @Option(names = "--power-column", description = "Name of the power column (default: the second column)")
    String powerColumn;

    @Option(names = "--interval", defaultValue = "15m", description = "Sampling interval, e.g. 1m, 15m, 1h (default: ${DEFAULT-VALUE})")
    String interval;

    @Option(names = "--nameplate-w", required = true, description = "AC nameplate in the series' unit (1 for normalised series)")
    double nameplateW;

    @Option(names = "--energy-column", description = "Name of a cumulative energy register column (Wh, or the power unit x h)")
    String energyColumn;

    @Option(names = "--irradiance-column", description = "Name of a plane-of-array irradiance column (W/m2): the irradiance rules")
    String irradianceColumn;

    @Option(names = "--lat", description = "Site latitude, degrees north (with --lon: the night_generation rule)")
    Double latitude;

    @Option(names = "--lon", description = "Site longitude, degrees east")
    Double longitude;

    @Option(names = "--threshold", description = "A project threshold as name=value (repeatable), e.g. stale-run=4; names in docs/QUALITY.md")
    java.util.Map<String, String> thresholdChanges = new java.util.LinkedHashMap<>();

    @Option(names = "--output", description = "Where to write the flagged CSV (default: standard output)")
    Path output;

    @Option(names = "--score", description = "LABEL_COLUMN=RULE: print precision and recall of RULE against LABEL_COLUMN")
    List<String> scores = List.of();

    @Override
    public Integer call() throws IOException {
        Duration step;
        try {
            step = parseInterval(interval);
        } catch (IllegalArgumentException e) {
            System.err.println("--interval: " + e.getMessage());
            return 2;
        }
        if (!(nameplateW > 0)) {
            System.err.println("--nameplate-w must be above 0");
            return 2;
        }
        if ((latitude == null) != (longitude == null)) {
            System.err.println("--lat and --lon go together: give both or neither");
            return 2;
        }
        io.solarmrv.attestation.SolarGeometry site;
        try {
            site = latitude == null ? null : new io.solarmrv.attestation.SolarGeometry(latitude, longitude);
        } catch (IllegalArgumentException e) {
            System.err.println("--lat/--lon: " + e.getMessage());
            return 2;
        }
        QualityThresholds thresholds;
        try {
            thresholds = QualityThresholds.defaults().with(thresholdChanges);
        } catch (IllegalArgumentException e) {
            System.err.println("--threshold: " + e.getMessage());
            return 2;
        }
        QualityCsv csv;
        try {
            csv = QualityCsv.read(Files.newBufferedReader(input, StandardCharsets.UTF_8), powerColumn, energyColumn,
                    irradianceColumn);
        } catch (IOException e) {
            System.err.println(input + ": " + e.getMessage());
            return 2;
        }
        List<TreeSet<String>> flags = csv.flags(step, nameplateW, site, thresholds);
        if (output != null) {
            try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                csv.write(out, flags);
            }
        } else if (scores.isEmpty()) {
            Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
            csv.write(out, flags);
            out.flush();
        }
        for (String score : scores) {
            String[] labelAndRule = score.split("=", 2);
            if (labelAndRule.length != 2) {
                System.err.println("--score must be LABEL_COLUMN=RULE, got '" + score + "'");
                return 2;
            }
            System.out.println(csv.score(flags, labelAndRule[1], labelAndRule[0]));
        }
        return 0;
    }

    static Duration parseInterval(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.parse(text);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an interval such as 1m, 15m or 1h");
        }
    }
}
