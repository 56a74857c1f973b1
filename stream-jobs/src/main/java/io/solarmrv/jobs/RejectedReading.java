package io.solarmrv.jobs;

import java.util.Arrays;

/**
 * A message that did not become evidence, with the reason (a {@link RejectReason} name) and a
 * human-readable detail. Device and sequence are what the message claimed, if it could be decoded.
 * {@code envelope} is the whole message; what is stored for review is bounded ({@link #keptEnvelope}),
 * so an oversized message cannot fill the rejects table, while its SHA-256 is of the whole.
 */
public record RejectedReading(String deviceId, long sequence, String reason, String detail, byte[] envelope) {
    /** The most of a rejected message stored for review: far above any one reading or batch an agent sends. */
    public static final int MAX_KEPT_BYTES = 64 * 1024;

    /** The message as stored: whole up to {@link #MAX_KEPT_BYTES}, else its first that many bytes. */
    public byte[] keptEnvelope() {
        return envelope.length <= MAX_KEPT_BYTES ? envelope : Arrays.copyOf(envelope, MAX_KEPT_BYTES);
    }

    /** The detail as stored: saying so where only a prefix of the message is kept. */
    public String keptDetail() {
        return envelope.length <= MAX_KEPT_BYTES ? detail
                : detail + " (the first " + MAX_KEPT_BYTES + " of its " + envelope.length + " bytes are kept)";
    }
}
