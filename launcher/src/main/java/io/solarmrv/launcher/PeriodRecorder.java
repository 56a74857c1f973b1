package io.solarmrv.launcher;

import io.solarmrv.attestation.BundleVerifier;
import io.solarmrv.attestation.ProofBundle;
import io.solarmrv.attestation.Sha256;
import io.solarmrv.attestation.note.Checkpoint;
import io.solarmrv.ledger.AnchorClient;
import io.solarmrv.ledger.ChainConfig;
import io.solarmrv.ledger.LedgerDeployment;
import io.solarmrv.ledger.PeriodClaim;
import io.solarmrv.ledger.PeriodClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Plays the three people of a local chain through one monitoring period: the registry
 * administrator (anvil account 0) registers the project, the project participant (account 1)
 * submits the period resting on the bundle's last anchored checkpoint, the verifier (account 2)
 * approves it only if every offline check of the bundle passes, signing the list of checks as its
 * statement, the participant requests issuance and the administrator issues.
 */
final class PeriodRecorder {
    /** The period as recorded: its id, the verifier, the issued serial range. */
    record RecordedPeriod(long periodId, String verifier, long firstSerial, long lastSerial) {
    }

    private PeriodRecorder() {
    }

    /** RFC 9162 consistency proof between two sizes of the pipeline's log. */
    interface LogProofs {
        List<byte[]> consistency(long fromSize, long toSize) throws IOException;
    }

    static RecordedPeriod record(ChainConfig chain, LedgerDeployment ledger, ProofBundle bundle, LogProofs proofs)
            throws IOException, InterruptedException {
        String rpc = chain.rpcUrl();
        try (PeriodClient admin = PeriodClient.connect(ChainConfig.anvilAccount(rpc, 0), ledger);
             PeriodClient participant = PeriodClient.connect(ChainConfig.anvilAccount(rpc, 1), ledger);
             PeriodClient verifier = PeriodClient.connect(ChainConfig.anvilAccount(rpc, 2), ledger)) {
            byte[] projectId = PeriodClient.idOf(bundle.projectId());
            admin.registerProject(projectId, participant.address());

            ProofBundle.Checkpoint last = bundle.checkpoints().get(bundle.checkpoints().size() - 1);
            String origin = Checkpoint.originOf(last.signedNote());
            List<byte[]> devices = PeriodClient.deviceIdsOf(bundle.claimedEnergyWh().keySet());
            PeriodClaim claim = new PeriodClaim(projectId, bundle.from().getEpochSecond(), bundle.to().getEpochSecond(),
                    bundle.claimDigest(), AnchorClient.logIdOf(origin), last.treeSize(), last.root(),
                    bundle.claim().reductionKg(), bundle.claimedCredits());
            long anchoredSize;
            try (AnchorClient anchors = AnchorClient.connect(ChainConfig.anvilAccount(rpc, 0), ledger.anchorRegistry())) {
                anchoredSize = anchors.latest(claim.logId()).treeSize();
            }
            long periodId = participant.submitPeriod(claim, devices, proofs.consistency(last.treeSize(), anchoredSize));

            List<BundleVerifier.Check> checks = BundleVerifier.verify(bundle);
            boolean approve = checks.stream().allMatch(BundleVerifier.Check::passed);
            String statementText = checks.stream().map(c -> (c.passed() ? "ok " : "FAIL ") + c.name() + ": " + c.detail())
                    .collect(Collectors.joining("\n", "", "\n"));
            byte[] statement = Sha256.hash(statementText.getBytes(StandardCharsets.UTF_8));
            verifier.recordDecision(periodId, approve, statement, verifier.signDecision(periodId, approve, statement), devices);
            if (!approve || claim.credits() == 0) {
                return new RecordedPeriod(periodId, verifier.address(), 0, -1);
            }
            participant.requestIssuance(periodId, participant.address());
            PeriodClient.IssuanceRecord issued = admin.issue(periodId, devices);
            return new RecordedPeriod(periodId, verifier.address(), issued.firstSerial(), issued.lastSerial());
        }
    }
}
