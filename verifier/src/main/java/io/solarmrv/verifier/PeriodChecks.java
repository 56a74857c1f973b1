package io.solarmrv.verifier;

import io.solarmrv.attestation.BundleVerifier.Check;
import io.solarmrv.attestation.ProofBundle;
import io.solarmrv.ledger.ChainConfig;
import io.solarmrv.ledger.ClaimedPeriod;
import io.solarmrv.ledger.LedgerDeployment;
import io.solarmrv.ledger.PeriodClient;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code mrv verify} checks about a bundle's period on chain: that the MonitoringRegistry
 * records this very claim (the hash of the bundle's claims, its project, interval, reductions and
 * credits, resting on one of the bundle's anchored checkpoints), that a verifier approved it, and
 * that CreditIssuance issued exactly the claimed credits for it. Reads only.
 */
final class PeriodChecks {
    private PeriodChecks() {
    }

    static List<Check> against(ChainConfig readOnly, ProofBundle bundle) {
        List<Check> checks = new ArrayList<>();
        ProofBundle.Anchor at = bundle.anchor();
        LedgerDeployment ledger = new LedgerDeployment(at.contractAddress(), at.monitoringRegistry(), at.creditIssuance());
        try (PeriodClient chain = PeriodClient.connect(readOnly, ledger)) {
            PeriodClient.PeriodRecord period = chain.period(at.periodId());
            String name = "period " + at.periodId();
            if (period.claim() == null) {
                checks.add(new Check(name, false, "no period " + at.periodId() + " at " + at.monitoringRegistry()));
                return checks;
            }
            var claim = period.claim();
            List<String> differences = new ArrayList<>(new ClaimedPeriod(bundle.projectId(), bundle.from(), bundle.to(),
                    bundle.claimDigest(), bundle.claim().reductionKg(), bundle.claimedCredits()).differencesFrom(claim));
            boolean restsOnBundle = bundle.checkpoints().stream().anyMatch(c -> c.treeSize() == claim.logSize()
                    && MessageDigest.isEqual(c.root(), claim.logRoot()));
            if (!restsOnBundle) {
                differences.add("it rests on tree size " + claim.logSize() + ", not a checkpoint of this bundle");
            }
            checks.add(new Check(name, differences.isEmpty(), differences.isEmpty()
                    ? "recorded at " + at.monitoringRegistry() + " for exactly this bundle's claims, on tree size " + claim.logSize()
                    : String.join("; ", differences)));
            boolean approved = period.status() == PeriodClient.PeriodStatus.APPROVED || period.status() == PeriodClient.PeriodStatus.ISSUED;
            checks.add(new Check("verification", approved,
                    "status " + period.status() + (approved ? ", approved by verifier " + period.verifier() : "")));
            PeriodClient.IssuanceRecord issuance = chain.issuance(at.periodId());
            if (bundle.claimedCredits() == 0) {
                boolean nothing = issuance.status() == PeriodClient.IssuanceStatus.NONE;
                checks.add(new Check("issuance", nothing, nothing ? "no credits claimed, none issued"
                        : "no credits claimed, yet issuance is " + issuance.status()));
                return checks;
            }
            boolean issuedAsClaimed = issuance.status() == PeriodClient.IssuanceStatus.ISSUED
                    && issuance.credits() == bundle.claimedCredits();
            checks.add(new Check("issuance", issuedAsClaimed, issuance.status() == PeriodClient.IssuanceStatus.ISSUED
                    ? issuance.credits() + " credits issued, serials " + issuance.firstSerial() + ".." + issuance.lastSerial()
                            + ", " + issuance.retired() + " retired"
                    : "status " + issuance.status()));
        } catch (Exception e) {
            checks.add(new Check("period", false, "cannot read the period from the chain: " + e.getMessage()));
        }
        return checks;
    }
}
