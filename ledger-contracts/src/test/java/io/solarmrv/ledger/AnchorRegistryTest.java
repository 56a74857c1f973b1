package io.solarmrv.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AnchorRegistry's rules, each broken once, against a real anvil node started by the test. */
class AnchorRegistryTest {
    private static AnvilNode anvil;
    private static LedgerDeployment ledger;

    @BeforeAll
    static void deploy() throws Exception {
        anvil = AnvilNode.start();
        ledger = LedgerDeployment.deploy(anvil.chain(), Duration.ofDays(2), LedgerDeployment.Roles.allTo(
                anvil.address(0)));
    }

    @AfterAll
    static void stop() {
        anvil.close();
    }

    private static AnchorClient client() {
        return AnchorClient.connect(anvil.chain(), ledger.anchorRegistry());
    }

    @Test
    void anchorsAGrowingLogWithConsistencyProofsVerifiedOnChain() throws Exception {
        TestLogs log = new TestLogs("grows");
        try (AnchorClient client = client()) {
            for (int size : new int[] {3, 7, 8, 100, 1000}) {
                AnchorClient.AnchorReceipt receipt = client.anchor(log.next(size));
                assertTrue(receipt.transactionHash().startsWith("0x"));
                assertArrayEquals(log.root(size), client.rootAt(log.logId, size).orElseThrow());
            }
            AnchorClient.LatestAnchor latest = client.latest(log.logId);
            assertEquals(1000, latest.treeSize());
            assertEquals(5, latest.count());
            assertArrayEquals(log.root(1000), latest.root());
            assertTrue(client.isAnchoredPrefix(log.logId, 3, log.root(3), log.proof(3, 1000)));
            assertTrue(client.isAnchoredPrefix(log.logId, 1000, log.root(1000), List.of()));
            assertTrue(client.isAnchoredPrefix(log.logId, 500, log.root(500), log.proof(500, 1000)), "never anchored, but a real prefix");
            assertFalse(client.isAnchoredPrefix(log.logId, 7, log.root(7), log.proof(3, 1000)), "a proof for other sizes");
            assertFalse(client.isAnchoredPrefix(log.logId, 7, log.root(8), log.proof(7, 1000)), "a root the log never had");
            assertArrayEquals(log.root(7), client.rootAt(log.logId, 7).orElseThrow(), "from the Anchored events");
            assertFalse(client.rootAt(log.logId, 500).isPresent());
        }
    }

    @Test
    void anchoringTheSameCheckpointAgainSendsNothing() throws Exception {
        TestLogs log = new TestLogs("idempotent");
        try (AnchorClient client = client()) {
            Anchor first = log.next(10);
            client.anchor(first);
            assertEquals("", client.anchor(first).transactionHash(), "already anchored: nothing sent");
            assertEquals(1, client.latest(log.logId).count());
        }
    }

    @Test
    void theChainRefusesEveryWayToRewriteTheLog() throws Exception {
        TestLogs log = new TestLogs("tamper");
        try (AnchorClient client = client()) {
            client.anchor(log.next(16));
            client.anchor(log.next(40));

            // A root for size 60 that does not extend the anchored size 40 (one leaf changed).
            log.grow(60);
            List<byte[]> forged = new ArrayList<>(log.leaves.subList(0, 60));
            forged.set(5, TestLogs.noteHash(5));
            byte[] forgedRoot = io.solarmrv.attestation.MerkleTree.root(forged);
            assertRevert("NotConsistent", () -> client.anchor(new Anchor(log.logId, 60, forgedRoot,
                    TestLogs.noteHash(60), 40, io.solarmrv.attestation.MerkleTree.consistencyProof(forged, 40))));

            // The honest root with a proof that has one byte flipped.
            List<byte[]> proof = new ArrayList<>(log.proof(40, 60));
            byte[] flipped = proof.get(0).clone();
            flipped[31] ^= 1;
            proof.set(0, flipped);
            assertRevert("NotConsistent", () -> client.anchor(new Anchor(log.logId, 60, log.root(60),
                    TestLogs.noteHash(60), 40, proof)));

            // No proof at all.
            assertRevert("NotConsistent", () -> client.anchor(new Anchor(log.logId, 60, log.root(60),
                    TestLogs.noteHash(60), 40, List.of())));

            // Replaying an old checkpoint, or any smaller size.
            assertRevert("TreeSizeNotIncreasing", () -> client.anchor(new Anchor(log.logId, 30, log.root(30),
                    TestLogs.noteHash(30), 16, log.proof(16, 30))));

            // A zero root.
            assertRevert("EmptyRoot", () -> client.anchor(new Anchor(log.logId, 70, new byte[32],
                    TestLogs.noteHash(70), 40, log.proof(40, 60))));

            // A log's first checkpoint cannot come with a proof (there is nothing to be consistent with).
            TestLogs other = new TestLogs("first with proof");
            other.grow(8);
            assertRevert("NotConsistent", () -> client.anchor(new Anchor(other.logId, 8, other.root(8),
                    TestLogs.noteHash(8), 0, other.proof(4, 8))));

            assertEquals(40, client.latest(log.logId).treeSize(), "nothing above was anchored");
            client.anchor(log.next(60));
            assertEquals(60, client.latest(log.logId).treeSize());
        }
    }

    @Test
    void onlyTheAnchorRoleMayAnchor() throws Exception {
        TestLogs log = new TestLogs("roles");
        try (AnchorClient stranger = AnchorClient.connect(anvil.account(3), ledger.anchorRegistry())) {
            assertRevert("AccessControlUnauthorizedAccount", () -> stranger.anchor(log.next(5)));
        }
    }

    @Test
    void onChainVerificationAgreesWithTheJavaReferenceOnRandomSizes() throws Exception {
        Random random = new Random(9162);
        TestLogs log = new TestLogs("random sizes");
        int size = 0;
        try (AnchorClient client = client()) {
            for (int i = 0; i < 12; i++) {
                size += 1 + random.nextInt(i < 6 ? 9 : 300);
                client.anchor(log.next(size)); // each anchor's proof is verified on chain
            }
            // Every earlier size against the latest: the chain's verifier and the Java reference agree.
            for (int earlier = 1; earlier < size; earlier += 1 + random.nextInt(17)) {
                List<byte[]> proof = log.proof(earlier, size);
                assertTrue(client.isAnchoredPrefix(log.logId, earlier, log.root(earlier), proof), earlier + " -> " + size);
                assertTrue(io.solarmrv.attestation.MerkleVerifier.verifyConsistency(earlier, size, log.root(earlier),
                        log.root(size), proof));
                List<byte[]> truncated = proof.subList(0, proof.size() - 1);
                assertFalse(client.isAnchoredPrefix(log.logId, earlier, log.root(earlier), truncated));
                assertFalse(io.solarmrv.attestation.MerkleVerifier.verifyConsistency(earlier, size, log.root(earlier),
                        log.root(size), truncated));
            }
        }
    }

    @Test
    void theDefaultAdminChangesOnlyInTwoStepsAfterTheDelay() throws Exception {
        var admin = io.solarmrv.ledger.contracts.AnchorRegistry.load(ledger.anchorRegistry(),
                org.web3j.protocol.Web3j.build(new org.web3j.protocol.http.HttpService(anvil.rpcUrl())),
                org.web3j.crypto.Credentials.create(anvil.chain().privateKeyHex()), new org.web3j.tx.gas.DefaultGasProvider());
        ChainConfig next = anvil.account(4);
        String nextAddress = org.web3j.crypto.Credentials.create(next.privateKeyHex()).getAddress();
        try (ChainTransactions newAdmin = new ChainTransactions(next, SendPolicy.DEFAULT, new GasMeter());
             ChainTransactions oldAdmin = new ChainTransactions(anvil.chain(), SendPolicy.DEFAULT, new GasMeter())) {
            oldAdmin.send("begin", ledger.anchorRegistry(), admin.beginDefaultAdminTransfer(nextAddress).encodeFunctionCall(), () -> false);
            String accept = admin.acceptDefaultAdminTransfer().encodeFunctionCall();
            assertRevert("AccessControlEnforcedDefaultAdminDelay",
                    () -> newAdmin.send("accept", ledger.anchorRegistry(), accept, () -> false));
            anvil.advanceTime(Duration.ofDays(2).plusSeconds(1));
            newAdmin.send("accept", ledger.anchorRegistry(), accept, () -> false);
            assertEquals(nextAddress.toLowerCase(), admin.defaultAdmin().send().toLowerCase());
            // Hand it back the same way, so the other tests keep their admin.
            newAdmin.send("begin", ledger.anchorRegistry(), admin.beginDefaultAdminTransfer(
                    anvil.address(0)).encodeFunctionCall(), () -> false);
            anvil.advanceTime(Duration.ofDays(2).plusSeconds(1));
            oldAdmin.send("accept", ledger.anchorRegistry(), accept, () -> false);
        }
    }

    interface ChainCall {
        void run() throws Exception;
    }

    static void assertRevert(String error, ChainCall call) {
        ContractRevertException e = assertThrows(ContractRevertException.class, call::run);
        assertEquals(error, e.errorName(), e.getMessage());
    }
}
