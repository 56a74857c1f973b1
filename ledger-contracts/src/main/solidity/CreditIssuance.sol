// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {MonitoringRegistry} from "./MonitoringRegistry.sol";

/// @title CreditIssuance
/// @notice Issuance of credits for approved monitoring periods. Enforced here: only the project's
///         participant requests issuance, and only of an approved period; only ISSUER_ROLE (the
///         registry administrator) issues; a period is issued at most once; a device's generation
///         is issued at most once across all periods and projects, because MonitoringRegistry lets
///         no two periods hold a device at the same instant and never frees an issued one (so
///         periods may be issued in any order); serial numbers are a numeric range, never reused;
///         retirement is final.
///         Credits are registry entries, not tokens (docs/adr/0002-credits-are-not-tokens.md).
contract CreditIssuance is AccessControlDefaultAdminRules {
    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");

    enum Status {
        None,
        Requested,
        Issued
    }

    struct Issuance {
        Status status;
        address holder;
        uint64 firstSerial;
        uint64 lastSerial;
        uint64 retired;
    }

    MonitoringRegistry public immutable monitoring;
    mapping(uint256 periodId => Issuance) private issuances;
    uint64 public nextSerial = 1;

    event IssuanceRequested(uint256 indexed periodId, bytes32 indexed projectId, address holder);
    event Issued(uint256 indexed periodId, bytes32 indexed projectId, uint64 firstSerial, uint64 lastSerial, address holder);
    event Retired(uint256 indexed periodId, uint64 firstSerial, uint64 lastSerial, bytes32 beneficiaryHash);

    error NotParticipant(bytes32 projectId, address caller);
    error PeriodNotApproved(uint256 periodId);
    error NothingToIssue(uint256 periodId);
    error AlreadyRequested(uint256 periodId, Status status);
    error NotRequested(uint256 periodId, Status status);
    error NotHolder(uint256 periodId, address caller);
    error RetireExceedsBalance(uint256 periodId, uint64 requested, uint64 remaining);

    constructor(uint48 adminDelay, address admin, MonitoringRegistry monitoringRegistry)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        monitoring = monitoringRegistry;
    }

    /// @notice The project participant asks for an approved period's credits to be issued to holder.
    function requestIssuance(uint256 periodId, address holder) external {
        MonitoringRegistry.Period memory period = monitoring.periodAt(periodId);
        bytes32 projectId = period.claim.projectId;
        if (msg.sender != monitoring.participantOf(projectId) || projectId == bytes32(0)) {
            revert NotParticipant(projectId, msg.sender);
        }
        Issuance storage issuance = issuances[periodId];
        if (issuance.status != Status.None) revert AlreadyRequested(periodId, issuance.status);
        if (period.status != MonitoringRegistry.Status.Approved) revert PeriodNotApproved(periodId);
        if (period.claim.credits == 0) revert NothingToIssue(periodId);
        issuance.status = Status.Requested;
        issuance.holder = holder;
        emit IssuanceRequested(periodId, projectId, holder);
    }

    /// @notice Issues a requested period. Its devices need not be given: MonitoringRegistry holds
    ///         them (devicesHash) and lets no other period hold them at the same instants.
    function issue(uint256 periodId) external onlyRole(ISSUER_ROLE) {
        Issuance storage issuance = issuances[periodId];
        if (issuance.status != Status.Requested) revert NotRequested(periodId, issuance.status);
        MonitoringRegistry.Period memory period = monitoring.periodAt(periodId);
        // Withdrawn since the request (late data changed its report): it must be verified afresh.
        if (period.status != MonitoringRegistry.Status.Approved) revert PeriodNotApproved(periodId);
        uint64 first = nextSerial;
        uint64 last = first + period.claim.credits - 1;
        nextSerial = last + 1;
        issuance.status = Status.Issued;
        monitoring.markIssued(periodId);
        issuance.firstSerial = first;
        issuance.lastSerial = last;
        emit Issued(periodId, period.claim.projectId, first, last, issuance.holder);
    }

    /// @notice Retires the next count credits of an issuance, for the beneficiary whose details hash
    ///         to beneficiaryHash. There is no way back.
    function retire(uint256 periodId, uint64 count, bytes32 beneficiaryHash) external {
        Issuance storage issuance = issuances[periodId];
        if (issuance.status != Status.Issued || msg.sender != issuance.holder) revert NotHolder(periodId, msg.sender);
        uint64 remaining = issuance.lastSerial - issuance.firstSerial + 1 - issuance.retired;
        if (count == 0 || count > remaining) revert RetireExceedsBalance(periodId, count, remaining);
        uint64 first = issuance.firstSerial + issuance.retired;
        issuance.retired += count;
        emit Retired(periodId, first, first + count - 1, beneficiaryHash);
    }

    function issuanceOf(uint256 periodId) external view returns (Issuance memory) {
        return issuances[periodId];
    }
}
