/**
 * The auditor's commands: {@link io.solarmrv.verifier.VerifyCommand} ({@code mrv verify}, a proof
 * bundle offline and against the chain, or one reading against the log),
 * {@link io.solarmrv.verifier.MerkleCommand} ({@code mrv merkle}) and
 * {@link io.solarmrv.verifier.NoteCommand} ({@code mrv note}). Each has its own {@code main}; the
 * launcher only dispatches to them. Everything else here is package-private.
 */
package io.solarmrv.verifier;
