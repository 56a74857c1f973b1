package io.solarmrv.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SendPolicyTest {
    @Test
    void aLocalChainNeedsOneConfirmationAnyOtherTwelve() {
        assertEquals(1, SendPolicy.forChain(ChainConfig.ANVIL_CHAIN_ID).confirmations());
        assertEquals(1, SendPolicy.forChain(1337).confirmations(), "Hardhat");
        assertEquals(SendPolicy.PUBLIC_CHAIN_CONFIRMATIONS, SendPolicy.forChain(1).confirmations(), "Ethereum mainnet");
        assertEquals(12, SendPolicy.forChain(11_155_111).confirmations(), "Sepolia");
    }
}
