// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {MerkleConsistency} from "./MerkleConsistency.sol";

/// @title AnchorRegistry
/// @notice Keeps the checkpoints (tree size, root) of append-only Merkle logs (RFC 9162) on chain.
///         A log is named by a 32-byte id (the SHA-256 of its checkpoint origin line). Every new
///         checkpoint must be larger than the log's latest one and come with a consistency proof
///         from it, verified here: that the log only ever grows is a fact the chain enforces, not
///         a promise of its operator. The hash of the signed checkpoint note travels in the event.
contract AnchorRegistry is AccessControlDefaultAdminRules {
    bytes32 public constant ANCHOR_ROLE = keccak256("ANCHOR_ROLE");

    struct Head {
        uint64 treeSize;
        uint64 count;
        uint64 anchoredAt;
    }

    mapping(bytes32 logId => Head) private heads;
    mapping(bytes32 logId => mapping(uint64 treeSize => bytes32 root)) private roots;

    event Anchored(bytes32 indexed logId, uint64 indexed treeSize, bytes32 root, bytes32 checkpointHash, uint64 index);

    error EmptyRoot();
    error TreeSizeNotIncreasing(bytes32 logId, uint64 latest, uint64 proposed);
    error NotConsistent(bytes32 logId, uint64 latest, uint64 proposed);

    constructor(uint48 adminDelay, address admin) AccessControlDefaultAdminRules(adminDelay, admin) {}

    /// @notice Anchors checkpoint (treeSize, root) of a log. The first checkpoint of a log needs no
    ///         proof; every later one needs PROOF(latest size, D[treeSize]).
    function anchor(bytes32 logId, uint64 treeSize, bytes32 root, bytes32 checkpointHash, bytes32[] calldata proof)
        external
        onlyRole(ANCHOR_ROLE)
    {
        if (root == bytes32(0)) revert EmptyRoot();
        Head memory head = heads[logId];
        if (treeSize <= head.treeSize) revert TreeSizeNotIncreasing(logId, head.treeSize, treeSize);
        if (head.treeSize == 0) {
            if (proof.length != 0) revert NotConsistent(logId, 0, treeSize);
        } else if (!MerkleConsistency.verify(head.treeSize, treeSize, roots[logId][head.treeSize], root, proof)) {
            revert NotConsistent(logId, head.treeSize, treeSize);
        }
        roots[logId][treeSize] = root;
        heads[logId] = Head(treeSize, head.count + 1, uint64(block.timestamp));
        emit Anchored(logId, treeSize, root, checkpointHash, head.count);
    }

    /// @notice The root anchored for exactly this tree size, or zero if that size was never anchored.
    function rootAt(bytes32 logId, uint64 treeSize) external view returns (bytes32) {
        return roots[logId][treeSize];
    }

    /// @notice The log's latest anchored checkpoint, how many it has, and when the latest was anchored.
    function latest(bytes32 logId)
        external
        view
        returns (uint64 treeSize, bytes32 root, uint64 count, uint64 anchoredAt)
    {
        Head memory head = heads[logId];
        return (head.treeSize, roots[logId][head.treeSize], head.count, head.anchoredAt);
    }

    /// @notice Verifies a consistency proof between two sizes of a log against its anchored roots,
    ///         for auditors who want the chain's own code to judge a proof.
    function isConsistent(bytes32 logId, uint64 size1, uint64 size2, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        bytes32 root1 = roots[logId][size1];
        bytes32 root2 = roots[logId][size2];
        if (root1 == bytes32(0) || root2 == bytes32(0)) return false;
        return MerkleConsistency.verify(size1, size2, root1, root2, proof);
    }
}
