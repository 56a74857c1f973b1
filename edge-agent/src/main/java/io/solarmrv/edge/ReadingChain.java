package io.solarmrv.edge;

import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.SignedReading;

/** One device's hash chain: each new reading gets the next sequence number and links to the last. */
final class ReadingChain {
    private final String deviceId;
    private final GatewayKey key;
    private long nextSequence;
    private byte[] previousHash = Reading.genesisHash();

    ReadingChain(String deviceId, GatewayKey key) {
        this.deviceId = deviceId;
        this.key = key;
    }

    SignedReading next(long timestampMillis, long energyRegisterWh, long powerW) {
        Reading reading = new Reading(deviceId, nextSequence, timestampMillis, energyRegisterWh, powerW, previousHash);
        SignedReading signed = SignedReading.sign(reading, key);
        nextSequence++;
        previousHash = signed.readingHash();
        return signed;
    }
}
