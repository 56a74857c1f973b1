package io.solarmrv.attestation;

import io.solarmrv.attestation.internal.CompactRange;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The eight leaves of the RFC 6962 reference test data (certificate-transparency, transparency-dev merkle). */
    private static final String[] LEAVES = {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};

    /** MTH of the first 1..8 of those leaves, as published with them. */
    private static final String[] ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    private static List<byte[]> referenceLeafHashes() {
        List<byte[]> hashes = new ArrayList<>();
        for (String leaf : LEAVES) {
            hashes.add(MerkleHash.leafHash(HEX.parseHex(leaf)));
        }
        return hashes;
    }

    private static List<byte[]> syntheticLeafHashes(int n) {
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hashes.add(MerkleHash.leafHash(new byte[] {(byte) i, (byte) (i >> 8)}));
        }
        return hashes;
    }

    @Test
    void emptyTreeRootIsHashOfNothing() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HEX.formatHex(MerkleTree.root(List.of())));
    }

    @Test
    void rootsMatchPublishedRfc6962Vectors() {
        List<byte[]> leaves = referenceLeafHashes();
        CompactRange range = new CompactRange();
        for (int size = 1; size <= leaves.size(); size++) {
            range.append(leaves.get(size - 1));
            assertEquals(ROOTS[size - 1], HEX.formatHex(MerkleTree.root(leaves.subList(0, size))), "size " + size);
            assertEquals(ROOTS[size - 1], HEX.formatHex(range.root()), "compact range, size " + size);
        }
    }

    @Test
    void publishedConsistencyProofFromSize2To5VerifiesAndIsWhatWeGenerate() {
        // transparency-dev/merkle reference data: consistency of the first 2 with the first 5 leaves.
        List<byte[]> proof = List.of(
                HEX.parseHex("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                HEX.parseHex("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
        byte[] root2 = HEX.parseHex(ROOTS[1]);
        byte[] root5 = HEX.parseHex(ROOTS[4]);
        assertTrue(MerkleVerifier.verifyConsistency(2, 5, root2, root5, proof));
        List<byte[]> generated = MerkleTree.consistencyProof(referenceLeafHashes().subList(0, 5), 2);
        assertEquals(proof.stream().map(HEX::formatHex).toList(), generated.stream().map(HEX::formatHex).toList());
        // negative probes: swapped roots, truncated, extended or empty proof, old size above new
        // (a different size2 with the same proof shape can verify: RFC 9162 proofs bind the roots,
        // and the sizes only through the shape)
        assertFalse(MerkleVerifier.verifyConsistency(5, 2, root2, root5, proof));
        assertFalse(MerkleVerifier.verifyConsistency(2, 5, root2, root5, List.of(proof.get(0), proof.get(1), proof.get(1))));
        assertFalse(MerkleVerifier.verifyConsistency(2, 5, root5, root2, proof));
        assertFalse(MerkleVerifier.verifyConsistency(2, 5, root2, root5, proof.subList(0, 1)));
        assertFalse(MerkleVerifier.verifyConsistency(2, 5, root2, root5, List.of()));
    }

    @Test
    void everyInclusionProofVerifiesAndAnyFlippedBitFails() {
        for (int size = 1; size <= 40; size++) {
            List<byte[]> leaves = syntheticLeafHashes(size);
            byte[] root = MerkleTree.root(leaves);
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = MerkleTree.inclusionProof(leaves, index);
                assertTrue(MerkleVerifier.verifyInclusion(index, size, leaves.get(index), proof, root),
                        "index " + index + " size " + size);
                assertFalse(MerkleVerifier.verifyInclusion(index, size, flip(leaves.get(index)), proof, root));
                assertFalse(MerkleVerifier.verifyInclusion(index, size, leaves.get(index), proof, flip(root)));
                assertFalse(MerkleVerifier.verifyInclusion(size, size, leaves.get(index), proof, root));
                for (int p = 0; p < proof.size(); p++) {
                    List<byte[]> bad = new ArrayList<>(proof);
                    bad.set(p, flip(bad.get(p)));
                    assertFalse(MerkleVerifier.verifyInclusion(index, size, leaves.get(index), bad, root));
                }
            }
        }
    }

    @Test
    void everyConsistencyProofVerifiesAndTamperingFails() {
        List<byte[]> leaves = syntheticLeafHashes(40);
        for (int size2 = 1; size2 <= leaves.size(); size2++) {
            List<byte[]> newer = leaves.subList(0, size2);
            byte[] root2 = MerkleTree.root(newer);
            for (int size1 = 1; size1 <= size2; size1++) {
                byte[] root1 = MerkleTree.root(leaves.subList(0, size1));
                List<byte[]> proof = MerkleTree.consistencyProof(newer, size1);
                assertTrue(MerkleVerifier.verifyConsistency(size1, size2, root1, root2, proof), size1 + "->" + size2);
                assertFalse(MerkleVerifier.verifyConsistency(size1, size2, flip(root1), root2, proof));
                assertFalse(MerkleVerifier.verifyConsistency(size1, size2, root1, flip(root2), proof));
                for (int p = 0; p < proof.size(); p++) {
                    List<byte[]> bad = new ArrayList<>(proof);
                    bad.set(p, flip(bad.get(p)));
                    assertFalse(MerkleVerifier.verifyConsistency(size1, size2, root1, root2, bad));
                }
            }
        }
    }

    @Test
    void compactRangeRestoresFromItsSubtreeRoots() {
        List<byte[]> leaves = syntheticLeafHashes(13);
        CompactRange range = new CompactRange();
        leaves.subList(0, 11).forEach(range::append);
        CompactRange restored = CompactRange.restore(range.size(), range.subtreeRoots());
        leaves.subList(11, 13).forEach(restored::append);
        assertArrayEquals(MerkleTree.root(leaves), restored.root());
    }

    private static byte[] flip(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length - 1] ^= 1;
        return copy;
    }
}
