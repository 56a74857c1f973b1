package io.solarmrv.benchmarks;

import io.solarmrv.attestation.MerkleHash;
import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.ledger.Anchor;
import io.solarmrv.ledger.AnchorClient;
import io.solarmrv.ledger.AnvilNode;
import io.solarmrv.ledger.ChainConfig;
import io.solarmrv.ledger.GasMeter;
import io.solarmrv.ledger.LedgerDeployment;
import io.solarmrv.ledger.PeriodClaim;
import io.solarmrv.ledger.PeriodClient;
import io.solarmrv.ledger.SendPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;

/**
 * Gas on a local anvil, measured from mined receipts: an anchor with its consistency proof at log
 * sizes 10^3, 10^6 and 10^9 (an hour of a 1,000-device project, 60,000 leaves, since the previous
 * anchor; fewer at 10^3), each step of a monitoring period of 1,000 devices, and what that makes
 * per reading for a 1,000-device project reading once a minute, anchored hourly, one period and
 * issuance a month. Logs of 10^9 leaves are not built: a log of identical leaves has every subtree
 * hash computable in O(log n), and the proof's length and shape depend only on the sizes.
 */
public final class GasBench {
    private static final int DEVICES = 1_000;
    private static final long READINGS_PER_HOUR = DEVICES * 60L;

    private GasBench() {
    }

    public static void main(String[] args) throws Exception {
        try (AnvilNode anvil = AnvilNode.start()) {
            String admin = anvil.address(0);
            LedgerDeployment ledger = LedgerDeployment.deploy(anvil.chain(), Duration.ofDays(2), LedgerDeployment.Roles.allTo(admin));
            GasMeter gas = new GasMeter();
            System.out.printf("%-44s %12s %8s%n", "call", "gas", "proof");
            long anchorAt1e9 = 0;
            try (AnchorClient anchors = AnchorClient.connect(anvil.chain(), ledger.anchorRegistry(), SendPolicy.DEFAULT, gas)) {
                for (long size : new long[] {1_000L, 1_000_000L, 1_000_000_000L}) {
                    long previous = size - Math.min(READINGS_PER_HOUR, size / 10);
                    IdenticalLeaves log = new IdenticalLeaves();
                    byte[] logId = AnchorClient.logIdOf("gas bench log " + size);
                    anchors.anchor(new Anchor(logId, previous, log.root(previous), noteHash(previous), 0, List.of()));
                    long before = gas.of("AnchorRegistry.anchor").gas();
                    List<byte[]> proof = MerkleTree.consistencyProof(log, size, previous);
                    anchors.anchor(new Anchor(logId, size, log.root(size), noteHash(size), previous, proof));
                    long used = gas.of("AnchorRegistry.anchor").gas() - before;
                    System.out.printf("%-44s %12d %8d%n", "anchor " + previous + " -> " + size, used, proof.size());
                    if (size == 1_000_000_000L) {
                        anchorAt1e9 = used;
                    }
                }
            }
            long[] months = periodLifecycle(anvil, ledger);
            long readingsPerMonth = READINGS_PER_HOUR * 24 * 30;
            double perReadingAnchors = (double) anchorAt1e9 / READINGS_PER_HOUR;
            System.out.printf("%n%d devices, 1 reading/min, anchored hourly at ~10^9 leaves, one period + issuance a month:%n", DEVICES);
            System.out.printf("  anchoring              %.3f gas/reading (%d gas per anchor / %d readings)%n",
                    perReadingAnchors, anchorAt1e9, READINGS_PER_HOUR);
            String[] names = {"first month", "later months"};
            for (int m = 0; m < 2; m++) {
                double perReadingPeriod = (double) months[m] / readingsPerMonth;
                System.out.printf("  period, %-13s %.3f gas/reading (%d gas / %d readings); total %.3f gas/reading%n",
                        names[m], perReadingPeriod, months[m], readingsPerMonth, perReadingAnchors + perReadingPeriod);
            }
        }
    }

    /**
     * Two consecutive monthly periods of the same 1,000 devices through submit, decide, request and
     * issue (the first writes every per-device slot for the first time, later months update them);
     * prints each call, returns each month's gas without the one-off project registration.
     */
    private static long[] periodLifecycle(AnvilNode anvil, LedgerDeployment ledger) throws Exception {
        long[] months = new long[2];
        try (PeriodClient admin = PeriodClient.connect(anvil.account(0), ledger);
             AnchorClient anchors = AnchorClient.connect(anvil.chain(), ledger.anchorRegistry())) {
            IdenticalLeaves log = new IdenticalLeaves();
            byte[] logId = AnchorClient.logIdOf("gas bench period log");
            byte[] project = PeriodClient.idOf("gas bench project");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < DEVICES; i++) {
                names.add("device-" + i);
            }
            List<byte[]> devices = PeriodClient.deviceIdsOf(names);
            for (int month = 0; month < 2; month++) {
                GasMeter gas = new GasMeter();
                try (PeriodClient participant = PeriodClient.connect(anvil.account(1), ledger,
                        SendPolicy.DEFAULT, gas);
                     PeriodClient issuer = PeriodClient.connect(anvil.account(0), ledger,
                             SendPolicy.DEFAULT, gas)) {
                    if (month == 0) {
                        admin.registerProject(project, participant.address());
                    }
                    long size = 43_200_000L * (month + 1);
                    long previous = month == 0 ? 0 : 43_200_000L;
                    anchors.anchor(new Anchor(logId, size, log.root(size), noteHash(size), previous,
                            previous == 0 ? List.of() : MerkleTree.consistencyProof(log, size, previous)));
                    long start = 1_782_864_000L + month * 30 * 86_400L;
                    PeriodClaim claim = new PeriodClaim(project, start, start + 30 * 86_400L,
                            PeriodClient.idOf("gas bench report " + month), logId, size, log.root(size), 1_234_567, 1_234);
                    long period = participant.submitPeriod(claim, devices, List.of());
                    byte[] statement = PeriodClient.idOf("statement " + month);
                    issuer.recordDecision(period, true, statement, admin.signDecision(period, true, statement), devices);
                    participant.requestIssuance(period, participant.address());
                    issuer.issue(period);
                }
                System.out.println("month " + (month + 1) + ":");
                for (var entry : gas.snapshot().entrySet()) {
                    boolean perDevice = entry.getKey().endsWith("submitPeriod") || entry.getKey().endsWith("addDevices");
                    System.out.printf("  %-42s %12d%n", entry.getKey() + (perDevice ? " (" + DEVICES + " devices)" : ""),
                            entry.getValue().gas());
                    months[month] += entry.getValue().gas();
                }
            }
        }
        return months;
    }

    private static byte[] noteHash(long size) {
        return PeriodClient.idOf("note " + size);
    }

    /** A log whose leaves are all the same: perfect subtree hashes depend only on their height. */
    private static final class IdenticalLeaves implements MerkleTree.SubtreeHashes {
        private final List<byte[]> byHeight = new ArrayList<>();

        IdenticalLeaves() {
            byHeight.add(MerkleHash.leafHash("the same reading".getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public byte[] subtreeRoot(long from, long to) {
            long n = to - from;
            if (Long.bitCount(n) == 1) {
                int height = Long.numberOfTrailingZeros(n);
                while (byHeight.size() <= height) {
                    byte[] below = byHeight.get(byHeight.size() - 1);
                    byHeight.add(MerkleHash.nodeHash(below, below));
                }
                return byHeight.get(height);
            }
            long k = Long.highestOneBit(n - 1);
            return MerkleHash.nodeHash(subtreeRoot(from, from + k), subtreeRoot(from + k, to));
        }

        byte[] root(long size) {
            return subtreeRoot(0, size);
        }
    }
}
