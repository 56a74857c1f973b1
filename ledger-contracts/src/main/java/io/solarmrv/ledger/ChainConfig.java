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

    /** anvil's first five pre-funded development accounts' keys (from its public test mnemonic). */
    private static final String[] ANVIL_DEV_KEYS = {
        ANVIL_DEV_KEY,
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
        "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
    };

    public static ChainConfig anvil(String rpcUrl) {
        return new ChainConfig(rpcUrl, ANVIL_CHAIN_ID, ANVIL_DEV_KEY);
    }

    /** anvil's pre-funded development account number {@code index} (0-4); for local chains only. */
    public static ChainConfig anvilAccount(String rpcUrl, int index) {
        return new ChainConfig(rpcUrl, ANVIL_CHAIN_ID, ANVIL_DEV_KEYS[index]);
    }

    @Override
    public String toString() {
        return "ChainConfig[" + rpcUrl + ", chainId=" + chainId + ", key=<hidden>]";
    }
}
