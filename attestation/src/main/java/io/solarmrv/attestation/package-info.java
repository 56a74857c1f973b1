/**
 * The evidence format and its mathematics: signed readings ({@link io.solarmrv.attestation.Reading},
 * {@link io.solarmrv.attestation.SignedReading}, {@link io.solarmrv.attestation.GatewayKey}), the
 * device-key registry, and RFC 9162 Merkle trees ({@link io.solarmrv.attestation.MerkleHash},
 * {@link io.solarmrv.attestation.MerkleTree}, {@link io.solarmrv.attestation.MerkleVerifier},
 * {@link io.solarmrv.attestation.CompactRange}). Pure Java and Bouncy Castle; no I/O, no network.
 */
package io.solarmrv.attestation;
