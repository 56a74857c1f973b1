/**
 * C2SP signed notes ({@link io.solarmrv.attestation.note.SignedNote}, Ed25519 keys in
 * {@link io.solarmrv.attestation.note.NoteKeys}) and tlog checkpoints
 * ({@link io.solarmrv.attestation.note.Checkpoint}), so a log checkpoint can be checked with tools
 * that are not ours.
 */
package io.solarmrv.attestation.note;
