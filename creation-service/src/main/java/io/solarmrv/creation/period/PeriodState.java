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
    SUBMITTED, APPROVED, REJECTED, ISSUANCE_REQUESTED, ISSUED, RESTATED, WITHDRAWN;

    /**
     * Whether a period in this state may become {@code next}: the diagram above as one table, which
     * {@link Periods} checks on every change. An ISSUED period stays ISSUED when late data adds a
     * report version (the issued figures stand); REJECTED and WITHDRAWN are final.
     */
    public boolean mayBecome(PeriodState next) {
        return switch (this) {
            case SUBMITTED -> next == APPROVED || next == REJECTED || next == RESTATED;
            case APPROVED -> next == ISSUANCE_REQUESTED || next == RESTATED;
            case ISSUANCE_REQUESTED -> next == ISSUED || next == RESTATED;
            case RESTATED -> next == RESTATED || next == REJECTED || next == WITHDRAWN;
            case ISSUED -> next == ISSUED;
            case REJECTED, WITHDRAWN -> false;
        };
    }
}
