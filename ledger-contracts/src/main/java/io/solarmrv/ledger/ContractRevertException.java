package io.solarmrv.ledger;

/**
 * A contract refused a call: one of its rules was broken. Not retried. The message names the call
 * and the contract's error with its arguments, e.g.
 * {@code AnchorRegistry.anchor reverted: TreeSizeNotIncreasing(logId=0x.., latest=100, proposed=50)}.
 */
public final class ContractRevertException extends RuntimeException {
    private final String errorName;

    ContractRevertException(String call, String errorName, String decoded) {
        super(call + " reverted: " + decoded);
        this.errorName = errorName;
    }

    /** The Solidity error's name ({@code TreeSizeNotIncreasing}), or {@code unknown}. */
    public String errorName() {
        return errorName;
    }
}
