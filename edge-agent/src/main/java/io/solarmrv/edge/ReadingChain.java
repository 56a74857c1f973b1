package io.solarmrv.edge;

import io.solarmrv.attestation.ClockSync;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.ReadingSigner;
import io.solarmrv.edge.store.ChainHeads;
import java.security.SecureRandom;

/** One device's hash chain: each new reading gets the next sequence number and links to the last. */
final class ReadingChain {
    private static final SecureRandom SALTS = new SecureRandom();

    private final String deviceId;
    private final ReadingSigner key;
    private long nextSequence;
    private byte[] previousHash = Reading.genesisHash();

    /** @param head the device's last stored reading, or null to start a new chain at sequence 0 */
    ReadingChain(String deviceId, ReadingSigner key, ChainHeads.Head head) {
        this.deviceId = deviceId;
        this.key = key;
        if (head != null) {
            nextSequence = head.sequence() + 1;
            previousHash = head.readingHash();
        }
    }

    /** The next reading of this chain, unsigned: the caller signs it (alone or in a batch) and then calls {@link #advance}. */
    Reading reading(long timestampMillis, String meterSerial, long energyRegisterWh, Long exportRegisterWh, long powerW,
                    ClockSync clockSync, long clockOffsetMillis) {
        byte[] salt = new byte[Reading.SALT_LENGTH];
        SALTS.nextBytes(salt);
        return new Reading(deviceId, meterSerial, nextSequence, timestampMillis, energyRegisterWh, exportRegisterWh, powerW,
                clockSync, clockOffsetMillis, previousHash, salt);
    }

    void advance(byte[] readingHash) {
        nextSequence++;
        previousHash = readingHash;
    }
}
