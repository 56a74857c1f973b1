package io.solarmrv.simulators;

import java.time.Instant;

/**
 * A device misbehaving the way real ones do, during [from, until) of simulated time.
 *
 * @param magnitude what the kind needs: SPIKE factor, ROLLBACK Wh, NIGHT_GENERATION W, ABOVE_NAMEPLATE factor,
 *                  DRIFT share reached at the end (0.05: reads 5 % high), SLOW delay in ms
 */
public record Fault(Kind kind, Instant from, Instant until, double magnitude) {

    /** The faults a simulated device can show. */
    public enum Kind {
        /** Power and register freeze at their value when the fault starts. */
        STUCK,
        /** Power multiplied by {@code magnitude} (a spike). */
        SPIKE,
        /** The register drops by {@code magnitude} Wh and stays lower (rollback, meter swap). */
        ROLLBACK,
        /** The device does not answer at all (outage: the agent sees a timeout). */
        OUTAGE,
        /** The device answers with a malformed Modbus reply. */
        MALFORMED,
        /** Power of {@code magnitude} W reported while the real output is zero (at night). */
        NIGHT_GENERATION,
        /** Power multiplied by {@code magnitude} (above the nameplate). */
        ABOVE_NAMEPLATE,
        /**
         * The meter drifts out of calibration: power, and the energy counted since the fault began,
         * read high by a share growing linearly from 0 to {@code magnitude} over the fault.
         */
        DRIFT,
        /** The device answers {@code magnitude} ms late (a Modbus timeout, or a reply too late to be evidence). */
        SLOW
    }

    /**
     * A fault from one line of a fault script: {@code KIND FROM UNTIL [MAGNITUDE]}, instants in
     * ISO-8601, e.g. {@code SPIKE 2026-06-21T03:30:00Z 2026-06-21T03:31:00Z 3}.
     *
     * @throws IllegalArgumentException naming what was wrong
     */
    public static Fault parse(String line) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length < 3 || fields.length > 4) {
            throw new IllegalArgumentException("a fault is KIND FROM UNTIL [MAGNITUDE], was '" + line.strip() + "'");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(fields[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + fields[0] + "' is not a fault kind (" + java.util.Arrays.toString(Kind.values()) + ")");
        }
        try {
            return new Fault(kind, Instant.parse(fields[1]), Instant.parse(fields[2]),
                    fields.length == 4 ? Double.parseDouble(fields[3]) : 0);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + line.strip() + "': FROM and UNTIL are ISO-8601 instants, e.g. 2026-06-21T03:30:00Z");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + line.strip() + "': MAGNITUDE '" + fields[3] + "' is not a number");
        }
    }

    public Fault {
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException(kind + ": 'until' must be after 'from'");
        }
    }

    boolean activeAt(Instant time) {
        return !time.isBefore(from) && time.isBefore(until);
    }
}
