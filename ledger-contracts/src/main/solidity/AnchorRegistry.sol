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
///         a promise of its operator. Storage holds each log's latest checkpoint only (two slots,
///         updated in place, which keeps an anchor under 80k gas at 10^9 leaves); every checkpoint
///         is in an Anchored event (log id and tree size indexed) with the hash of its signed note,
///         and any earlier root can be checked against the latest with isAnchoredPrefix.
contract AnchorRegistry is AccessControlDefaultAdminRules {
    bytes32 public constant ANCHOR_ROLE = keccak256("ANCHOR_ROLE");

    struct Head {
        uint64 treeSize;
        uint64 count;
        uint64 anchoredAt;
    }

    mapping(bytes32 logId => Head) private heads;
    mapping(bytes32 logId => bytes32 root) private latestRoots;

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
        } else if (!MerkleConsistency.verify(head.treeSize, treeSize, latestRoots[logId], root, proof)) {
            revert NotConsistent(logId, head.treeSize, treeSize);
        }
        latestRoots[logId] = root;
        heads[logId] = Head(treeSize, head.count + 1, uint64(block.timestamp));
        emit Anchored(logId, treeSize, root, checkpointHash, head.count);
    }

    /// @notice The log's latest anchored checkpoint, how many it has, and when the latest was anchored.
    function latest(bytes32 logId)
        external
        view
        returns (uint64 treeSize, bytes32 root, uint64 count, uint64 anchoredAt)
    {
        Head memory head = heads[logId];
        return (head.treeSize, latestRoots[logId], head.count, head.anchoredAt);
    }

    /// @notice Whether (treeSize, root) is the log as it was at that size: the latest anchored
    ///         checkpoint itself (with an empty proof), or an earlier tree proven consistent with
    ///         it by PROOF(treeSize, D[latest]). Because every anchor extended the one before, this
    ///         holds exactly for the roots the log really had.
    function isAnchoredPrefix(bytes32 logId, uint64 treeSize, bytes32 root, bytes32[] calldata proof)
        public
        view
        returns (bool)
    {
        Head memory head = heads[logId];
        if (head.treeSize == 0 || treeSize == 0 || root == bytes32(0)) return false;
        return MerkleConsistency.verify(treeSize, head.treeSize, root, latestRoots[logId], proof);
    }
}
