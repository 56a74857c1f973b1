package io.solarmrv.results;

/**
 * An accepted reading as the log's index holds it: where it is in the Merkle log ({@code leafIndex};
 * its signed envelope is that leaf's entry in the log's tiles), whose it is, and the figures the
 * results need without decoding it.
 */
public record IndexedReading(long leafIndex, String deviceId, long sequence, long timestampMillis, long energyRegisterWh) {
    public IndexedReading {
        if (leafIndex < 0) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " is negative");
        }
        if (deviceId == null || deviceId.isEmpty()) {
            throw new IllegalArgumentException("a reading without a device id");
        }
    }

    /** The start of the UTC hour the reading was taken in: its row in the index. */
    public long hourStartMillis() {
        return LogIndex.hourOf(timestampMillis);
    }
}
