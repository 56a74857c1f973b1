/**
 * The evidence format and its mathematics: signed readings ({@link io.solarmrv.attestation.Reading},
 * {@link io.solarmrv.attestation.SignedReading}, {@link io.solarmrv.attestation.GatewayKey}), the
 * device-key registry, and RFC 9162 Merkle trees ({@link io.solarmrv.attestation.MerkleHash},
 * {@link io.solarmrv.attestation.MerkleTree}, {@link io.solarmrv.attestation.MerkleVerifier}), and the methodologies that turn metered energy into
 * tonnes, as pure functions with their parameters as data ({@link io.solarmrv.attestation.JcmSolarPv},
 * {@link io.solarmrv.attestation.JCreditSolarSelfConsumption}, {@link io.solarmrv.attestation.MeteredEquipmentCop};
 * docs/METHODOLOGIES.md), with the registry of the methodology versions a project may name
 * ({@link io.solarmrv.attestation.methodology.Methodologies}). Pure Java and Bouncy Castle; no I/O, no network.
 */
package io.solarmrv.attestation;
