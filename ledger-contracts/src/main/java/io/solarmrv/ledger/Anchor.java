package io.solarmrv.ledger;

import java.util.List;
import java.util.Objects;

/**
 * One checkpoint to anchor: the log's id, its new tree size and root, the SHA-256 of the signed
 * checkpoint note, and the RFC 9162 consistency proof from {@code previousSize} (the log's previous
 * anchored size; 0 and an empty proof for a log's first checkpoint).
 */
public record Anchor(byte[] logId, long treeSize, byte[] root, byte[] checkpointHash, long previousSize, List<byte[]> proof) {
    public Anchor {
        Objects.requireNonNull(logId, "logId");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(checkpointHash, "checkpointHash");
        if (logId.length != 32 || root.length != 32 || checkpointHash.length != 32) {
            throw new IllegalArgumentException("log id, root and checkpoint hash are 32 bytes each");
        }
        if (previousSize < 0 || treeSize <= previousSize) {
            throw new IllegalArgumentException("tree size " + treeSize + " must exceed the previous size " + previousSize);
        }
        proof = List.copyOf(proof);
    }
}
