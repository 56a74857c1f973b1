package io.solarmrv.jobs;

/**
 * A reading whose signature verified against its device's registered key and which extends the
 * device's chain. {@code envelope} is the signed wire form, kept as evidence. {@code receivedMillis}
 * is when the pipeline took the message that carried it (the source's clock; {@link #RECEIVED_UNKNOWN}
 * if unknown), against which the {@code clock_ahead} rule checks the device's time.
 */
public record AcceptedReading(String deviceId, long sequence, long timestampMillis, long energyRegisterWh,
                              long powerW, byte[] previousHash, byte[] readingHash, byte[] envelope, long receivedMillis) {
    public static final long RECEIVED_UNKNOWN = Long.MIN_VALUE;

    /** A reading whose receipt time is unknown. */
    public AcceptedReading(String deviceId, long sequence, long timestampMillis, long energyRegisterWh, long powerW,
                           byte[] previousHash, byte[] readingHash, byte[] envelope) {
        this(deviceId, sequence, timestampMillis, energyRegisterWh, powerW, previousHash, readingHash, envelope, RECEIVED_UNKNOWN);
    }
}
