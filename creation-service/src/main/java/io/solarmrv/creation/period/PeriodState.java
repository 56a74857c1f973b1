package io.solarmrv.creation.period;

/**
 * Where a monitoring period stands.
 * <pre>
 * SUBMITTED --approve--> APPROVED --request--> ISSUANCE_REQUESTED --issue--> ISSUED
 *     |                     |                       |
 *     +--reject--> REJECTED (its interval is free again: close a new period over it)
 *     late data changing the report, at any state before ISSUED: RESTATED (issuance blocked)
 * RESTATED --reject--> REJECTED
 * RESTATED --resubmit--> WITHDRAWN (on chain too), and a new SUBMITTED period over the same
 *            interval carries the restated report to the verifier
 * </pre>
 * The chain holds the same states (MonitoringRegistry, CreditIssuance) and enforces them; these
 * mirror it and add RESTATED, which the chain cannot see.
 */
public enum PeriodState {
    SUBMITTED, APPROVED, REJECTED, ISSUANCE_REQUESTED, ISSUED, RESTATED, WITHDRAWN
}
