package io.solarmrv.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The anchoring client against a chain that reorganises and a node that dies: nothing lost, nothing twice. */
class ChainFailureTest {
    @Test
    void anchorsTakenAwayByAReorganisationAreSentAgainInOrder() throws Exception {
        try (AnvilNode anvil = AnvilNode.start()) {
            LedgerDeployment ledger = LedgerDeployment.deploy(anvil.chain(), Duration.ofDays(2), LedgerDeployment.Roles.allTo(anvil.address(0)));
            TestLogs log = new TestLogs("reorg");
            try (AnchorClient client = AnchorClient.connect(anvil.chain(), ledger.anchorRegistry())) {
                client.anchor(log.next(10));
                String beforeFork = anvil.snapshot();
                client.anchor(log.next(20));
                client.anchor(log.next(30));
                anvil.revertTo(beforeFork); // the blocks holding 20 and 30 are gone
                assertEquals(10, client.latest(log.logId).treeSize());

                client.anchor(log.next(40));

                AnchorClient.LatestAnchor latest = client.latest(log.logId);
                assertEquals(40, latest.treeSize());
                assertEquals(4, latest.count(), "10, 20, 30 and 40, each once");
                for (int size : new int[] {10, 20, 30, 40}) {
                    assertArrayEquals(log.root(size), client.rootAt(log.logId, size).orElseThrow());
                }
            }
        }
    }

    @Test
    void anAccountThatCannotPayIsRefusedBeforeAnythingIsSentNamingWhatItNeeds() throws Exception {
        try (AnvilNode anvil = AnvilNode.start()) {
            String emptyKey = org.web3j.utils.Numeric.toHexStringNoPrefixZeroPadded(
                    org.web3j.crypto.Keys.createEcKeyPair().getPrivateKey(), 64);
            String empty = org.web3j.crypto.Credentials.create(emptyKey).getAddress();
            LedgerDeployment ledger = LedgerDeployment.deploy(anvil.chain(), Duration.ofDays(2), LedgerDeployment.Roles.allTo(empty));
            TestLogs log = new TestLogs("unfunded");
            try (AnchorClient client = AnchorClient.connect(anvil.chain().withKey(emptyKey), ledger.anchorRegistry());
                 PeriodClient funder = PeriodClient.connect(anvil.chain(), ledger)) {
                Anchor first = log.next(10);
                InsufficientFundsException refused = org.junit.jupiter.api.Assertions.assertThrows(InsufficientFundsException.class,
                        () -> client.anchor(first));
                assertEquals(empty.toLowerCase(), refused.account().toLowerCase());
                assertEquals(java.math.BigInteger.ZERO, refused.balance());
                assertTrue(refused.needed().signum() > 0, refused.getMessage());
                assertTrue(refused.getMessage().startsWith("AnchorRegistry.anchor: account "), refused.getMessage());
                assertEquals(0, client.latest(log.logId).count(), "nothing was sent");

                funder.fund(empty, refused.needed().shiftLeft(1));
                client.anchor(first);
                assertEquals(10, client.latest(log.logId).treeSize(), "funded by what it needed, the account sends it");
            }
        }
    }

    @Test
    void aNodeKilledAndRestartedMidAnchoringEndsWithEveryAnchorExactlyOnce(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("anvil-state.json");
        AnvilNode first = AnvilNode.start(freePort(), state);
        LedgerDeployment ledger = LedgerDeployment.deploy(first.chain(), Duration.ofDays(2), LedgerDeployment.Roles.allTo(first.address(0)));
        Thread.sleep(2_500); // let the deployment reach the state file
        TestLogs log = new TestLogs("restart");
        int checkpoints = 30;
        List<Anchor> anchors = new ArrayList<>();
        for (int i = 1; i <= checkpoints; i++) {
            anchors.add(log.next(i * 7));
        }
        AtomicInteger done = new AtomicInteger();
        GasMeter gas = new GasMeter();
        SendPolicy patient = new SendPolicy(1, Duration.ofSeconds(60));
        CompletableFuture<Void> anchoring = CompletableFuture.runAsync(() -> {
            try (AnchorClient client = AnchorClient.connect(first.chain(), ledger.anchorRegistry(), patient, gas)) {
                for (Anchor anchor : anchors) {
                    client.anchor(anchor);
                    done.incrementAndGet();
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (done.get() < 8) {
            Thread.sleep(20);
        }
        first.kill(); // as a power cut: up to a second of blocks is not in the state file
        Thread.sleep(1_000);
        try (AnvilNode second = first.restart()) {
            anchoring.get(120, TimeUnit.SECONDS);
            try (AnchorClient reader = AnchorClient.connect(second.chain(), ledger.anchorRegistry())) {
                AnchorClient.LatestAnchor latest = reader.latest(log.logId);
                assertEquals(checkpoints * 7, latest.treeSize());
                assertEquals(checkpoints, latest.count(), "every checkpoint anchored exactly once");
                for (Anchor anchor : anchors) {
                    assertArrayEquals(anchor.root(), reader.rootAt(log.logId, anchor.treeSize()).orElseThrow());
                }
            }
            assertTrue(gas.of("AnchorRegistry.anchor").calls() >= checkpoints,
                    "at least one send per checkpoint (more when the kill lost some and they were sent again)");
        }
    }

    @Test
    void aTransactionStuckInThePoolIsReplacedAtItsNonceAndTheCallIsDoneOnce() throws Exception {
        try (AnvilNode anvil = AnvilNode.start()) {
            LedgerDeployment ledger = LedgerDeployment.deploy(anvil.chain(), Duration.ofDays(2), LedgerDeployment.Roles.allTo(anvil.address(0)));
            TestLogs log = new TestLogs("stuck");
            long noncesBefore = transactionCount(anvil, "latest");
            anvil.rpc("evm_setAutomine", "[false]"); // nothing is mined: the transaction sits in the pool, as when its fees are too low
            GasMeter gas = new GasMeter();
            SendPolicy impatient = new SendPolicy(1, Duration.ofSeconds(60), Duration.ofMillis(700));
            try (AnchorClient client = AnchorClient.connect(anvil.chain(), ledger.anchorRegistry(), impatient, gas)) {
                CompletableFuture<AnchorClient.AnchorReceipt> anchoring = CompletableFuture.supplyAsync(() -> {
                    try {
                        return client.anchor(log.next(10));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(3_000); // several times stuckAfter: the client has replaced its transaction more than once

                assertEquals(noncesBefore + 1, transactionCount(anvil, "pending"),
                        "one transaction in the pool at the call's nonce: each retry replaced it, none queued behind it");
                anvil.rpc("evm_mine", "[]");
                anchoring.get(60, TimeUnit.SECONDS);
                anvil.rpc("evm_setAutomine", "[true]");

                assertEquals(noncesBefore + 1, transactionCount(anvil, "latest"), "one transaction mined for the call");
                AnchorClient.LatestAnchor latest = client.latest(log.logId);
                assertEquals(10, latest.treeSize());
                assertEquals(1, latest.count(), "anchored once");
            }
        }
    }

    @Test
    void aCallWhoseTransactionIsNeverMinedFailsAfterItsRoundsInsteadOfHanging() throws Exception {
        try (AnvilNode anvil = AnvilNode.start()) {
            LedgerDeployment ledger = LedgerDeployment.deploy(anvil.chain(), Duration.ofDays(2), LedgerDeployment.Roles.allTo(anvil.address(0)));
            long noncesBefore = transactionCount(anvil, "latest");
            anvil.rpc("evm_setAutomine", "[false]");
            SendPolicy impatient = new SendPolicy(1, Duration.ofSeconds(60), Duration.ofMillis(50));
            try (AnchorClient client = AnchorClient.connect(anvil.chain(), ledger.anchorRegistry(), impatient, new GasMeter())) {
                java.io.IOException gaveUp = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                        () -> client.anchor(new TestLogs("never").next(10)));
                assertTrue(gaveUp.getMessage().contains("in " + ChainTransactions.MAX_ROUNDS + " rounds"), gaveUp.getMessage());
                assertEquals(noncesBefore + 1, transactionCount(anvil, "pending"), "still one transaction, at the call's nonce");
            }
        }
    }

    @Test
    void aReplacementRaisesBothFeesByAnEighthRoundedUp() {
        assertEquals(java.math.BigInteger.valueOf(1_125), ChainTransactions.bumped(java.math.BigInteger.valueOf(1_000)));
        assertEquals(java.math.BigInteger.valueOf(9), ChainTransactions.bumped(java.math.BigInteger.valueOf(8)), "8 x 1.125");
        assertEquals(java.math.BigInteger.valueOf(12), ChainTransactions.bumped(java.math.BigInteger.valueOf(10)), "an eighth of 10, rounded up");
        assertEquals(java.math.BigInteger.TWO, ChainTransactions.bumped(java.math.BigInteger.ONE), "by one wei at least");
    }

    private static long transactionCount(AnvilNode anvil, String block) throws Exception {
        String body = anvil.rpc("eth_getTransactionCount", "[\"" + anvil.address(0) + "\", \"" + block + "\"]");
        return Long.decode(body.replaceAll(".*\"result\":\"([^\"]+)\".*", "$1"));
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
