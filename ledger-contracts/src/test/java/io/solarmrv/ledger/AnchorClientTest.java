package io.solarmrv.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real anvil node started by the test. */
class AnchorClientTest {
    private static AnvilNode anvil;

    @BeforeAll
    static void startChain() throws Exception {
        anvil = AnvilNode.start();
    }

    @AfterAll
    static void stopChain() {
        anvil.close();
    }

    private static byte[] root(int fill) {
        byte[] root = new byte[32];
        Arrays.fill(root, (byte) fill);
        return root;
    }

    @Test
    void anchorsIncreasingTreeSizesAndIsIdempotentByContent() throws Exception {
        String address = AnchorClient.deploy(anvil.chain());
        try (AnchorClient client = AnchorClient.connect(anvil.chain(), address)) {
            AnchorClient.AnchorReceipt first = client.anchor(10, root(1));
            assertTrue(first.transactionHash().startsWith("0x"));
            assertTrue(first.blockNumber() > 0);
            assertArrayEquals(root(1), client.rootAt(10).orElseThrow());

            AnchorClient.AnchorReceipt again = client.anchor(10, root(1));
            assertEquals("", again.transactionHash(), "re-anchoring the same checkpoint sends nothing");

            client.anchor(20, root(2));
            assertEquals(20, client.latestTreeSize());
            assertFalse(client.rootAt(15).isPresent());
        }
    }

    @Test
    void theContractRefusesAShrinkingLogAndAConflictingRoot() throws Exception {
        String address = AnchorClient.deploy(anvil.chain());
        try (AnchorClient client = AnchorClient.connect(anvil.chain(), address)) {
            client.anchor(100, root(3));
            assertThrows(Exception.class, () -> client.anchor(50, root(4)), "tree size must increase");
            assertThrows(IllegalStateException.class, () -> client.anchor(100, root(5)), "a size cannot get a second root");
            assertEquals(100, client.latestTreeSize());
        }
    }
}
