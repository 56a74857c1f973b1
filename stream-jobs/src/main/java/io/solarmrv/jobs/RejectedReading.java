package io.solarmrv.jobs;

/**
 * A message that did not become evidence, with the reason (a {@link RejectReason} name) and a
 * human-readable detail. Device and sequence are what the message claimed, if it could be decoded.
 */
public record RejectedReading(String deviceId, long sequence, String reason, String detail, byte[] envelope) {
}
