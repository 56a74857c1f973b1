package io.solarmrv.creation.registry;

import io.micronaut.serde.annotation.Serdeable;
import io.solarmrv.attestation.DeviceRegistry.MeterSerial;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * The meters behind a device over its life, in the registry's text form: the first from
     * sequence 0, each replacement's new meter from the reading after the old one's final reading.
     *
     * @param currentSerial the device's registered serial now (the last replacement's new serial)
     * @param replacements  the device's replacements in order of {@code finalSequence}
     */
    public static List<MeterSerial> meters(String deviceId, String currentSerial,
                                                                                        List<MeterReplacement> replacements) {
        List<MeterSerial> meters = new ArrayList<>();
        if (replacements.isEmpty()) {
            meters.add(new MeterSerial(deviceId, currentSerial, 0));
            return meters;
        }
        meters.add(new MeterSerial(deviceId, replacements.get(0).oldSerial(), 0));
        for (MeterReplacement replacement : replacements) {
            meters.add(new MeterSerial(deviceId, replacement.newSerial(),
                    replacement.finalSequence() + 1));
        }
        return meters;
    }
}
