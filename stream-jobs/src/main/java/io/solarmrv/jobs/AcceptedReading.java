package io.solarmrv.jobs;

/**
 * A reading whose signature verified against its device's registered key and which extends the
 * device's chain. {@code envelope} is the signed wire form, kept as evidence.
 */
public record AcceptedReading(String deviceId, long sequence, long timestampMillis, long energyRegisterWh,
                              long powerW, byte[] previousHash, byte[] readingHash, byte[] envelope) {
}
