package io.solarmrv.ledger;

import io.solarmrv.ledger.contracts.CreditIssuance;
import io.solarmrv.ledger.contracts.MonitoringRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.web3j.crypto.Sign;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * A monitoring period's way through the chain, from one account: the registrar registers a
 * project, its participant submits periods and requests issuance, a verifier signs and records a
 * decision, the registry administrator issues, the holder retires. Each call is idempotent by
 * content (a retry after a lost answer finds the effect and sends nothing); each refused rule is a
 * {@link ContractRevertException} naming the rule.
 */
public final class PeriodClient implements AutoCloseable {
    /** Status of a period in MonitoringRegistry (ISSUED once CreditIssuance has issued it). */
    public enum PeriodStatus { NONE, SUBMITTED, APPROVED, REJECTED, WITHDRAWN, ISSUED }

    /** Status of a period's issuance in CreditIssuance. */
    public enum IssuanceStatus { NONE, REQUESTED, ISSUED }

    /** A period as the chain has it. */
    public record PeriodRecord(long periodId, PeriodClaim claim, byte[] devicesHash, PeriodStatus status,
                               String verifier, byte[] statementHash) {
    }

    /** An issuance as the chain has it: serials [firstSerial, lastSerial], how many retired. */
    public record IssuanceRecord(IssuanceStatus status, String holder, long firstSerial, long lastSerial, long retired) {
        public long credits() {
            return status == IssuanceStatus.ISSUED ? lastSerial - firstSerial + 1 : 0;
        }
    }

    private final ChainTransactions chain;
    private final MonitoringRegistry monitoring;
    private final CreditIssuance issuance;

    private PeriodClient(ChainTransactions chain, LedgerDeployment deployment) {
        this.chain = chain;
        var readOnly = new ReadonlyTransactionManager(chain.web3j(), chain.address());
        this.monitoring = MonitoringRegistry.load(deployment.monitoringRegistry(), chain.web3j(), readOnly, new DefaultGasProvider());
        this.issuance = CreditIssuance.load(deployment.creditIssuance(), chain.web3j(), readOnly, new DefaultGasProvider());
    }

    public static PeriodClient connect(ChainConfig account, LedgerDeployment deployment) {
        return connect(account, deployment, SendPolicy.forChain(account), new GasMeter());
    }

    public static PeriodClient connect(ChainConfig account, LedgerDeployment deployment, SendPolicy policy, GasMeter gas) {
        return new PeriodClient(new ChainTransactions(account, policy, gas), deployment);
    }

    /** The address this client sends from. */
    public String address() {
        return chain.address();
    }

    /** A 32-byte id for a name (project id, device id): SHA-256 of its UTF-8 bytes. */
    public static byte[] idOf(String name) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Device ids as the contracts take them: hashed with {@link #idOf}, strictly increasing. */
    public static List<byte[]> deviceIdsOf(Collection<String> devices) {
        List<byte[]> ids = new ArrayList<>();
        devices.stream().distinct().map(PeriodClient::idOf).sorted(Arrays::compareUnsigned).forEach(ids::add);
        return ids;
    }

    /** What MonitoringRegistry records of a period's devices: keccak256 of their {@link #deviceIdsOf ids}, packed in order. */
    public static byte[] devicesHashOf(Collection<String> devices) {
        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
        deviceIdsOf(devices).forEach(packed::writeBytes);
        return org.web3j.crypto.Hash.sha3(packed.toByteArray());
    }

    /**
     * Tops the account up to {@code target} wei from this client's account when it holds less than
     * half of it (so that a participant account can pay for its transactions); returns the wei sent.
     */
    public BigInteger fund(String account, BigInteger target) throws IOException, InterruptedException {
        BigInteger low = target.shiftRight(1);
        BigInteger balance = chain.retrying("fund " + account, () -> chain.balanceOf(account));
        if (balance.compareTo(low) >= 0) {
            return BigInteger.ZERO;
        }
        BigInteger amount = target.subtract(balance);
        chain.send("fund " + account, account, "0x", amount, () -> chain.balanceOf(account).compareTo(low) >= 0);
        return amount;
    }

    /** The project's participant address on chain; the zero address if the project is not registered. */
    public String participantOf(byte[] projectId) throws IOException {
        return AnchorClient.read(monitoring.participantOf(projectId));
    }

    /** The registrar moves a project to a new participant address (a rotated or compromised key). */
    public void setParticipant(byte[] projectId, String participant) throws IOException, InterruptedException {
        chain.send("MonitoringRegistry.setParticipant", monitoring.getContractAddress(),
                monitoring.setParticipant(projectId, participant).encodeFunctionCall(),
                () -> AnchorClient.read(monitoring.participantOf(projectId)).equalsIgnoreCase(participant));
    }

    public void registerProject(byte[] projectId, String participant) throws IOException, InterruptedException {
        chain.send("MonitoringRegistry.registerProject", monitoring.getContractAddress(),
                monitoring.registerProject(projectId, participant).encodeFunctionCall(), () -> {
                    String current = AnchorClient.read(monitoring.participantOf(projectId));
                    return !new BigInteger(current.substring(2), 16).equals(BigInteger.ZERO);
                });
    }

    /**
     * Submits a period (as its project's participant) and returns its id; an already submitted
     * report returns its id. {@code logProof}: consistency proof from the claim's log size to the
     * latest anchored size (empty when the claim rests on the latest anchored checkpoint).
     */
    public long submitPeriod(PeriodClaim claim, List<byte[]> deviceIds, List<byte[]> logProof)
            throws IOException, InterruptedException {
        var struct = new MonitoringRegistry.Claim(claim.projectId(), BigInteger.valueOf(claim.startEpochSecond()),
                BigInteger.valueOf(claim.endEpochSecond()), claim.reportHash(), claim.logId(),
                BigInteger.valueOf(claim.logSize()), claim.logRoot(), BigInteger.valueOf(claim.reductionKg()),
                BigInteger.valueOf(claim.credits()));
        chain.send("MonitoringRegistry.submitPeriod", monitoring.getContractAddress(),
                monitoring.submitPeriod(struct, deviceIds, logProof).encodeFunctionCall(),
                () -> periodOfReport(claim.reportHash()) != 0);
        return periodOfReport(claim.reportHash());
    }

    public long periodOfReport(byte[] reportHash) throws IOException {
        return AnchorClient.read(monitoring.periodOfReport(reportHash)).longValueExact();
    }

    /** What a verifier signs (EIP-191) for a decision: the contract's digest of period, report hash, decision, statement. */
    public byte[] decisionDigest(long periodId, boolean approve, byte[] statementHash) throws IOException {
        return AnchorClient.read(monitoring.decisionDigest(BigInteger.valueOf(periodId), approve, statementHash));
    }

    /** The verifier's signature (65 bytes, r || s || v) over the decision, made with this client's key. */
    public byte[] signDecision(long periodId, boolean approve, byte[] statementHash) throws IOException {
        byte[] digest = decisionDigest(periodId, approve, statementHash);
        Sign.SignatureData signature = Sign.signMessage(digest, chain.credentials().getEcKeyPair(), false);
        byte[] out = new byte[65];
        System.arraycopy(signature.getR(), 0, out, 0, 32);
        System.arraycopy(signature.getS(), 0, out, 32, 32);
        out[64] = signature.getV()[0];
        return out;
    }

    /**
     * Records a signed decision (any account may relay it). The period's devices are sent only with
     * a rejection, which frees their interval; an approval does not need them (and 1,000 device ids
     * cost about a million gas of calldata).
     */
    public void recordDecision(long periodId, boolean approve, byte[] statementHash, byte[] signature, List<byte[]> deviceIds)
            throws IOException, InterruptedException {
        List<byte[]> sent = approve ? List.of() : deviceIds;
        chain.send("MonitoringRegistry.decide", monitoring.getContractAddress(),
                monitoring.decide(BigInteger.valueOf(periodId), approve, statementHash, signature, sent).encodeFunctionCall(),
                () -> {
                    PeriodStatus status = period(periodId).status();
                    return approve ? status == PeriodStatus.APPROVED || status == PeriodStatus.ISSUED : status == PeriodStatus.REJECTED;
                });
    }

    /**
     * Withdraws a submitted or approved period (as the project's participant) because its report no
     * longer holds; {@code reason} is recorded in the event (e.g. the restated report's hash). The
     * devices, as submitted, free the period's interval for a new submission.
     */
    public void withdraw(long periodId, List<byte[]> deviceIds, byte[] reason) throws IOException, InterruptedException {
        chain.send("MonitoringRegistry.withdraw", monitoring.getContractAddress(),
                monitoring.withdraw(BigInteger.valueOf(periodId), deviceIds, reason).encodeFunctionCall(),
                () -> period(periodId).status() == PeriodStatus.WITHDRAWN);
    }

    public PeriodRecord period(long periodId) throws IOException {
        MonitoringRegistry.Period p = AnchorClient.read(monitoring.periodAt(BigInteger.valueOf(periodId)));
        MonitoringRegistry.Claim c = p.claim;
        PeriodClaim claim = c.end.signum() == 0 ? null : new PeriodClaim(c.projectId, c.start.longValueExact(),
                c.end.longValueExact(), c.reportHash, c.logId, c.logSize.longValueExact(), c.logRoot,
                c.reductionKg.longValueExact(), c.credits.longValueExact());
        return new PeriodRecord(periodId, claim, p.devicesHash, PeriodStatus.values()[p.status.intValueExact()],
                p.verifier, p.statementHash);
    }

    /** Asks for an approved period's credits to be issued to holder (as the project's participant). */
    public void requestIssuance(long periodId, String holder) throws IOException, InterruptedException {
        chain.send("CreditIssuance.requestIssuance", issuance.getContractAddress(),
                issuance.requestIssuance(BigInteger.valueOf(periodId), holder).encodeFunctionCall(),
                () -> issuance(periodId).status() != IssuanceStatus.NONE);
    }

    /** Issues a requested period (as the registry administrator). */
    public IssuanceRecord issue(long periodId, List<byte[]> deviceIds) throws IOException, InterruptedException {
        chain.send("CreditIssuance.issue", issuance.getContractAddress(),
                issuance.issue(BigInteger.valueOf(periodId), deviceIds).encodeFunctionCall(),
                () -> issuance(periodId).status() == IssuanceStatus.ISSUED);
        return issuance(periodId);
    }

    /** Retires count more credits of an issuance (as its holder); a retry cannot retire them twice. */
    public IssuanceRecord retire(long periodId, long count, byte[] beneficiaryHash) throws IOException, InterruptedException {
        long target = issuance(periodId).retired() + count;
        chain.send("CreditIssuance.retire", issuance.getContractAddress(),
                issuance.retire(BigInteger.valueOf(periodId), BigInteger.valueOf(count), beneficiaryHash).encodeFunctionCall(),
                () -> issuance(periodId).retired() >= target);
        return issuance(periodId);
    }

    public IssuanceRecord issuance(long periodId) throws IOException {
        CreditIssuance.Issuance i = AnchorClient.read(issuance.issuanceOf(BigInteger.valueOf(periodId)));
        return new IssuanceRecord(IssuanceStatus.values()[i.status.intValueExact()], i.holder,
                i.firstSerial.longValueExact(), i.lastSerial.longValueExact(), i.retired.longValueExact());
    }

    /** The end (Unix seconds, exclusive) of the latest interval any period claims for a device; 0 if none. */
    public long monitoredUntil(byte[] deviceId) throws IOException {
        return AnchorClient.read(monitoring.monitoredUntil(deviceId)).longValueExact();
    }

    /** The end of the freed interval that starts at {@code start} for a device (Unix seconds); 0 if none starts there. */
    public long freedUntil(byte[] deviceId, long start) throws IOException {
        return AnchorClient.read(monitoring.freedUntil(deviceId, BigInteger.valueOf(start))).longValueExact();
    }

    @Override
    public void close() {
        chain.close();
    }
}
