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

    /**
     * Confirmations on a chain that can reorganise: 12 blocks, about 2.4 minutes on Ethereum, the
     * depth wallets and exchanges long used; a local development chain needs one.
     */
    public static final int PUBLIC_CHAIN_CONFIRMATIONS = 12;

    /** The policy for a chain: {@link #DEFAULT} on a local development chain (anvil, Hardhat), else {@link #PUBLIC_CHAIN_CONFIRMATIONS}. */
    public static SendPolicy forChain(long chainId) {
        boolean local = chainId == ChainConfig.ANVIL_CHAIN_ID || chainId == 1337;
        return local ? DEFAULT : new SendPolicy(PUBLIC_CHAIN_CONFIRMATIONS, Duration.ofMinutes(10));
    }

    public SendPolicy {
        if (confirmations < 1) {
            throw new IllegalArgumentException("confirmations must be at least 1, not " + confirmations);
        }
        if (retryFor.isNegative()) {
            throw new IllegalArgumentException("retryFor must not be negative");
        }
    }
}
