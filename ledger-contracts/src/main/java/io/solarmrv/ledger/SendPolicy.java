package io.solarmrv.ledger;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the ledger clients send a transaction: how many blocks must be on top of it (including its
 * own) before it counts as done, and how long to keep retrying while the node is unreachable.
 */
public record SendPolicy(int confirmations, Duration retryFor) implements Serializable {

    /** One confirmation (right for anvil's instant blocks), retry for two minutes. */
    public static final SendPolicy DEFAULT = new SendPolicy(1, Duration.ofMinutes(2));

    public SendPolicy {
        if (confirmations < 1) {
            throw new IllegalArgumentException("confirmations must be at least 1, not " + confirmations);
        }
        if (retryFor.isNegative()) {
            throw new IllegalArgumentException("retryFor must not be negative");
        }
    }
}
