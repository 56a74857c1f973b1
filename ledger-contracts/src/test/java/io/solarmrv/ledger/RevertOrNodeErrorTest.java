package io.solarmrv.ledger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.Response;

/** Which JSON-RPC errors are a contract's final answer and which the node's passing trouble. */
class RevertOrNodeErrorTest {
    private static Response.Error error(int code, String message, String data) {
        Response.Error error = new Response.Error(code, message);
        error.setData(data);
        return error;
    }

    @Test
    void revertDataOrARevertMessageIsTheContractsAnswer() {
        assertTrue(ChainTransactions.isRevert(error(3, "execution reverted: custom error 0x1234abcd", "\"0x1234abcd0000\"")));
        assertTrue(ChainTransactions.isRevert(error(-32000, "execution reverted", null)), "a revert without a reason");
    }

    @Test
    void anythingElseIsTheNodesTroubleAndRetried() {
        assertFalse(ChainTransactions.isRevert(error(-32005, "limit exceeded", null)), "rate limited");
        assertFalse(ChainTransactions.isRevert(error(-32603, "internal error", null)));
        assertFalse(ChainTransactions.isRevert(error(-32000, "header not found", "0x")), "a node still syncing");
    }

    @Test
    void aCallAboveTheBlockGasLimitIsNeitherARevertNorPassingTrouble() {
        Response.Error anvil = error(-32003, "Out of gas: gas required exceeds allowance: 30000000", null);
        assertTrue(ChainTransactions.isAboveBlockGasLimit(anvil));
        assertFalse(ChainTransactions.isRevert(anvil));
        assertFalse(ChainTransactions.isAboveBlockGasLimit(error(-32005, "limit exceeded", null)), "rate limited: retried");
    }
}
