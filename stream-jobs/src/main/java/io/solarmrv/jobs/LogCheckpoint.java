package io.solarmrv.jobs;

/**
 * The Merkle log's size and RFC 9162 root at a moment, and the same as a C2SP checkpoint signed by
 * the pipeline's log key; to be anchored on chain.
 */
public record LogCheckpoint(long treeSize, byte[] root, String signedNote) {
}
