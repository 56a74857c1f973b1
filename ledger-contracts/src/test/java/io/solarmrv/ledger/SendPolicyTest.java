package io.solarmrv.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SendPolicyTest {
    @Test
    void aLocalChainNeedsOneConfirmationAnyOtherTwelve() {
        assertEquals(1, SendPolicy.forChain(ChainConfig.ANVIL_CHAIN_ID).confirmations());
        assertEquals(1, SendPolicy.forChain(1337).confirmations(), "Hardhat");
        assertEquals(SendPolicy.PUBLIC_CHAIN_CONFIRMATIONS, SendPolicy.forChain(1).confirmations(), "Ethereum mainnet");
        assertEquals(12, SendPolicy.forChain(11_155_111).confirmations(), "Sepolia");
    }

    @Test
    void configuredConfirmationsOverrideTheChainsDefault() {
        assertEquals(3, SendPolicy.forChain(new ChainConfig("http://127.0.0.1:8545", 1, "0x01", 3)).confirmations());
        assertEquals(64, SendPolicy.forChain(new ChainConfig("http://127.0.0.1:8545", ChainConfig.ANVIL_CHAIN_ID, "0x01", 64))
                .confirmations(), "even on a local chain");
        assertEquals(12, SendPolicy.forChain(new ChainConfig("http://127.0.0.1:8545", 1, "0x01")).confirmations(), "0: the chain's own");
        assertThrows(IllegalArgumentException.class, () -> new ChainConfig("http://127.0.0.1:8545", 1, "0x01", -1));
    }
}
