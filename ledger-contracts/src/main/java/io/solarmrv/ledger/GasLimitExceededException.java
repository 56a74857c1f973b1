package io.solarmrv.ledger;

/**
 * A transaction needs more gas than one block of the chain holds (the node refused its estimate:
 * "gas required exceeds allowance"): it can never be mined as it is, so it is not retried. Thrown
 * before anything is signed; nothing is pending. A period of thousands of devices meets it at
 * {@code submitPeriod}, whose per-device claims grow with the device count.
 */
public final class GasLimitExceededException extends IllegalStateException {
    GasLimitExceededException(String call, String nodeMessage) {
        super(call + " needs more gas than one block of this chain holds (the node: " + nodeMessage + "); nothing was sent");
    }
}
