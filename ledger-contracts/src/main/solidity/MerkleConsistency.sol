// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title MerkleConsistency
/// @notice RFC 9162 section 2.1.4.2: verifies that a Merkle tree of size2 with root2 extends the
///         tree of size1 with root1 (the first size1 leaves are unchanged), given the
///         consistency proof PROOF(size1, D[size2]). Hashes are SHA-256 through the precompile at
///         address 2, interior nodes as SHA-256(0x01 || left || right) (RFC 9162 section 2.1.1).
///         The same algorithm, line for line, as the Java MerkleVerifier.verifyConsistency, and
///         tested against the same vectors.
library MerkleConsistency {
    function verify(uint256 size1, uint256 size2, bytes32 root1, bytes32 root2, bytes32[] calldata proof)
        internal
        view
        returns (bool)
    {
        if (size2 < size1) return false;
        if (size1 == size2) return proof.length == 0 && root1 == root2;
        if (size1 == 0) return proof.length == 0;
        if (proof.length == 0) return false;

        // Step 1-2: if size1 is an exact power of two, the old root is the first node.
        uint256 start = 0;
        bytes32 seed;
        if (size1 & (size1 - 1) == 0) {
            seed = root1;
        } else {
            seed = proof[0];
            start = 1;
        }
        uint256 fn = size1 - 1;
        uint256 sn = size2 - 1;
        // Step 4: shift while the lowest bit of fn is set.
        while (fn & 1 == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        bytes32 fr = seed;
        bytes32 sr = seed;
        for (uint256 i = start; i < proof.length; i++) {
            if (sn == 0) return false;
            bytes32 c = proof[i];
            if (fn & 1 == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while (fn & 1 == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr == root1 && sr == root2;
    }

    /// @notice SHA-256(0x01 || left || right) without allocating memory per call.
    function nodeHash(bytes32 left, bytes32 right) internal view returns (bytes32 hash) {
        assembly ("memory-safe") {
            let buffer := mload(0x40)
            mstore8(buffer, 0x01)
            mstore(add(buffer, 1), left)
            mstore(add(buffer, 33), right)
            if iszero(staticcall(gas(), 0x02, buffer, 65, 0x00, 0x20)) { revert(0, 0) }
            hash := mload(0x00)
        }
    }
}
