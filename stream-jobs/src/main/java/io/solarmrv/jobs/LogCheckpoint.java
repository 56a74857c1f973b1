package io.solarmrv.jobs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle log's size and RFC 9162 root at a moment, the same as a C2SP checkpoint signed by the
 * pipeline's log key, and the consistency proof from the previous checkpoint ({@code previousSize};
 * 0 and no proof for the first), as 32-byte nodes end to end. To be anchored on chain, which checks
 * the proof.
 */
public record LogCheckpoint(long treeSize, byte[] root, String signedNote, long previousSize, byte[] proofNodes) {

    public static LogCheckpoint of(long treeSize, byte[] root, String signedNote, long previousSize, List<byte[]> proof) {
        byte[] nodes = new byte[32 * proof.size()];
        for (int i = 0; i < proof.size(); i++) {
            System.arraycopy(proof.get(i), 0, nodes, 32 * i, 32);
        }
        return new LogCheckpoint(treeSize, root, signedNote, previousSize, nodes);
    }

    /** The consistency proof's nodes, in RFC 9162 order. */
    public List<byte[]> proof() {
        List<byte[]> nodes = new ArrayList<>();
        for (int at = 0; at < proofNodes.length; at += 32) {
            nodes.add(Arrays.copyOfRange(proofNodes, at, at + 32));
        }
        return nodes;
    }
}
