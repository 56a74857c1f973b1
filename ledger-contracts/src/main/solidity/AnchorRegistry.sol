// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title AnchorRegistry
/// @notice Keeps the checkpoints (tree size and root) of one append-only Merkle log
///         (RFC 9162) on chain, so an auditor can compare a proof's root with what was anchored.
///         Tree sizes only grow. Consistency proofs are checked on chain in a later version.
contract AnchorRegistry {
    struct Checkpoint {
        uint64 treeSize;
        bytes32 root;
        uint64 anchoredAt;
    }

    address public immutable operator;
    Checkpoint[] private checkpoints;
    mapping(uint64 => bytes32) public rootAtSize;

    event Anchored(uint64 indexed treeSize, bytes32 root, uint256 index);

    error NotOperator(address caller);
    error TreeSizeNotIncreasing(uint64 latest, uint64 proposed);
    error EmptyRoot();

    constructor() {
        operator = msg.sender;
    }

    /// @notice Anchors a checkpoint; the tree size must exceed the latest anchored one.
    function anchor(uint64 treeSize, bytes32 root) external {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        if (root == bytes32(0)) revert EmptyRoot();
        uint64 latestSize = checkpoints.length == 0 ? 0 : checkpoints[checkpoints.length - 1].treeSize;
        if (treeSize <= latestSize) revert TreeSizeNotIncreasing(latestSize, treeSize);
        checkpoints.push(Checkpoint(treeSize, root, uint64(block.timestamp)));
        rootAtSize[treeSize] = root;
        emit Anchored(treeSize, root, checkpoints.length - 1);
    }

    function checkpointCount() external view returns (uint256) {
        return checkpoints.length;
    }

    function checkpointAt(uint256 index) external view returns (uint64 treeSize, bytes32 root, uint64 anchoredAt) {
        Checkpoint storage c = checkpoints[index];
        return (c.treeSize, c.root, c.anchoredAt);
    }

    function latestTreeSize() external view returns (uint64) {
        return checkpoints.length == 0 ? 0 : checkpoints[checkpoints.length - 1].treeSize;
    }
}
