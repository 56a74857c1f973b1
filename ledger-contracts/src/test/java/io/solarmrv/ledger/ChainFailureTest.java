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

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
