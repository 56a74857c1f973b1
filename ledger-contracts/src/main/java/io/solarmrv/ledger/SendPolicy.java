package io.solarmrv.ledger;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the ledger clients send a transaction: how many blocks must be on top of it (including its
 * own) before it counts as done, how long to keep retrying while the node is unreachable, and how
 * long a sent transaction may wait unmined before it is stuck and replaced at the same nonce with
 * higher fees ({@code stuckAfter}).
 */
public record SendPolicy(int confirmations, Duration retryFor, Duration stuckAfter) implements Serializable {

    /** Stuck after 30 s unmined: two to three Ethereum blocks. */
    public static final Duration STUCK_AFTER = Duration.ofSeconds(30);

    /** One confirmation (right for anvil's instant blocks), retry for two minutes, stuck after 30 s. */
    public static final SendPolicy DEFAULT = new SendPolicy(1, Duration.ofMinutes(2));

    public SendPolicy(int confirmations, Duration retryFor) {
        this(confirmations, retryFor, STUCK_AFTER);
    }

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

    /** The policy for a configured chain: its {@link ChainConfig#confirmations()} if set, else {@link #forChain(long)}. */
    public static SendPolicy forChain(ChainConfig chain) {
        SendPolicy policy = forChain(chain.chainId());
        return chain.confirmations() == 0 ? policy : new SendPolicy(chain.confirmations(), policy.retryFor(), policy.stuckAfter());
    }

    public SendPolicy {
        if (confirmations < 1) {
            throw new IllegalArgumentException("confirmations must be at least 1, not " + confirmations);
        }
        if (retryFor.isNegative()) {
            throw new IllegalArgumentException("retryFor must not be negative");
        }
        if (stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("stuckAfter must be positive");
        }
    }
}
