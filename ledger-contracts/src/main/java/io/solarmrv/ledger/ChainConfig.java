package io.solarmrv.ledger;

import java.io.Serializable;

/**
 * How to reach a chain: the JSON-RPC URL, its chain id, and the private key of the account that
 * sends transactions.
 */
public record ChainConfig(String rpcUrl, long chainId, String privateKeyHex) implements Serializable {

    /** anvil's chain id. */
    public static final long ANVIL_CHAIN_ID = 31337;

    /** anvil's first pre-funded development account (publicly known; for local chains only). */
    public static final String ANVIL_DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    public static ChainConfig anvil(String rpcUrl) {
        return new ChainConfig(rpcUrl, ANVIL_CHAIN_ID, ANVIL_DEV_KEY);
    }

    @Override
    public String toString() {
        return "ChainConfig[" + rpcUrl + ", chainId=" + chainId + ", key=<hidden>]";
    }
}
