/**
 * The results database the stream job writes and the creation service reads, in one place.
 *
 * <p>Public API: {@link io.solarmrv.results.ResultsSchema} (the schema's Flyway migrations, applied
 * before the job writes) and {@link io.solarmrv.results.LogIndex} with its value
 * {@link io.solarmrv.results.IndexedReading}: where each accepted reading is in the Merkle log, one
 * row per device and UTC hour, so the database grows with device-hours, not readings. The readings
 * themselves (signed envelopes) are in the log's tiles (attestation's {@code TiledLog}).
 * Each other table has one class holding its SQL: {@link io.solarmrv.results.EnergyIntervals},
 * {@link io.solarmrv.results.QualityFlags}, {@link io.solarmrv.results.RejectedReadings},
 * {@link io.solarmrv.results.LateReadings}, {@link io.solarmrv.results.LogCheckpoints}.
 */
package io.solarmrv.results;
