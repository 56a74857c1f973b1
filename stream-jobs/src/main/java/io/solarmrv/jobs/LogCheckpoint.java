package io.solarmrv.jobs;

/** The Merkle log's size and RFC 9162 root at a moment, to be anchored on chain. */
public record LogCheckpoint(long treeSize, byte[] root) {
}
