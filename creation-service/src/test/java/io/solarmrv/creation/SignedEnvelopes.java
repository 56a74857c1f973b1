package io.solarmrv.creation;

import io.solarmrv.attestation.ClockSync;
import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.SignedReading;
import java.security.SecureRandom;

/**
 * Real signed envelopes for log rows a test seeds: the service reads a reading's meter serial and
 * export register from them. Signed by a key of the test's own; not chained (the report does not
 * check chains, the job does).
 */
final class SignedEnvelopes {
    private static final GatewayKey KEY = GatewayKey.generate(new SecureRandom());

    private SignedEnvelopes() {
    }

    /** The registration line ({@code POST /devices/keys}) binding the key these envelopes are signed with to the device. */
    static String registrationLine(String device) {
        return io.solarmrv.attestation.DeviceRegistry.registrationLine(device, KEY);
    }

    /** A reading of meter {@code SN-<device>}. */
    static byte[] of(String device, long sequence, long timestampMillis, long registerWh) {
        return of(device, "SN-" + device, sequence, timestampMillis, registerWh);
    }

    static byte[] of(String device, String meterSerial, long sequence, long timestampMillis, long registerWh) {
        Reading reading = new Reading(device, meterSerial, sequence, timestampMillis, registerWh, null, 0, ClockSync.NTP, 0,
                Reading.genesisHash(), new byte[Reading.SALT_LENGTH]);
        return SignedReading.sign(reading, KEY).toWire();
    }
}
