/**
 * Internal: the subset of deterministic CBOR (RFC 8949 §4.2.1) the evidence format uses, written
 * and read strictly (see {@link io.solarmrv.attestation.internal}).
 */
package io.solarmrv.attestation.internal.cbor;
