package io.solarmrv.simulators;

import io.solarmrv.attestation.ClockSync;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.ReadingCodec;
import io.solarmrv.attestation.ReadingSigner;
import io.solarmrv.attestation.Sha256;
import io.solarmrv.attestation.SignedBatch;
import io.solarmrv.attestation.SignedReading;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Gateways' messages prepared ahead, as an agent would have signed them: for load (the throughput
 * benchmark) and the pipeline's tests, which publish them with {@link MessagePublisher}.
 */
public final class SignedMessages {
    /** The first reading's time: 2026-07-01T00:00Z. */
    public static final long FIRST_READING_MILLIS = 1_782_864_000_000L;

    private SignedMessages() {
    }

    /** A message to publish: its topic (after the prefix: the device id) and its payload, one signed envelope. */
    public record Message(String topic, byte[] payload) {
    }

    /**
     * Signed, chained readings for each device, one a minute from {@link #FIRST_READING_MILLIS},
     * register +50 Wh each (so a device's energy is 50 x (readings - 1) Wh), {@code perEnvelope} per
     * message (1: a single signed reading; more: a signed batch).
     */
    public static List<Message> chained(ReadingSigner key, List<String> deviceIds, int readingsPerDevice, int perEnvelope) {
        SecureRandom random = new SecureRandom();
        List<Message> messages = new ArrayList<>();
        for (String id : deviceIds) {
            byte[] previous = Reading.genesisHash();
            List<Reading> pending = new ArrayList<>();
            for (int i = 0; i < readingsPerDevice; i++) {
                byte[] salt = new byte[Reading.SALT_LENGTH];
                random.nextBytes(salt);
                Reading reading = new Reading(id, "SN-" + id, i, FIRST_READING_MILLIS + i * 60_000L, 1_000_000L + i * 50L, null, 3_000,
                        ClockSync.UNSYNCHRONIZED, 0, previous, salt);
                previous = Sha256.hash(ReadingCodec.encode(reading));
                pending.add(reading);
                if (pending.size() == perEnvelope || i == readingsPerDevice - 1) {
                    byte[] wire = pending.size() == 1 && perEnvelope == 1
                            ? SignedReading.sign(pending.get(0), key).toWire()
                            : SignedBatch.sign(pending, key).toWire();
                    messages.add(new Message(id, wire));
                    pending = new ArrayList<>();
                }
            }
        }
        return messages;
    }
}
