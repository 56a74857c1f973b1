package io.solarmrv.attestation;

import java.util.Arrays;
import java.util.Objects;

/**
 * One meter reading as the gateway saw it. Integer units only: registers in Wh, power in W, time in
 * UTC milliseconds since the epoch.
 *
 * @param deviceId          the registered device this reading belongs to
 * @param meterSerial       the serial number the meter reports (what its calibration certificate names)
 * @param sequence          per-device sequence number, starting at 0 and rising by exactly 1
 * @param timestampMillis   when the gateway read the device (UTC ms)
 * @param energyRegisterWh  the cumulative register the methodology counts: energy delivered by the
 *                          generator (PV inverter), or imported by the metered equipment
 * @param exportRegisterWh  the cumulative export register where the meter has one (site meters,
 *                          J-Credit EN-R-002), else null
 * @param powerW            instantaneous AC power
 * @param clockSync         how the gateway's clock was synchronised
 * @param clockOffsetMillis the gateway's last measured clock offset from its time source
 * @param previousHash      SHA-256 of the previous reading's payload of this device (32 zero bytes for sequence 0)
 * @param salt              16 random bytes, so hashes shared in proofs cannot be brute-forced back to values
 */
public record Reading(
        String deviceId,
        String meterSerial,
        long sequence,
        long timestampMillis,
        long energyRegisterWh,
        Long exportRegisterWh,
        long powerW,
        ClockSync clockSync,
        long clockOffsetMillis,
        byte[] previousHash,
        byte[] salt) {

    public static final int HASH_LENGTH = 32;
    public static final int SALT_LENGTH = 16;

    public Reading {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(meterSerial, "meterSerial");
        Objects.requireNonNull(clockSync, "clockSync");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(salt, "salt");
        if (deviceId.isEmpty() || deviceId.length() > 256) {
            throw new IllegalArgumentException("deviceId must be 1..256 characters");
        }
        if (sequence < 0 || timestampMillis < 0 || energyRegisterWh < 0 || (exportRegisterWh != null && exportRegisterWh < 0)) {
            throw new IllegalArgumentException("sequence, timestamp and registers must be >= 0");
        }
        if (previousHash.length != HASH_LENGTH) {
            throw new IllegalArgumentException("previousHash must be 32 bytes, was " + previousHash.length);
        }
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("salt must be 16 bytes, was " + salt.length);
        }
        previousHash = previousHash.clone();
        salt = salt.clone();
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
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reading r
                && deviceId.equals(r.deviceId) && meterSerial.equals(r.meterSerial)
                && sequence == r.sequence && timestampMillis == r.timestampMillis
                && energyRegisterWh == r.energyRegisterWh && Objects.equals(exportRegisterWh, r.exportRegisterWh)
                && powerW == r.powerW && clockSync == r.clockSync && clockOffsetMillis == r.clockOffsetMillis
                && Arrays.equals(previousHash, r.previousHash) && Arrays.equals(salt, r.salt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, sequence, timestampMillis, energyRegisterWh, Arrays.hashCode(salt));
    }

    @Override
    public String toString() {
        return "Reading[" + deviceId + "#" + sequence + " t=" + timestampMillis + " E=" + energyRegisterWh
                + "Wh" + (exportRegisterWh == null ? "" : " X=" + exportRegisterWh + "Wh") + " P=" + powerW + "W]";
    }
}
