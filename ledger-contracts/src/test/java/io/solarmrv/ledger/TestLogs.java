package io.solarmrv.ledger;

import io.solarmrv.attestation.MerkleHash;
import io.solarmrv.attestation.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A growing in-memory RFC 9162 log whose checkpoints the tests anchor, proofs from the attestation reference. */
final class TestLogs {
    final byte[] logId;
    final List<byte[]> leaves = new ArrayList<>();
    private long anchoredSize;

    TestLogs(String origin) {
        this.logId = AnchorClient.logIdOf(origin);
    }

    void grow(int to) {
        while (leaves.size() < to) {
            leaves.add(MerkleHash.leafHash(("reading " + leaves.size()).getBytes(StandardCharsets.UTF_8)));
        }
    }

    byte[] root(int size) {
        return MerkleTree.root(leaves.subList(0, size));
    }

    List<byte[]> proof(int from, int to) {
        return MerkleTree.consistencyProof(leaves.subList(0, to), from);
    }

    /** The anchor that extends the last one this log handed out to size {@code size}. */
    Anchor next(int size) {
        grow(size);
        Anchor anchor = new Anchor(logId, size, root(size), noteHash(size), anchoredSize,
                anchoredSize == 0 ? List.of() : proof((int) anchoredSize, size));
        anchoredSize = size;
        return anchor;
    }

    static byte[] noteHash(long size) {
        return PeriodClient.idOf("checkpoint note " + size);
    }
}
