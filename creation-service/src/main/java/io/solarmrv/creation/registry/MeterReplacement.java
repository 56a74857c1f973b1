package io.solarmrv.creation.registry;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A meter replaced behind a device, as the operator records it: the old meter's final reading (the
 * device's sequence number; the new meter's first reading is the next one) and both serials, as the
 * meters sign them. From then on the device's registered serial is the new one, and a period across
 * the replacement is computed per meter instead of refused.
 */
@Serdeable
public record MeterReplacement(long finalSequence, String oldSerial, String newSerial) {
    void check() {
        if (finalSequence < 0) {
            throw new IllegalArgumentException("'finalSequence' (the old meter's final reading) must be >= 0, was " + finalSequence);
        }
        if (oldSerial == null || oldSerial.isBlank() || newSerial == null || newSerial.isBlank()) {
            throw new IllegalArgumentException("'oldSerial' and 'newSerial' are required");
        }
        if (oldSerial.equals(newSerial)) {
            throw new IllegalArgumentException("'newSerial' is the old meter's serial " + oldSerial + ": a replacement changes meters");
        }
    }
}
