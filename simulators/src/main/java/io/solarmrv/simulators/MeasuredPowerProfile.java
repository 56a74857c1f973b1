package io.solarmrv.simulators;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A measured AC power series (e.g. NREL PVDAQ) replayed as a generator: power between samples is
 * interpolated linearly, negative values (night tare) count as 0, and outside the series the power
 * is 0. The series can be shifted so that its first sample falls on any instant (replaying a real
 * day on a simulated date).
 */
public final class MeasuredPowerProfile implements PowerProfile {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    private final long[] millis;
    private final double[] watts;
    private final long nameplateW;
    private final long shiftMillis;

    private MeasuredPowerProfile(long[] millis, double[] watts, long nameplateW, long shiftMillis) {
        this.millis = millis;
        this.watts = watts;
        this.nameplateW = nameplateW;
        this.shiftMillis = shiftMillis;
    }

    /**
     * Reads a CSV with a header and rows {@code <timestamp with offset>,<power W>}, as the PVDAQ files
     * in src/main/resources/pv are; throws naming the line that is wrong.
     */
    public static MeasuredPowerProfile fromCsv(Reader csv, long nameplateW) throws IOException {
        List<long[]> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        BufferedReader lines = new BufferedReader(csv);
        String header = lines.readLine();
        if (header == null) {
            throw new IOException("power series is empty");
        }
        int lineNumber = 1;
        long previous = Long.MIN_VALUE;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",");
            try {
                long time = OffsetDateTime.parse(fields[0].strip(), TIMESTAMP).toInstant().toEpochMilli();
                if (time <= previous) {
                    throw new IOException("line " + lineNumber + ": timestamps must increase");
                }
                previous = time;
                times.add(new long[] {time});
                values.add(fields.length > 1 && !fields[1].isBlank() ? Double.parseDouble(fields[1].strip()) : Double.NaN);
            } catch (DateTimeParseException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException("line " + lineNumber + ": expected '<yyyy-MM-dd HH:mm:ss+hh:mm>,<watts>', got '" + line + "'");
            }
        }
        if (times.size() < 2) {
            throw new IOException("a power series needs at least two samples");
        }
        long[] millis = new long[times.size()];
        double[] watts = new double[times.size()];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = times.get(i)[0];
            watts[i] = Double.isNaN(values.get(i)) ? 0 : Math.max(0, values.get(i));
        }
        return new MeasuredPowerProfile(millis, watts, nameplateW, 0);
    }

    /** The same series shifted so that its first sample falls on {@code start}. */
    public MeasuredPowerProfile startingAt(Instant start) {
        return new MeasuredPowerProfile(millis, watts, nameplateW, start.toEpochMilli() - millis[0]);
    }

    public Instant firstSample() {
        return Instant.ofEpochMilli(millis[0] + shiftMillis);
    }

    public Duration span() {
        return Duration.ofMillis(millis[millis.length - 1] - millis[0]);
    }

    @Override
    public double powerW(Instant instant) {
        long t = instant.toEpochMilli() - shiftMillis;
        if (t < millis[0] || t > millis[millis.length - 1]) {
            return 0;
        }
        int i = java.util.Arrays.binarySearch(millis, t);
        if (i >= 0) {
            return watts[i];
        }
        int after = -i - 1;
        int before = after - 1;
        double fraction = (double) (t - millis[before]) / (millis[after] - millis[before]);
        return watts[before] + fraction * (watts[after] - watts[before]);
    }

    @Override
    public long nameplateW() {
        return nameplateW;
    }
}
