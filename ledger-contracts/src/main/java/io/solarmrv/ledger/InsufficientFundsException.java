package io.solarmrv.ledger;

import java.math.BigInteger;

/**
 * An account cannot pay for a transaction it is about to send: its balance is below the gas limit
 * times the fee cap (plus any value sent). Thrown before anything is signed, so nothing is pending;
 * whoever funds the account can top it up by {@link #needed} and send again.
 */
public final class InsufficientFundsException extends IllegalStateException {
    private final String account;
    private final BigInteger needed;
    private final BigInteger balance;

    InsufficientFundsException(String call, String account, BigInteger needed, BigInteger balance, BigInteger gasLimit,
                               BigInteger feeCap) {
        super(call + ": account " + account + " holds " + balance + " wei; the transaction may cost up to " + needed
                + " wei (gas limit " + gasLimit + " at a fee cap of " + feeCap + " wei/gas)");
        this.account = account;
        this.needed = needed;
        this.balance = balance;
    }

    /** The account that cannot pay. */
    public String account() {
        return account;
    }

    /** The most the transaction may cost, in wei: what the account must hold to send it. */
    public BigInteger needed() {
        return needed;
    }

    public BigInteger balance() {
        return balance;
    }
}
