/** The subset of deterministic CBOR (RFC 8949 §4.2.1) the evidence format uses, written and read strictly. */
package io.solarmrv.attestation.cbor;
