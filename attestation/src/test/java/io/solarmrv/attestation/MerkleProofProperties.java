package io.solarmrv.attestation;

import io.solarmrv.attestation.internal.CompactRange;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Properties over trees of up to a few thousand leaves: every proof verifies, and any single-bit
 * change to the leaf, a proof element or the root makes it fail.
 */
class MerkleProofProperties {
    private static final int MAX_SIZE = 3000;
    private static List<byte[]> leaves;

    @BeforeContainer
    static void buildLeaves() {
        leaves = new ArrayList<>();
        for (int i = 0; i < MAX_SIZE; i++) {
            leaves.add(MerkleHash.leafHash(ByteBuffer.allocate(4).putInt(i).array()));
        }
    }

    @Property(tries = 300)
    boolean inclusionProofsVerify(@ForAll @IntRange(min = 1, max = MAX_SIZE) int size, @ForAll @IntRange(min = 0, max = MAX_SIZE - 1) int rawIndex) {
        int index = rawIndex % size;
        List<byte[]> tree = leaves.subList(0, size);
        return MerkleVerifier.verifyInclusion(index, size, tree.get(index), MerkleTree.inclusionProof(tree, index), MerkleTree.root(tree));
    }

    @Property(tries = 300)
    boolean anyFlippedBitBreaksAnInclusionProof(@ForAll @IntRange(min = 2, max = MAX_SIZE) int size,
                                                @ForAll @IntRange(min = 0, max = MAX_SIZE - 1) int rawIndex,
                                                @ForAll @IntRange(min = 0, max = 255) int bit,
                                                @ForAll @IntRange(min = 0, max = 1000) int target) {
        int index = rawIndex % size;
        List<byte[]> tree = leaves.subList(0, size);
        byte[] leaf = tree.get(index);
        List<byte[]> proof = new ArrayList<>(MerkleTree.inclusionProof(tree, index));
        byte[] root = MerkleTree.root(tree);
        int choice = target % (proof.size() + 2);
        if (choice == 0) {
            leaf = flip(leaf, bit);
        } else if (choice == 1) {
            root = flip(root, bit);
        } else {
            proof.set(choice - 2, flip(proof.get(choice - 2), bit));
        }
        return !MerkleVerifier.verifyInclusion(index, size, leaf, proof, root);
    }

    @Property(tries = 300)
    boolean consistencyProofsVerifyAndBreakOnAnyFlippedBit(@ForAll @IntRange(min = 1, max = MAX_SIZE) int size2,
                                                           @ForAll @IntRange(min = 1, max = MAX_SIZE) int rawSize1,
                                                           @ForAll @IntRange(min = 0, max = 255) int bit,
                                                           @ForAll @IntRange(min = 0, max = 1000) int target) {
        int size1 = 1 + (rawSize1 - 1) % size2;
        List<byte[]> newer = leaves.subList(0, size2);
        byte[] root1 = MerkleTree.root(leaves.subList(0, size1));
        byte[] root2 = MerkleTree.root(newer);
        List<byte[]> proof = new ArrayList<>(MerkleTree.consistencyProof(newer, size1));
        if (!MerkleVerifier.verifyConsistency(size1, size2, root1, root2, proof)) {
            return false;
        }
        int choice = target % (proof.size() + 2);
        if (choice == 0) {
            root1 = flip(root1, bit);
        } else if (choice == 1) {
            root2 = flip(root2, bit);
        } else {
            proof.set(choice - 2, flip(proof.get(choice - 2), bit));
        }
        return !MerkleVerifier.verifyConsistency(size1, size2, root1, root2, proof);
    }

    @Property(tries = 300)
    boolean proofsFromCompactRangesEqualProofsFromTheLeaves(@ForAll @IntRange(min = 1, max = MAX_SIZE) int size2,
                                                           @ForAll @IntRange(min = 1, max = MAX_SIZE) int rawSize1,
                                                           @ForAll @IntRange(min = 0, max = MAX_SIZE) int restoreAt) {
        int size1 = 1 + (rawSize1 - 1) % size2;
        CompactRange checkpoint = new CompactRange();
        leaves.subList(0, size1).forEach(checkpoint::append);
        CompactRange since = CompactRange.startingAt(size1);
        int split = size1 + restoreAt % (size2 - size1 + 1);
        leaves.subList(size1, split).forEach(since::append);
        since = CompactRange.restore(since.begin(), since.end(), since.subtreeRoots()); // as from state
        leaves.subList(split, size2).forEach(since::append);
        List<byte[]> expected = MerkleTree.consistencyProof(leaves.subList(0, size2), size1);
        List<byte[]> actual = MerkleTree.consistencyProof(checkpoint, since);
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!java.util.Arrays.equals(expected.get(i), actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 200)
    boolean aRangeFromAnyLeafAppendsLikeTheTree(@ForAll @IntRange(min = 0, max = MAX_SIZE - 1) int begin,
                                                @ForAll @IntRange(min = 1, max = 64) int count) {
        int end = Math.min(MAX_SIZE, begin + count);
        CompactRange range = CompactRange.startingAt(begin);
        leaves.subList(begin, end).forEach(range::append);
        // Every subtree it holds is the tree's own subtree over the same leaves.
        long at = begin;
        for (byte[] root : range.subtreeRoots()) {
            long width = Long.lowestOneBit(at == 0 ? Long.highestOneBit(end) : at);
            while (at + width > end) {
                width >>= 1;
            }
            if (!java.util.Arrays.equals(root, MerkleTree.root(leaves.subList((int) at, (int) (at + width))))) {
                return false;
            }
            at += width;
        }
        return at == end;
    }

    private static byte[] flip(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }
}
