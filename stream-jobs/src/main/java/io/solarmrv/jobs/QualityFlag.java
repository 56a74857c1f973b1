package io.solarmrv.jobs;

/** The quality rules a reading tripped (names joined by ';'): flagged, never deleted. */
public record QualityFlag(String deviceId, long sequence, long timestampMillis, String flags) {
}
