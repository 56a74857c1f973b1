package io.solarmrv.attestation;

/** How the gateway's clock was set when it took a reading (its code is what the reading carries). */
public enum ClockSync {
    /** No time source confirmed the clock: timestamps are the gateway's own. */
    UNSYNCHRONIZED(0),
    /** Synchronised over the network (NTP, chrony). */
    NTP(1),
    /** Synchronised to a satellite or precision time source (GNSS, PTP). */
    GNSS(2);

    private final int code;

    ClockSync(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ClockSync ofCode(long code) {
        for (ClockSync sync : values()) {
            if (sync.code == code) {
                return sync;
            }
        }
        throw new MalformedEvidenceException("unknown clock-sync state " + code);
    }
}
