package io.solarmrv.simulators;

import java.time.Instant;

/**
 * A device misbehaving the way real ones do, during [from, until) of simulated time.
 *
 * @param magnitude what the kind needs: SPIKE factor, ROLLBACK Wh, NIGHT_GENERATION W, ABOVE_NAMEPLATE factor
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
        ABOVE_NAMEPLATE
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
