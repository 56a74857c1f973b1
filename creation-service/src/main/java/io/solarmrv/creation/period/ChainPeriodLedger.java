package io.solarmrv.creation.period;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.solarmrv.attestation.MonitoringClaim;
import io.solarmrv.ledger.AnchorClient;
import io.solarmrv.ledger.ChainConfig;
import io.solarmrv.ledger.InsufficientFundsException;
import io.solarmrv.ledger.LedgerDeployment;
import io.solarmrv.ledger.PeriodClaim;
import io.solarmrv.ledger.PeriodClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * {@link PeriodLedger} on an EVM chain through the ledger-contracts clients. The parts the service
 * plays: the registrar (registers projects, moves their participants, funds the participants'
 * accounts, relays decisions), each project's participant (submits its periods, withdraws them,
 * requests issuance, holds its credits) and the issuer (issues). Each project has its own
 * participant account, derived from the participant secret ({@link ParticipantKeys}), so one
 * project's key can act for no other and each project's credits are held apart. Verifiers keep
 * their own keys and sign decisions themselves; the service only relays them. Present when {@code
 * mrv.chain.rpc-url} ({@code MRV_CHAIN_RPC_URL}) is set.
 */
@Singleton
@Requires(property = "mrv.chain.rpc-url", pattern = ".+")
class ChainPeriodLedger implements PeriodLedger {
    private static final Logger LOG = LoggerFactory.getLogger(ChainPeriodLedger.class);
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private final AnchoredLog log;
    private final ParticipantGenerations generations;
    private final ChainConfig registrarAccount;
    private final byte[] participantSecret;
    /** The address of the participant secret used as a key itself: every project's participant before per-project keys. */
    private final String sharedParticipant;
    private final BigInteger participantFunding;
    private final PeriodClient registrar;
    private final PeriodClient issuer;
    private final AnchorClient anchors;
    private final long chainId;
    private final LedgerDeployment deployment;
    /** Participant clients by project and generation. */
    private final Map<String, PeriodClient> participants = new ConcurrentHashMap<>();

    ChainPeriodLedger(AnchoredLog log, ParticipantGenerations generations,
                      @Value("${mrv.chain.rpc-url}") String rpcUrl, @Value("${mrv.chain.id}") long chainId,
                      @Value("${mrv.chain.anchor-registry}") String anchorRegistry,
                      @Value("${mrv.chain.monitoring-registry}") String monitoringRegistry,
                      @Value("${mrv.chain.credit-issuance}") String creditIssuance,
                      @Value("${mrv.chain.registrar-key}") String registrarKey,
                      @Value("${mrv.chain.participant-key}") String participantKey,
                      @Value("${mrv.chain.issuer-key}") String issuerKey,
                      @Value("${mrv.chain.confirmations:0}") int confirmations,
                      @Value("${mrv.chain.participant-funding-wei:50000000000000000}") BigInteger participantFunding) {
        this.log = log;
        this.generations = generations;
        this.chainId = chainId;
        this.deployment = new LedgerDeployment(anchorRegistry, monitoringRegistry, creditIssuance);
        this.registrarAccount = new ChainConfig(rpcUrl, chainId, registrarKey, confirmations);
        this.participantSecret = ParticipantKeys.secret(participantKey);
        this.sharedParticipant = Credentials.create(participantKey).getAddress();
        this.participantFunding = participantFunding;
        this.registrar = PeriodClient.connect(registrarAccount, deployment);
        this.issuer = PeriodClient.connect(registrarAccount.withKey(issuerKey), deployment);
        this.anchors = AnchorClient.connect(registrarAccount, anchorRegistry);
    }

    /**
     * The project's participant at its current generation, registered on chain as the project's
     * participant (a project still at the shared participant of earlier versions is moved to its
     * own) and funded to pay for its transactions.
     */
    private PeriodClient participant(byte[] projectId, String project) throws IOException, InterruptedException {
        int generation;
        try {
            generation = generations.current(project);
        } catch (SQLException e) {
            throw new IOException("reading the project's participant generation failed: " + e.getMessage(), e);
        }
        PeriodClient participant = participantAt(project, generation);
        String onChain = registrar.participantOf(projectId);
        if (onChain.equalsIgnoreCase(ZERO_ADDRESS)) {
            registrar.registerProject(projectId, participant.address());
        } else if (onChain.equalsIgnoreCase(sharedParticipant)) {
            LOG.info("project {}: moving from the shared participant {} to its own, {}", project, onChain, participant.address());
            registrar.setParticipant(projectId, participant.address());
        }
        registrar.fund(participant.address(), participantFunding);
        return participant;
    }

    /** A participant's transaction. */
    private interface ParticipantCall<T> {
        T send() throws IOException, InterruptedException;
    }

    /**
     * Sends a participant's transactions ({@code transactions} of them: a period of thousands of
     * devices is submitted and freed in groups); if its account cannot pay for the next one (a period
     * over many devices costs more than the standing {@code participant-funding-wei}), the registrar
     * tops it up to what that many such transactions may cost, twice over, and the call goes on from
     * what the chain holds (each step is idempotent). At most {@value #TOP_UPS} top-ups a call.
     */
    private <T> T funded(PeriodClient participant, int transactions, ParticipantCall<T> call) throws IOException, InterruptedException {
        for (int topUps = 0; ; topUps++) {
            try {
                return call.send();
            } catch (InsufficientFundsException shortOfFunds) {
                if (topUps == TOP_UPS) {
                    throw shortOfFunds;
                }
                LOG.info("{}; the registrar funds it for {} transaction(s)", shortOfFunds.getMessage(), transactions);
                registrar.fund(participant.address(), shortOfFunds.needed().multiply(BigInteger.valueOf(2L * transactions)));
            }
        }
    }

    private static final int TOP_UPS = 3;

    private PeriodClient participantAt(String project, int generation) {
        return participants.computeIfAbsent(project + "\n" + generation, key -> PeriodClient.connect(
                registrarAccount.withKey(ParticipantKeys.privateKeyHex(participantSecret, project, generation)), deployment));
    }

    @Override
    public String participant(String project) throws IOException {
        try {
            return participantAt(project, generations.current(project)).address();
        } catch (SQLException e) {
            throw new IOException("reading the project's participant generation failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String rotateParticipant(String project, String actor, String reason) throws IOException, InterruptedException {
        byte[] projectId = PeriodClient.idOf(project);
        try {
            int from = generations.current(project);
            PeriodClient next = participantAt(project, from + 1);
            if (registrar.participantOf(projectId).equalsIgnoreCase(ZERO_ADDRESS)) {
                registrar.registerProject(projectId, next.address());   // never on chain yet: registered straight to the new key
            } else {
                registrar.setParticipant(projectId, next.address());
            }
            if (!generations.rotated(project, from, next.address(), actor, reason)) {
                throw new IllegalStateException("project " + project + " was rotated by another request at the same moment");
            }
            return next.address();
        } catch (SQLException e) {
            throw new IOException("recording the rotation failed (the chain has moved; rotating again completes it): "
                    + e.getMessage(), e);
        }
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
        PeriodClaim onChain = new PeriodClaim(projectId, claim.from().getEpochSecond(), claim.to().getEpochSecond(),
                claim.digest(), logId, checkpoint.treeSize(), checkpoint.root(), claim.reductionKg(), claim.credits());
        PeriodClient participant = participant(projectId, claim.projectId());
        return funded(participant, PeriodClient.transactionsToSubmit(deviceIds.size()),
                () -> participant.submitPeriod(onChain, PeriodClient.deviceIdsOf(deviceIds), proof));
    }

    @Override
    public byte[] decisionDigest(long periodId, boolean approve, byte[] statementHash) throws IOException {
        return registrar.decisionDigest(periodId, approve, statementHash);
    }

    @Override
    public void recordDecision(long periodId, boolean approve, byte[] statementHash, byte[] signature, Collection<String> deviceIds)
            throws IOException, InterruptedException {
        registrar.recordDecision(periodId, approve, statementHash, signature, PeriodClient.deviceIdsOf(deviceIds));
    }

    @Override
    public io.solarmrv.attestation.ProofBundle.Anchor anchor(long periodId) {
        return new io.solarmrv.attestation.ProofBundle.Anchor(chainId, deployment.anchorRegistry(), deployment.monitoringRegistry(),
                deployment.creditIssuance(), periodId);
    }

    @Override
    public java.util.Optional<PeriodClaim> claim(long periodId) throws IOException {
        return java.util.Optional.ofNullable(registrar.period(periodId).claim());
    }

    @Override
    public byte[] devicesHash(long periodId) throws IOException {
        return registrar.period(periodId).devicesHash();
    }

    @Override
    public long periodOfReport(byte[] reportHash) throws IOException {
        return registrar.periodOfReport(reportHash);
    }

    @Override
    public void requestIssuance(String project, long periodId) throws IOException, InterruptedException {
        PeriodClient participant = participant(PeriodClient.idOf(project), project);
        funded(participant, 1, () -> {
            participant.requestIssuance(periodId, participant.address());
            return null;
        });
    }

    @Override
    public long monitoredUntil(String deviceId) throws IOException {
        return registrar.monitoredUntil(PeriodClient.idOf(deviceId));
    }

    @Override
    public void withdraw(String project, long periodId, Collection<String> deviceIds, byte[] reason)
            throws IOException, InterruptedException {
        PeriodClient participant = participant(PeriodClient.idOf(project), project);
        funded(participant, PeriodClient.transactionsToWithdraw(deviceIds.size()), () -> {
            participant.withdraw(periodId, PeriodClient.deviceIdsOf(deviceIds), reason);
            return null;
        });
    }

    @Override
    public Serials issue(long periodId) throws IOException, InterruptedException {
        PeriodClient.IssuanceRecord issued = issuer.issue(periodId);
        return new Serials(issued.firstSerial(), issued.lastSerial());
    }

    @PreDestroy
    void close() {
        registrar.close();
        issuer.close();
        anchors.close();
        participants.values().forEach(PeriodClient::close);
    }
}
