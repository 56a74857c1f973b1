// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {AnchorRegistry} from "./AnchorRegistry.sol";

/// @title MonitoringRegistry
/// @notice A project's monitoring periods and the verifier's decision on each. Enforced here:
///         only the project's participant submits; a period rests on a log root that the
///         AnchorRegistry confirms (the latest anchored one, or proven a prefix of it); no two
///         periods hold the same device at the same instant, whichever projects they are of (a
///         device's instant is claimed once, so it is credited once); a decision is taken once, by
///         a holder of VERIFIER_ROLE, whose signature over the decision is checked and kept. The
///         participant may withdraw a submitted or approved period (late data changed its report),
///         and a rejection does the same: the period's interval is freed for a new submission to be
///         verified afresh, even while later periods hold the device (periods out of order). An
///         issued period is never freed. CreditIssuance issues only periods still approved, and
///         marks them Issued.
///
///         A period's devices are added in groups (one, for submitPeriod), so that a period of
///         thousands of devices fits in transactions under the block gas limit. devicesHash chains
///         them: h = keccak256(h || id) from h = 0, over the ids in increasing order, whatever the
///         grouping. A rejected or withdrawn period frees its interval a group at a time.
///
///         Per device: `monitoredUntil`, the end of the latest interval claimed, and below it the
///         freed intervals (`freedUntil[device][start]` = end), one per freed period. A period may
///         start at or after `monitoredUntil`, or at the start of a freed interval and end within it.
contract MonitoringRegistry is AccessControlDefaultAdminRules {
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    bytes32 public constant VERIFIER_ROLE = keccak256("VERIFIER_ROLE");
    /// @notice Held by the CreditIssuance contract alone: it marks the periods it issues.
    bytes32 public constant ISSUANCE_ROLE = keccak256("ISSUANCE_ROLE");

    enum Status {
        None,
        Submitted,
        Approved,
        Rejected,
        Withdrawn,
        Issued,
        /// Opened for its devices to be added in groups; not yet submitted for a decision.
        Open
    }

    /// @notice What a participant claims for a period. Times are Unix seconds, [start, end).
    ///         reductionKg is the emission reduction in kg CO2 (floored); credits in whole tCO2 (floored).
    struct Claim {
        bytes32 projectId;
        uint64 start;
        uint64 end;
        bytes32 reportHash;
        bytes32 logId;
        uint64 logSize;
        bytes32 logRoot;
        uint64 reductionKg;
        uint64 credits;
    }

    struct Period {
        Claim claim;
        bytes32 devicesHash;
        Status status;
        address verifier;
        bytes32 statementHash;
    }

    AnchorRegistry public immutable anchors;
    mapping(bytes32 projectId => address participant) public participantOf;
    mapping(bytes32 deviceId => uint64 until) public monitoredUntil;
    /// @notice Freed intervals below monitoredUntil, by device: start => end (0: none starts there).
    mapping(bytes32 deviceId => mapping(uint64 start => uint64 end)) public freedUntil;
    /// @dev The same intervals by end: end => start (valid only where freedUntil[start] == end).
    mapping(bytes32 deviceId => mapping(uint64 end => uint64 start)) private freedFrom;
    mapping(bytes32 reportHash => uint256 periodId) public periodOfReport;
    mapping(uint256 periodId => Period) private periods;
    /// @dev Per period, the devices hash at the end of each group added, and which are freed.
    mapping(uint256 periodId => bytes32[] ends) private groupEnds;
    mapping(uint256 periodId => mapping(uint256 group => bool)) private groupFreed;
    mapping(uint256 periodId => bytes32 device) private lastDeviceOf;
    uint256 public periodCount;

    event ProjectRegistered(bytes32 indexed projectId, address participant);
    event ParticipantChanged(bytes32 indexed projectId, address previous, address participant);
    event PeriodSubmitted(uint256 indexed periodId, bytes32 indexed projectId, uint64 start, uint64 end, bytes32 reportHash);
    event PeriodDecided(uint256 indexed periodId, bool approved, address verifier, bytes32 statementHash, bytes signature);
    event PeriodWithdrawn(uint256 indexed periodId, bytes32 indexed projectId, bytes32 reason);
    event DevicesFreed(uint256 indexed periodId, uint256 group);

    error UnknownProject(bytes32 projectId);
    error ProjectAlreadyRegistered(bytes32 projectId);
    error NotParticipant(bytes32 projectId, address caller);
    error EmptyPeriod(uint64 start, uint64 end);
    error DevicesNotSortedOrEmpty();
    error RootNotAnchored(bytes32 logId, uint64 logSize, bytes32 logRoot);
    error ReportAlreadySubmitted(bytes32 reportHash, uint256 periodId);
    error PeriodOverlaps(bytes32 deviceId, uint64 monitoredUntil, uint64 start);
    error UnknownPeriod(uint256 periodId);
    error AlreadyDecided(uint256 periodId, Status status);
    error DevicesMismatch(uint256 periodId);
    error SignerNotVerifier(address signer);
    error NotWithdrawable(uint256 periodId, Status status);
    error NotOpen(uint256 periodId, Status status);
    error NotSealed(uint256 periodId);
    error NotFreeable(uint256 periodId, Status status);

    constructor(uint48 adminDelay, address admin, AnchorRegistry anchorRegistry)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        anchors = anchorRegistry;
    }

    function registerProject(bytes32 projectId, address participant) external onlyRole(REGISTRAR_ROLE) {
        if (participantOf[projectId] != address(0)) revert ProjectAlreadyRegistered(projectId);
        participantOf[projectId] = participant;
        emit ProjectRegistered(projectId, participant);
    }

    /// @notice The registrar moves a project to a new participant address (a key rotated, or one
    ///         feared stolen). From then on only the new address submits, withdraws and requests
    ///         issuance; what the old one did stands.
    function setParticipant(bytes32 projectId, address participant) external onlyRole(REGISTRAR_ROLE) {
        address previous = participantOf[projectId];
        if (previous == address(0)) revert UnknownProject(projectId);
        if (participant == address(0)) revert NotParticipant(projectId, participant);
        participantOf[projectId] = participant;
        emit ParticipantChanged(projectId, previous, participant);
    }

    /// @notice Submits a period for the given devices (ids strictly increasing) in one transaction,
    ///         with the consistency proof from the claim's log checkpoint to the latest anchored one
    ///         (empty if it is the latest). Returns its id (from 1). A period of more devices than one
    ///         transaction can claim is submitted in groups: openPeriod, addDevices, sealPeriod.
    function submitPeriod(Claim calldata claim, bytes32[] calldata deviceIds, bytes32[] calldata logProof)
        external
        returns (uint256 periodId)
    {
        periodId = open(claim, logProof);
        add(periodId, deviceIds);
        seal(periodId);
    }

    /// @notice Opens a period to be given its devices in groups (addDevices) and then sealed
    ///         (sealPeriod); checked as submitPeriod checks. An open period cannot be decided; its
    ///         participant may withdraw it.
    function openPeriod(Claim calldata claim, bytes32[] calldata logProof) external returns (uint256 periodId) {
        periodId = open(claim, logProof);
    }

    /// @notice Claims the period's interval for the next group of its devices, ids strictly
    ///         increasing within the group and after the previous group's.
    function addDevices(uint256 periodId, bytes32[] calldata deviceIds) external {
        Period storage period = periods[periodId];
        if (period.status != Status.Open) revert NotOpen(periodId, period.status);
        if (msg.sender != participantOf[period.claim.projectId]) revert NotParticipant(period.claim.projectId, msg.sender);
        add(periodId, deviceIds);
    }

    /// @notice Closes an open period's device list and submits it for a decision.
    function sealPeriod(uint256 periodId) external {
        Period storage period = periods[periodId];
        if (period.status != Status.Open) revert NotOpen(periodId, period.status);
        if (msg.sender != participantOf[period.claim.projectId]) revert NotParticipant(period.claim.projectId, msg.sender);
        seal(periodId);
    }

    function open(Claim calldata claim, bytes32[] calldata logProof) private returns (uint256 periodId) {
        address participant = participantOf[claim.projectId];
        if (participant == address(0)) revert UnknownProject(claim.projectId);
        if (msg.sender != participant) revert NotParticipant(claim.projectId, msg.sender);
        if (claim.end <= claim.start) revert EmptyPeriod(claim.start, claim.end);
        if (periodOfReport[claim.reportHash] != 0) {
            revert ReportAlreadySubmitted(claim.reportHash, periodOfReport[claim.reportHash]);
        }
        if (!anchors.isAnchoredPrefix(claim.logId, claim.logSize, claim.logRoot, logProof)) {
            revert RootNotAnchored(claim.logId, claim.logSize, claim.logRoot);
        }
        periodId = ++periodCount;
        periods[periodId] = Period(claim, bytes32(0), Status.Open, address(0), 0);
        periodOfReport[claim.reportHash] = periodId;
    }

    /// @dev Claims the interval for a group of devices and extends the devices hash over them.
    function add(uint256 periodId, bytes32[] calldata deviceIds) private {
        Period storage period = periods[periodId];
        bytes32[] storage ends = groupEnds[periodId];
        if (deviceIds.length == 0) revert DevicesNotSortedOrEmpty();
        if (ends.length > 0 && deviceIds[0] <= lastDeviceOf[periodId]) revert DevicesNotSortedOrEmpty();
        bytes32 hash = period.devicesHash;
        for (uint256 i = 0; i < deviceIds.length; i++) {
            bytes32 device = deviceIds[i];
            if (i > 0 && device <= deviceIds[i - 1]) revert DevicesNotSortedOrEmpty();
            claim_(device, period.claim.start, period.claim.end);
            hash = keccak256(abi.encodePacked(hash, device));
        }
        period.devicesHash = hash;
        ends.push(hash);
        lastDeviceOf[periodId] = deviceIds[deviceIds.length - 1];
    }

    function seal(uint256 periodId) private {
        Period storage period = periods[periodId];
        if (groupEnds[periodId].length == 0) revert DevicesNotSortedOrEmpty();
        period.status = Status.Submitted;
        emit PeriodSubmitted(periodId, period.claim.projectId, period.claim.start, period.claim.end, period.claim.reportHash);
    }

    /// @notice The digest a verifier signs (EIP-191 personal message) to approve or reject a period.
    function decisionDigest(uint256 periodId, bool approve, bytes32 statementHash) public view returns (bytes32) {
        Period storage period = periods[periodId];
        return MessageHashUtils.toEthSignedMessageHash(
            keccak256(abi.encode(address(this), block.chainid, periodId, period.claim.reportHash, approve, statementHash))
        );
    }

    /// @notice Records the verifier's decision. Anyone may relay it; the signature must come from a
    ///         holder of VERIFIER_ROLE. After a rejection the period's interval is freed for its
    ///         devices, group by group (freeDevices).
    function decide(uint256 periodId, bool approve, bytes32 statementHash, bytes calldata signature) external {
        Period storage period = periods[periodId];
        if (period.status == Status.None) revert UnknownPeriod(periodId);
        if (period.status == Status.Open) revert NotSealed(periodId);
        if (period.status != Status.Submitted) revert AlreadyDecided(periodId, period.status);
        address signer = ECDSA.recover(decisionDigest(periodId, approve, statementHash), signature);
        if (!hasRole(VERIFIER_ROLE, signer)) revert SignerNotVerifier(signer);
        period.status = approve ? Status.Approved : Status.Rejected;
        period.verifier = signer;
        period.statementHash = statementHash;
        emit PeriodDecided(periodId, approve, signer, statementHash, signature);
    }

    /// @notice The participant withdraws an open, submitted or approved period whose report no
    ///         longer holds (reason: e.g. the hash of the restated report). Its interval is then freed
    ///         for a new submission, group by group (freeDevices). An issued period cannot be withdrawn
    ///         (CreditIssuance marks it Issued), and CreditIssuance issues only periods still Approved.
    function withdraw(uint256 periodId, bytes32 reason) external {
        Period storage period = periods[periodId];
        if (period.status == Status.None) revert UnknownPeriod(periodId);
        if (msg.sender != participantOf[period.claim.projectId]) revert NotParticipant(period.claim.projectId, msg.sender);
        if (period.status != Status.Submitted && period.status != Status.Approved && period.status != Status.Open) {
            revert NotWithdrawable(periodId, period.status);
        }
        period.status = Status.Withdrawn;
        emit PeriodWithdrawn(periodId, period.claim.projectId, reason);
    }

    /// @notice CreditIssuance marks an approved period issued; from then on it cannot be withdrawn.
    function markIssued(uint256 periodId) external onlyRole(ISSUANCE_ROLE) {
        Period storage period = periods[periodId];
        if (period.status != Status.Approved) revert NotWithdrawable(periodId, period.status);
        period.status = Status.Issued;
    }

    /// @dev Claims [start, end) of a device: after everything claimed, or inside a freed interval that starts at start.
    function claim_(bytes32 device, uint64 start, uint64 end) private {
        uint64 until = monitoredUntil[device];
        if (start >= until) {
            monitoredUntil[device] = end;
            return;
        }
        uint64 freedEnd = freedUntil[device][start];
        if (freedEnd <= start || end > freedEnd) revert PeriodOverlaps(device, until, start);
        delete freedUntil[device][start];
        if (end < freedEnd) {
            freedUntil[device][end] = freedEnd;
            freedFrom[device][freedEnd] = end;
        }
    }

    /// @notice Frees a rejected or withdrawn period's interval for one group of its devices, given
    ///         exactly as added (group: its index, from 0). Anyone may send it: the group is checked
    ///         against the devices hash kept at the group's end, and each group is freed once.
    function freeDevices(uint256 periodId, uint256 group, bytes32[] calldata deviceIds) external {
        Period storage period = periods[periodId];
        if (period.status != Status.Rejected && period.status != Status.Withdrawn) revert NotFreeable(periodId, period.status);
        bytes32[] storage ends = groupEnds[periodId];
        if (group >= ends.length || groupFreed[periodId][group]) revert DevicesMismatch(periodId);
        bytes32 hash = group == 0 ? bytes32(0) : ends[group - 1];
        for (uint256 i = 0; i < deviceIds.length; i++) {
            hash = keccak256(abi.encodePacked(hash, deviceIds[i]));
        }
        if (hash != ends[group]) revert DevicesMismatch(periodId);
        groupFreed[periodId][group] = true;
        for (uint256 i = 0; i < deviceIds.length; i++) {
            free(deviceIds[i], period.claim.start, period.claim.end);
        }
        emit DevicesFreed(periodId, group);
    }

    /// @notice The devices hash at the end of each of a period's device groups, in the order added
    ///         (the last is the period's devicesHash), and which groups are freed.
    function groupsOf(uint256 periodId) external view returns (bytes32[] memory ends, bool[] memory freed) {
        ends = groupEnds[periodId];
        freed = new bool[](ends.length);
        for (uint256 i = 0; i < ends.length; i++) {
            freed[i] = groupFreed[periodId][i];
        }
    }

    /// @dev Frees [start, end) of a device. If it is the latest claimed, monitoredUntil drops,
    ///      folding in the freed intervals right below it; otherwise it is kept as a freed interval of
    ///      its own, to be claimed again from its start (a restated period, resubmitted).
    function free(bytes32 device, uint64 start, uint64 end) private {
        if (monitoredUntil[device] != end) {
            freedUntil[device][start] = end;
            freedFrom[device][end] = start;
            return;
        }
        uint64 until = start;
        while (true) {
            uint64 below = freedFrom[device][until];
            if (below >= until || freedUntil[device][below] != until) break;
            delete freedUntil[device][below];
            until = below;
        }
        monitoredUntil[device] = until;
    }

    function periodAt(uint256 periodId) external view returns (Period memory) {
        return periods[periodId];
    }
}
