/**
 * The on-disk, append-only Merkle log ({@link io.solarmrv.attestation.log.DiskMerkleLog}): every
 * perfect subtree hash stored, commits recorded after fsync, recovery to the last commit on open.
 */
package io.solarmrv.attestation.log;
