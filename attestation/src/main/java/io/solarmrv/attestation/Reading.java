package io.solarmrv.attestation;

import java.util.Arrays;
import java.util.Objects;

/**
 * One meter reading as the gateway saw it. Integer units only: energy register in Wh, power in W,
 * time in UTC milliseconds since the epoch.
 *
 * @param deviceId          the registered device this reading belongs to
 * @param sequence          per-device sequence number, starting at 0 and rising by exactly 1
 * @param timestampMillis   when the gateway read the device (UTC ms)
 * @param energyRegisterWh  the device's cumulative energy register
 * @param powerW            instantaneous AC power
 * @param previousHash      SHA-256 of the previous reading's encoded bytes of this device
 *                          (32 zero bytes for sequence 0)
 */
public record Reading(
        String deviceId,
        long sequence,
        long timestampMillis,
        long energyRegisterWh,
        long powerW,
        byte[] previousHash) {

    public static final int HASH_LENGTH = 32;

    public Reading {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(previousHash, "previousHash");
        if (deviceId.isEmpty()) {
            throw new IllegalArgumentException("deviceId must not be empty");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, was " + sequence);
        }
        if (previousHash.length != HASH_LENGTH) {
            throw new IllegalArgumentException("previousHash must be 32 bytes, was " + previousHash.length);
        }
        previousHash = previousHash.clone();
    }

    /** The hash that the first reading of a device links to. */
    public static byte[] genesisHash() {
        return new byte[HASH_LENGTH];
    }

    @Override
    public byte[] previousHash() {
        return previousHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reading r
                && deviceId.equals(r.deviceId)
                && sequence == r.sequence
                && timestampMillis == r.timestampMillis
                && energyRegisterWh == r.energyRegisterWh
                && powerW == r.powerW
                && Arrays.equals(previousHash, r.previousHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, sequence, timestampMillis, energyRegisterWh, powerW, Arrays.hashCode(previousHash));
    }

    @Override
    public String toString() {
        return "Reading[" + deviceId + "#" + sequence + " t=" + timestampMillis + " E=" + energyRegisterWh
                + "Wh P=" + powerW + "W]";
    }
}
