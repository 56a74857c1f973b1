package io.solarmrv.jobs;

/** An accepted reading at its position in the Merkle log. */
public record LogLeaf(long index, byte[] leafHash, AcceptedReading reading) {
}
