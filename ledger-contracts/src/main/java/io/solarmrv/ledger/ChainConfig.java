package io.solarmrv.ledger;

import java.io.Serializable;
import java.security.GeneralSecurityException;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * How to reach a chain: the JSON-RPC URL, its chain id, and the private key of the account that
 * sends transactions.
 */
public record ChainConfig(String rpcUrl, long chainId, String privateKeyHex) implements Serializable {

    /** anvil's chain id. */
    public static final long ANVIL_CHAIN_ID = 31337;

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
        return "ChainConfig[" + rpcUrl + ", chainId=" + chainId + ", key=<hidden>]";
    }
}
