package io.solarmrv.ledger;

import java.io.Serializable;
import java.security.GeneralSecurityException;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * How to reach a chain: the JSON-RPC URL, its chain id, the private key of the account that sends
 * transactions, and how many blocks must carry a transaction before it counts as done
 * ({@code confirmations}; 0 takes the chain's default, {@link SendPolicy#forChain}).
 */
public record ChainConfig(String rpcUrl, long chainId, String privateKeyHex, int confirmations) implements Serializable {

    /** anvil's chain id. */
    public static final long ANVIL_CHAIN_ID = 31337;

    public ChainConfig {
        if (confirmations < 0) {
            throw new IllegalArgumentException("confirmations must be 0 (the chain's default) or more, not " + confirmations);
        }
    }

    /** The chain's default number of confirmations. */
    public ChainConfig(String rpcUrl, long chainId, String privateKeyHex) {
        this(rpcUrl, chainId, privateKeyHex, 0);
    }

    /** The same chain with another account. */
    public ChainConfig withKey(String otherPrivateKeyHex) {
        return new ChainConfig(rpcUrl, chainId, otherPrivateKeyHex, confirmations);
    }

    /**
     * For reads only: a fresh random key that holds nothing, so that nothing can be sent with it
     * (verifying a bundle against a chain needs no account).
     */
    public static ChainConfig readOnly(String rpcUrl, long chainId) {
        try {
            return new ChainConfig(rpcUrl, chainId, Numeric.toHexStringWithPrefixZeroPadded(Keys.createEcKeyPair().getPrivateKey(), 64));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no secp256k1 key generator", e);
        }
    }

    @Override
    public String toString() {
        return "ChainConfig[" + rpcUrl + ", chainId=" + chainId + ", key=<hidden>, confirmations="
                + (confirmations == 0 ? "chain default" : confirmations) + "]";
    }
}
