package io.solarmrv.creation.period;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.solarmrv.attestation.MonitoringClaim;
import io.solarmrv.ledger.AnchorClient;
import io.solarmrv.ledger.ChainConfig;
import io.solarmrv.ledger.LedgerDeployment;
import io.solarmrv.ledger.PeriodClaim;
import io.solarmrv.ledger.PeriodClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * {@link PeriodLedger} on an EVM chain through the ledger-contracts clients. Three keys, one per
 * part the service plays: the registrar (registers projects), the participant (submits periods,
 * requests issuance, holds the credits) and the issuer (issues). Verifiers keep their own keys and
 * sign decisions themselves; the service only relays them. Present when {@code mrv.chain.rpc-url}
 * ({@code MRV_CHAIN_RPC_URL}) is set.
 */
@Singleton
@Requires(property = "mrv.chain.rpc-url", pattern = ".+")
class ChainPeriodLedger implements PeriodLedger {
    private final AnchoredLog log;
    private final PeriodClient registrar;
    private final PeriodClient participant;
    private final PeriodClient issuer;
    private final AnchorClient anchors;
    private final long chainId;
    private final LedgerDeployment deployment;

    ChainPeriodLedger(AnchoredLog log, @Value("${mrv.chain.rpc-url}") String rpcUrl, @Value("${mrv.chain.id}") long chainId,
                      @Value("${mrv.chain.anchor-registry}") String anchorRegistry,
                      @Value("${mrv.chain.monitoring-registry}") String monitoringRegistry,
                      @Value("${mrv.chain.credit-issuance}") String creditIssuance,
                      @Value("${mrv.chain.registrar-key}") String registrarKey,
                      @Value("${mrv.chain.participant-key}") String participantKey,
                      @Value("${mrv.chain.issuer-key}") String issuerKey,
                      @Value("${mrv.chain.confirmations:0}") int confirmations) {
        this.log = log;
        this.chainId = chainId;
        this.deployment = new LedgerDeployment(anchorRegistry, monitoringRegistry, creditIssuance);
        ChainConfig registrarAccount = new ChainConfig(rpcUrl, chainId, registrarKey, confirmations);
        this.registrar = PeriodClient.connect(registrarAccount, deployment);
        this.participant = PeriodClient.connect(registrarAccount.withKey(participantKey), deployment);
        this.issuer = PeriodClient.connect(registrarAccount.withKey(issuerKey), deployment);
        this.anchors = AnchorClient.connect(registrarAccount, anchorRegistry);
    }

    @Override
    public long submit(MonitoringClaim claim, Collection<String> deviceIds, AnchoredLog.LatestCheckpoint checkpoint)
            throws IOException, InterruptedException {
        byte[] projectId = PeriodClient.idOf(claim.projectId());
        byte[] logId = AnchorClient.logIdOf(checkpoint.origin());
        long anchoredSize = anchors.latest(logId).treeSize();
        List<byte[]> proof;
        try {
            proof = log.consistency(checkpoint.treeSize(), anchoredSize);
        } catch (SQLException e) {
            throw new IOException("reading the log for a consistency proof failed: " + e.getMessage(), e);
        }
        registrar.registerProject(projectId, participant.address());
        PeriodClaim onChain = new PeriodClaim(projectId, claim.from().getEpochSecond(), claim.to().getEpochSecond(),
                claim.digest(), logId, checkpoint.treeSize(), checkpoint.root(), claim.reductionKg(), claim.credits());
        return participant.submitPeriod(onChain, PeriodClient.deviceIdsOf(deviceIds), proof);
    }

    @Override
    public byte[] decisionDigest(long periodId, boolean approve, byte[] statementHash) throws IOException {
        return participant.decisionDigest(periodId, approve, statementHash);
    }

    @Override
    public void recordDecision(long periodId, boolean approve, byte[] statementHash, byte[] signature, Collection<String> deviceIds)
            throws IOException, InterruptedException {
        participant.recordDecision(periodId, approve, statementHash, signature, PeriodClient.deviceIdsOf(deviceIds));
    }

    @Override
    public io.solarmrv.attestation.ProofBundle.Anchor anchor(long periodId) {
        return new io.solarmrv.attestation.ProofBundle.Anchor(chainId, deployment.anchorRegistry(), deployment.monitoringRegistry(),
                deployment.creditIssuance(), periodId);
    }

    @Override
    public byte[] reportHash(long periodId) throws IOException {
        return participant.period(periodId).claim().reportHash();
    }

    @Override
    public void requestIssuance(long periodId) throws IOException, InterruptedException {
        participant.requestIssuance(periodId, participant.address());
    }

    @Override
    public long monitoredUntil(String deviceId) throws IOException {
        return participant.monitoredUntil(PeriodClient.idOf(deviceId));
    }

    @Override
    public void withdraw(long periodId, Collection<String> deviceIds, byte[] reason) throws IOException, InterruptedException {
        participant.withdraw(periodId, PeriodClient.deviceIdsOf(deviceIds), reason);
    }

    @Override
    public Serials issue(long periodId, Collection<String> deviceIds) throws IOException, InterruptedException {
        PeriodClient.IssuanceRecord issued = issuer.issue(periodId, PeriodClient.deviceIdsOf(deviceIds));
        return new Serials(issued.firstSerial(), issued.lastSerial());
    }

    @PreDestroy
    void close() {
        registrar.close();
        participant.close();
        issuer.close();
        anchors.close();
    }
}
