/**
 * The Flink readings job ({@link io.solarmrv.jobs.ReadingsJob}): MQTT source, signature and chain
 * verification, hourly energy from register deltas in event time, the Merkle log with anchored
 * checkpoints, and the rejects store. Results land in PostgreSQL (the results module's schema) and the log in its tiles.
 */
package io.solarmrv.jobs;
