package io.solarmrv.edge;

import io.solarmrv.attestation.ClockSync;
import java.time.Duration;

/**
 * What the gateway knows about its clock: how it is synchronised and its last measured offset.
 * The agent records both in every reading and refuses to sign while the offset is beyond its bound.
 */
public interface ClockMonitor {

    /** A clock state; {@code known} is false when the time source could not be asked. */
    record ClockStatus(ClockSync sync, Duration offset, boolean known) {
    }

    ClockStatus status();

    /** A clock whose synchronisation is declared by configuration and whose offset is not measured. */
    static ClockMonitor declared(ClockSync sync) {
        ClockStatus status = new ClockStatus(sync, Duration.ZERO, false);
        return () -> status;
    }
}
