/**
 * Not part of the evidence format's API: pieces the project's own modules share and may change
 * without notice (as OkHttp's {@code okhttp3.internal}). {@link
 * io.solarmrv.attestation.internal.CommitRecord} is the durable counter behind the tiled log's
 * commits and the edge store's acknowledgements; {@code internal.cbor} is the deterministic CBOR
 * reader and writer under the reading encoding and SenML; {@link
 * io.solarmrv.attestation.internal.CompactRange} is the job's growing log, in O(log n) hashes. Users of the evidence start from {@link
 * io.solarmrv.attestation.SignedReading}, {@link io.solarmrv.attestation.ProofBundle} and {@link
 * io.solarmrv.attestation.BundleVerifier}.
 */
package io.solarmrv.attestation.internal;
