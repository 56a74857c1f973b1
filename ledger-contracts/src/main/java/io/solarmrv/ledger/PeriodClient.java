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
    public enum PeriodStatus { NONE, SUBMITTED, APPROVED, REJECTED, WITHDRAWN, ISSUED, OPEN }

    /**
     * The most devices one transaction claims or frees. A device's first claim writes a fresh
     * storage slot (about 24,000 gas with its calldata and hash), so 500 take about 12M gas: under
     * the 16.7M per-transaction cap of EIP-7825 chains and well under anvil's 30M block.
     */
    public static final int DEVICES_PER_TRANSACTION = 500;

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

    /**
     * What MonitoringRegistry records of a period's devices: their {@link #deviceIdsOf ids} chained
     * in order, h = keccak256(h || id) from 32 zero bytes, whatever groups they were added in.
     */
    public static byte[] devicesHashOf(Collection<String> devices) {
        return chainedHash(new byte[32], deviceIdsOf(devices));
    }

    private static byte[] chainedHash(byte[] from, List<byte[]> deviceIds) {
        byte[] hash = from;
        byte[] pair = new byte[64];
        for (byte[] id : deviceIds) {
            System.arraycopy(hash, 0, pair, 0, 32);
            System.arraycopy(id, 0, pair, 32, 32);
            hash = org.web3j.crypto.Hash.sha3(pair);
        }
        return hash;
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
     * latest anchored size (empty when the claim rests on the latest anchored checkpoint). Up to
     * {@link #DEVICES_PER_TRANSACTION} devices go in one transaction; more are opened, added in
     * groups of that many and sealed, and a retry after a failure goes on from the last group the
     * chain holds.
     */
    public long submitPeriod(PeriodClaim claim, List<byte[]> deviceIds, List<byte[]> logProof)
            throws IOException, InterruptedException {
        MonitoringRegistry.Claim struct = onChain(claim);
        if (deviceIds.size() <= DEVICES_PER_TRANSACTION) {
            chain.send("MonitoringRegistry.submitPeriod", monitoring.getContractAddress(),
                    monitoring.submitPeriod(struct, deviceIds, logProof).encodeFunctionCall(),
                    () -> periodOfReport(claim.reportHash()) != 0);
            return periodOfReport(claim.reportHash());
        }
        chain.send("MonitoringRegistry.openPeriod", monitoring.getContractAddress(),
                monitoring.openPeriod(struct, logProof).encodeFunctionCall(), () -> periodOfReport(claim.reportHash()) != 0);
        long periodId = periodOfReport(claim.reportHash());
        BigInteger id = BigInteger.valueOf(periodId);
        List<List<byte[]>> groups = groupsOf(deviceIds);
        if (period(periodId).status() == PeriodStatus.OPEN) {
            for (int g = groupsOnChain(periodId).ends().size(); g < groups.size(); g++) {
                int added = g + 1;
                chain.send("MonitoringRegistry.addDevices", monitoring.getContractAddress(),
                        monitoring.addDevices(id, groups.get(g)).encodeFunctionCall(),
                        () -> groupsOnChain(periodId).ends().size() >= added);
            }
            chain.send("MonitoringRegistry.sealPeriod", monitoring.getContractAddress(),
                    monitoring.sealPeriod(id).encodeFunctionCall(), () -> period(periodId).status() != PeriodStatus.OPEN);
        }
        return periodId;
    }

    /** How many transactions {@link #submitPeriod} sends for a period of this many devices (nothing already on chain). */
    public static int transactionsToSubmit(int devices) {
        return devices <= DEVICES_PER_TRANSACTION ? 1 : groupCount(devices) + 2;
    }

    /** How many transactions {@link #withdraw} sends for a period of this many devices: the withdrawal and a free per group. */
    public static int transactionsToWithdraw(int devices) {
        return 1 + groupCount(devices);
    }

    private static int groupCount(int devices) {
        return Math.max(1, (devices + DEVICES_PER_TRANSACTION - 1) / DEVICES_PER_TRANSACTION);
    }

    /** A claim as MonitoringRegistry takes it. */
    static MonitoringRegistry.Claim onChain(PeriodClaim claim) {
        return new MonitoringRegistry.Claim(claim.projectId(), BigInteger.valueOf(claim.startEpochSecond()),
                BigInteger.valueOf(claim.endEpochSecond()), claim.reportHash(), claim.logId(),
                BigInteger.valueOf(claim.logSize()), claim.logRoot(), BigInteger.valueOf(claim.reductionKg()),
                BigInteger.valueOf(claim.credits()));
    }

    private static List<List<byte[]>> groupsOf(List<byte[]> deviceIds) {
        List<List<byte[]>> groups = new ArrayList<>();
        for (int from = 0; from < deviceIds.size(); from += DEVICES_PER_TRANSACTION) {
            groups.add(deviceIds.subList(from, Math.min(deviceIds.size(), from + DEVICES_PER_TRANSACTION)));
        }
        return groups;
    }

    /** A period's device groups on chain: the devices hash at each group's end, and which are freed. */
    record ChainGroups(List<byte[]> ends, List<Boolean> freed) {
    }

    ChainGroups groupsOnChain(long periodId) throws IOException {
        var groups = AnchorClient.read(monitoring.groupsOf(BigInteger.valueOf(periodId)));
        return new ChainGroups(groups.component1(), groups.component2());
    }

    /**
     * The period's devices cut into the groups they were added in, found by chaining their hash and
     * cutting where it meets each group's end on chain; refused, before anything is sent, if they
     * are not the devices the period holds. Devices past the last group are those an open period
     * never got (it was withdrawn before them); the chain holds nothing of them to free.
     */
    private List<List<byte[]>> groupsAsAdded(long periodId, List<byte[]> deviceIds) throws IOException {
        List<byte[]> ends = groupsOnChain(periodId).ends();
        PeriodStatus status = period(periodId).status();
        boolean mayBePartial = status == PeriodStatus.OPEN || status == PeriodStatus.WITHDRAWN;
        List<List<byte[]>> groups = new ArrayList<>();
        byte[] hash = new byte[32];
        int from = 0;
        for (int i = 0; i < deviceIds.size() && groups.size() < ends.size(); i++) {
            hash = chainedHash(hash, List.of(deviceIds.get(i)));
            if (Arrays.equals(hash, ends.get(groups.size()))) {
                groups.add(deviceIds.subList(from, i + 1));
                from = i + 1;
            }
        }
        if (groups.size() != ends.size() || (from != deviceIds.size() && !mayBePartial)) {
            throw new IllegalArgumentException("the " + deviceIds.size() + " devices given are not the devices period "
                    + periodId + " holds on chain (" + ends.size() + " groups, " + groups.size() + " matched)");
        }
        return groups;
    }

    /** Frees, group by group, the interval of a rejected or withdrawn period; groups already freed are skipped. */
    private void freeGroups(long periodId, List<List<byte[]>> groups) throws IOException, InterruptedException {
        BigInteger id = BigInteger.valueOf(periodId);
        List<Boolean> freed = groupsOnChain(periodId).freed();
        for (int g = 0; g < groups.size(); g++) {
            if (freed.get(g)) {
                continue;
            }
            int group = g;
            chain.send("MonitoringRegistry.freeDevices", monitoring.getContractAddress(),
                    monitoring.freeDevices(id, BigInteger.valueOf(g), groups.get(g)).encodeFunctionCall(),
                    () -> groupsOnChain(periodId).freed().get(group));
        }
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
     * Records a signed decision (any account may relay it). A rejection then frees the period's
     * interval for its devices (as submitted), a group per transaction; an approval does not need
     * them. A retry after a failure finds what the chain holds and sends only what is left.
     */
    public void recordDecision(long periodId, boolean approve, byte[] statementHash, byte[] signature, List<byte[]> deviceIds)
            throws IOException, InterruptedException {
        List<List<byte[]>> groups = approve ? List.of() : groupsAsAdded(periodId, deviceIds);
        chain.send("MonitoringRegistry.decide", monitoring.getContractAddress(),
                monitoring.decide(BigInteger.valueOf(periodId), approve, statementHash, signature).encodeFunctionCall(),
                () -> {
                    PeriodStatus status = period(periodId).status();
                    return approve ? status == PeriodStatus.APPROVED || status == PeriodStatus.ISSUED : status == PeriodStatus.REJECTED;
                });
        if (!approve) {
            freeGroups(periodId, groups);
        }
    }

    /**
     * Withdraws an open, submitted or approved period (as the project's participant) because its
     * report no longer holds; {@code reason} is recorded in the event (e.g. the restated report's
     * hash). The devices, as submitted, are then freed for a new submission, a group per
     * transaction; they are checked against the chain before anything is sent.
     */
    public void withdraw(long periodId, List<byte[]> deviceIds, byte[] reason) throws IOException, InterruptedException {
        List<List<byte[]>> groups = groupsAsAdded(periodId, deviceIds);
        chain.send("MonitoringRegistry.withdraw", monitoring.getContractAddress(),
                monitoring.withdraw(BigInteger.valueOf(periodId), reason).encodeFunctionCall(),
                () -> period(periodId).status() == PeriodStatus.WITHDRAWN);
        freeGroups(periodId, groups);
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
    public IssuanceRecord issue(long periodId) throws IOException, InterruptedException {
        chain.send("CreditIssuance.issue", issuance.getContractAddress(),
                issuance.issue(BigInteger.valueOf(periodId)).encodeFunctionCall(),
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
