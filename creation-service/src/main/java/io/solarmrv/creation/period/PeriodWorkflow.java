package io.solarmrv.creation.period;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import io.solarmrv.attestation.JCreditSolarSelfConsumption;
import io.solarmrv.attestation.MonitoringClaim;
import io.solarmrv.attestation.Sha256;
import io.solarmrv.creation.MonitoringReport;
import io.solarmrv.creation.ReportService;
import io.solarmrv.creation.allocation.AllocationPlan;
import io.solarmrv.creation.allocation.Allocations;
import io.solarmrv.creation.allocation.Article6;
import io.solarmrv.creation.allocation.CreditAllocation;
import io.solarmrv.creation.cycle.CreditingPeriod;
import io.solarmrv.creation.cycle.ProjectCycle;
import io.solarmrv.ledger.ContractRevertException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A monitoring period from closing to issuance: each step checks the period's state, does its part
 * on chain first (every chain step is idempotent, so a step that failed half-way is simply tried
 * again), then records it. Refusals are {@link HttpStatusException}s naming what stands in the way.
 */
@Singleton
public class PeriodWorkflow {
    private final ReportService reports;
    private final Periods periods;
    private final AnchoredLog log;
    private final Optional<PeriodLedger> ledger;
    private final ProjectCycle cycle;
    private final Allocations allocations;
    private final JsonMapper json;
    private final Findings findings;

    public PeriodWorkflow(ReportService reports, Periods periods, AnchoredLog log, Optional<PeriodLedger> ledger, ProjectCycle cycle,
                          Allocations allocations, JsonMapper json, Findings findings) {
        this.findings = findings;
        this.cycle = cycle;
        this.allocations = allocations;
        this.reports = reports;
        this.periods = periods;
        this.log = log;
        this.ledger = ledger;
        this.json = json;
    }

    /**
     * Closes [from, to): generates its report, submits the claim on chain, stores version 1; returns
     * the period. A J-Credit period across 1 April is closed as one period per fiscal year, each
     * reported at its own year's emission factor (モニタリング・算定規程 2.4.1), and the periods are
     * returned in order. Every report is computed before anything is submitted, so a refusal closes
     * nothing; if the chain fails between two submissions, the ones before stay closed and the
     * error names them.
     */
    public List<MonitoringPeriod> close(String projectId, Instant from, Instant to, String actor)
            throws SQLException, IOException, InterruptedException {
        chain();   // 503 naming the setting before the report is computed, if no chain is configured
        ProjectCycle.Status cycleStatus = requireWithinCreditingPeriod(projectId, from, to);
        List<JCreditSolarSelfConsumption.FiscalYearSpan> spans = "J-Credit".equals(cycleStatus.scheme())
                ? JCreditSolarSelfConsumption.fiscalYearSpans(from, to)
                : List.of(new JCreditSolarSelfConsumption.FiscalYearSpan(0, from, to));
        List<MonitoringReport> spanReports = new java.util.ArrayList<>();
        for (JCreditSolarSelfConsumption.FiscalYearSpan span : spans) {
            spanReports.add(reports.report(projectId, span.from(), span.to())
                    .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no project " + projectId)));
        }
        List<MonitoringPeriod> closed = new java.util.ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            try {
                closed.add(submit(projectId, spans.get(i).from(), spans.get(i).to(), spanReports.get(i), actor));
            } catch (HttpStatusException e) {
                if (closed.isEmpty()) {
                    throw e;
                }
                throw new HttpStatusException(e.getStatus(), "closed " + closed.stream().map(p -> "period " + p.number() + " ["
                        + p.from() + ", " + p.to() + ")").collect(java.util.stream.Collectors.joining(", ")) + "; ["
                        + spans.get(i).from() + ", " + to + ") was not: " + e.getMessage() + "; close it again");
            }
        }
        return closed;
    }

    /** 409 unless the project is registered and [from, to) lies within its {@link CreditingPeriod}; its cycle status. */
    private ProjectCycle.Status requireWithinCreditingPeriod(String projectId, Instant from, Instant to) throws SQLException {
        ProjectCycle.Status cycleStatus = cycle.status(projectId)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no project " + projectId));
        CreditingPeriod crediting = cycleStatus.registration().map(r -> CreditingPeriod.of(r, cycleStatus.scheme()))
                .orElseThrow(() -> conflict("project " + projectId + " is not registered (next stage: " + cycleStatus.next()
                        + "); monitoring periods count only from registration"));
        crediting.refusal(from, to).ifPresent(reason -> {
            throw conflict(reason);
        });
        return cycleStatus;
    }

    /** Submits a period's report, already computed: registration, overlap and anchoring checked first. */
    private MonitoringPeriod submit(String projectId, Instant from, Instant to, MonitoringReport report, String actor)
            throws SQLException, IOException, InterruptedException {
        PeriodLedger chain = chain();
        requireWithinCreditingPeriod(projectId, from, to);
        Optional<Integer> overlap = periods.overlapping(projectId, from, to);
        if (overlap.isPresent()) {
            throw conflict("period " + overlap.get() + " of " + projectId + " overlaps [" + from + ", " + to
                    + "); a project's monitoring periods never overlap");
        }
        AnchoredLog.LatestCheckpoint checkpoint = coveringCheckpoint(report);
        MonitoringClaim claim = report.claim();
        long chainPeriodId = onChain(() -> chain.submit(claim, report.deviceIds(), checkpoint));
        int number = periods.create(projectId, from, to, chainPeriodId, checkpoint, claim, json.writeValueAsString(report), actor)
                .orElseThrow(() -> conflict("a period overlapping [" + from + ", " + to + ") was closed meanwhile"));
        return find(projectId, number);
    }

    /**
     * Recomputes the report; if late data changed it, stores the new version with its changes. A
     * period not yet issued becomes RESTATED: issuance is blocked until the restated report is
     * verified, as a new period over the same interval ({@link #resubmit}; or the verifier rejects
     * a submitted version and the creator closes again).
     */
    public MonitoringPeriod restate(String projectId, int number, String actor) throws SQLException, IOException {
        return restatement(projectId, number, actor).period();
    }

    /** A period after {@link #restate}, with the report recomputed for it. */
    private record Restatement(MonitoringPeriod period, MonitoringReport report) {
    }

    private Restatement restatement(String projectId, int number, String actor) throws SQLException, IOException {
        MonitoringPeriod period = find(projectId, number);
        if (!PeriodAction.RESTATE.allowedIn(period.state())) {
            throw conflict("period " + number + " was " + period.state().name().toLowerCase()
                    + "; its interval is covered by a new period instead");
        }
        MonitoringReport report = reports.report(projectId, period.from(), period.to()).orElseThrow();
        MonitoringClaim claim = report.claim();
        if (HexFormat.of().formatHex(claim.digest()).equals(period.latest().claimSha256())) {
            return new Restatement(period, report);
        }
        PeriodState next = period.state() == PeriodState.ISSUED ? PeriodState.ISSUED : PeriodState.RESTATED;
        String reason = period.state() == PeriodState.ISSUED ? "late data after issuance (reported; the issued figures stand)"
                : "late data changed the report after it was submitted";
        periods.addVersion(projectId, number, claim, json.writeValueAsString(report), reason, period.state(), next, actor);
        return new Restatement(find(projectId, number), report);
    }

    /** The latest anchored checkpoint, if it covers every reading the report rests on (else 409 saying to wait for the next anchor). */
    private AnchoredLog.LatestCheckpoint coveringCheckpoint(MonitoringReport report) throws SQLException {
        AnchoredLog.LatestCheckpoint checkpoint = log.latest()
                .orElseThrow(() -> conflict("no log checkpoint is anchored yet; close the period after the first anchor"));
        long lastLeaf = report.devices().stream().filter(d -> d.last() != null).mapToLong(d -> d.last().leafIndex()).max().orElse(-1);
        if (report.selfConsumption() != null) {
            // A site meter's export rests on its first reading at or after the end: it must be anchored too.
            for (MonitoringReport.SiteExport meter : report.selfConsumption().siteMeters()) {
                lastLeaf = Math.max(lastLeaf, Math.max(meter.start().leafIndex(), meter.end().leafIndex()));
            }
        }
        if (lastLeaf >= checkpoint.treeSize()) {
            throw conflict("the period's readings reach log leaf " + lastLeaf + " but the latest anchored checkpoint covers "
                    + checkpoint.treeSize() + " leaves; close the period after the next anchor");
        }
        return checkpoint;
    }

    /**
     * The creator's one step after late data changed a period's report (RESTATED, whether it had been
     * submitted, approved or requested for issuance): the period is withdrawn on chain, which frees
     * its interval, and a new period is closed over the same interval with the restated report, for
     * the verifier to decide afresh. Returns the new period. Nothing is withdrawn unless the restated
     * report's readings are all covered by an anchored checkpoint, so the new period can be submitted.
     */
    public MonitoringPeriod resubmit(String projectId, int number, String actor) throws SQLException, IOException, InterruptedException {
        Restatement restatement = restatement(projectId, number, actor);
        MonitoringPeriod period = restatement.period();
        if (!PeriodAction.RESUBMIT.allowedIn(period.state())) {
            throw conflict("period " + number + " is " + period.state() + "; only a RESTATED period (late data changed its report"
                    + " before issuance) is withdrawn and resubmitted");
        }
        MonitoringReport restated = restatement.report();
        coveringCheckpoint(restated);
        PeriodLedger chain = chain();
        asOnChain(period, actor);
        List<String> devices = submittedDevices(projectId, number);
        resubmittable(chain, restated, devices, period);
        byte[] reason = restated.claim().digest();
        onChain(() -> {
            chain.withdraw(projectId, period.chainPeriodId(), devices, reason);
            return null;
        });
        periods.withdrawn(projectId, number, HexFormat.of().formatHex(reason), actor);
        return submit(projectId, period.from(), period.to(), restated, actor);
    }

    /**
     * Refuses (409) before anything is withdrawn if the restated report could not be submitted
     * afterwards: withdrawing frees the period's interval for the devices it was submitted with, but a
     * device the restated report adds is claimable only if no period holds it at or after the
     * period's start.
     */
    private void resubmittable(PeriodLedger chain, MonitoringReport restated, List<String> submittedDevices, MonitoringPeriod period)
            throws IOException {
        long start = period.from().getEpochSecond();
        for (String device : restated.deviceIds()) {
            if (submittedDevices.contains(device)) {
                continue;
            }
            long until = chain.monitoredUntil(device);
            if (until > start) {
                throw conflict("the restated report of period " + period.number() + " adds device " + device + ", which another"
                        + " period holds on chain until " + java.time.Instant.ofEpochSecond(until) + ": it could not be submitted,"
                        + " so nothing was withdrawn");
            }
        }
    }

    /** What the verifier signs to decide: the statement as signed (with its findings cited) and the contract's EIP-191 digest, hex. */
    @io.micronaut.serde.annotation.Serdeable
    public record DecisionDigest(String statement, String digest) {
    }

    /**
     * What the verifier signs to decide on the period: the statement with the period's findings
     * cited ({@link #signedStatement}) and the digest over it.
     */
    public DecisionDigest decisionDigest(String projectId, int number, boolean approve, String statement, String actor)
            throws SQLException, IOException, InterruptedException {
        MonitoringPeriod period = asOnChain(find(projectId, number), actor);
        String signed = signedStatement(projectId, number, approve, statement);
        return new DecisionDigest(signed,
                HexFormat.of().formatHex(chain().decisionDigest(period.chainPeriodId(), approve, statementHash(signed))));
    }

    /**
     * The statement a decision signs: the verifier's words, then every finding of the period with its
     * state and thread digest ({@link Finding#citation}); an approval is refused (409) while a CAR or
     * CL is not closed, naming them. Without findings it is the verifier's words as written.
     */
    private String signedStatement(String projectId, int number, boolean approve, String statement) throws SQLException {
        if (statement == null || statement.isBlank()) {
            throw badRequest("'statement' is required: what the verifier checked and concluded");
        }
        List<Finding> all = findings.list(projectId, number);
        List<String> holding = all.stream().filter(Finding::blocksApproval).map(f -> f.type() + " " + f.number() + " (" + f.state() + ")")
                .toList();
        if (approve && !holding.isEmpty()) {
            throw conflict("approval waits for every corrective action and clarification request to be closed; open: "
                    + String.join(", ", holding));
        }
        return statement + Finding.citation(all);
    }

    /**
     * Relays the verifier's signed decision on the submitted report (version 1) to the chain, which
     * checks that a holder of its verifier role signed it, then records it. The signature covers the
     * statement with the period's findings cited ({@link #decisionDigest}); a finding that changed
     * since the digest was fetched makes the chain refuse it. A restated period can only be rejected.
     */
    public MonitoringPeriod decide(String projectId, int number, boolean approve, String statement, String signatureHex,
                                   String actor) throws SQLException, IOException, InterruptedException {
        MonitoringPeriod period = find(projectId, number);
        if (!PeriodAction.DECIDE.allowedIn(period.state())) {
            throw conflict("period " + number + " is " + period.state() + "; a decision is taken once, on a SUBMITTED period");
        }
        if (approve && period.state() == PeriodState.RESTATED) {
            throw conflict("late data changed period " + number + " after it was submitted (now version "
                    + period.latest().version() + "); the submitted version can only be rejected, then a new period closed");
        }
        String signed = signedStatement(projectId, number, approve, statement);
        byte[] signature = signature(signatureHex);
        PeriodLedger chain = chain();
        List<String> devices = submittedDevices(projectId, number);
        MonitoringPeriod submitted = asOnChain(period, actor);
        if (!submitted.chainPeriodId().equals(period.chainPeriodId())) {
            throw conflict("the chain holds period " + number + " under a new id (" + submitted.chainPeriodId() + ") since a"
                    + " reorganisation; the signature covers the old one: fetch the decision digest again and sign it");
        }
        onChain(() -> {
            chain.recordDecision(period.chainPeriodId(), approve, statementHash(signed), signature, devices);
            return null;
        });
        periods.recordDecision(projectId, number, period.state(), 1, approve, signed, signature, actor);
        return find(projectId, number);
    }

    /** The creator's one step: checks for late data, then asks the chain to issue the approved period's credits. */
    public MonitoringPeriod requestIssuance(String projectId, int number, String actor)
            throws SQLException, IOException, InterruptedException {
        MonitoringPeriod period = restate(projectId, number, actor);
        if (period.state() == PeriodState.RESTATED) {
            throw conflict("late data changed period " + number + " since it was submitted (version " + period.latest().version()
                    + ": " + String.join("; ", period.latest().changes()) + "); issuance is blocked until it is re-verified");
        }
        if (!PeriodAction.REQUEST_ISSUANCE.allowedIn(period.state())) {
            throw conflict("period " + number + " is " + period.state() + "; only an APPROVED period can be issued");
        }
        PeriodLedger chain = chain();
        asOnChain(period, actor);
        onChain(() -> {
            chain.requestIssuance(projectId, period.chainPeriodId());
            return null;
        });
        if (period.state() == PeriodState.APPROVED) {
            periods.issuanceRequested(projectId, number, actor);
        }
        return find(projectId, number);
    }

    /**
     * The registry administrator issues a requested period: the chain assigns the serials, which are
     * split among the accounts of the project's allocation plan, with the Article 6.2 status given
     * (none: not authorized).
     */
    public MonitoringPeriod issue(String projectId, int number, Article6 article6, String actor)
            throws SQLException, IOException, InterruptedException {
        MonitoringPeriod period = find(projectId, number);
        if (period.state() == PeriodState.ISSUED) {
            return period;
        }
        if (!PeriodAction.ISSUE.allowedIn(period.state())) {
            throw conflict("period " + number + " is " + period.state() + "; issuance must be requested by the project participant first");
        }
        AllocationPlan plan = allocations.plan(projectId).orElseThrow(() -> conflict("project " + projectId
                + " has no allocation plan: its participants' agreed split (PUT /projects/" + projectId + "/allocation) comes first"));
        try {
            article6.check();
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
        PeriodLedger chain = chain();
        asOnChain(period, actor);
        PeriodLedger.Serials serials = onChain(() -> chain.issue(period.chainPeriodId()));
        periods.issued(projectId, number, serials, CreditAllocation.split(serials.first(), serials.last(), plan), article6, actor);
        return find(projectId, number);
    }

    /** A verifier's random sample of the period's readings, each with its proof against the checkpoint the claim rests on. */
    @io.micronaut.serde.annotation.Serdeable
    public record Sample(String seed, int size, long treeSize, String root, List<AnchoredLog.ProvenReading> readings) {
    }

    /**
     * Draws {@code size} of the period's readings with {@link io.solarmrv.attestation.ReadingSample}
     * (the seed is generated if none is given, and recorded either way, so the draw can be repeated).
     */
    public Sample sample(String projectId, int number, int size, String seedHex, String actor) throws SQLException, IOException {
        if (size < 1 || size > 1_000) {
            throw badRequest("'size' must be 1 to 1000, was " + size);
        }
        byte[] seed;
        if (seedHex == null || seedHex.isEmpty()) {
            seed = new byte[32];
            new java.security.SecureRandom().nextBytes(seed);
        } else if (seedHex.matches("([0-9a-fA-F]{2}){1,64}")) {
            seed = HexFormat.of().parseHex(seedHex);
        } else {
            throw badRequest("'seed' must be 1 to 64 bytes in hex, or absent for a random one");
        }
        MonitoringPeriod period = find(projectId, number);
        List<Long> population = log.leavesOf(submittedDevices(projectId, number), period.from(), period.to(), period.logSize());
        List<Long> drawn = io.solarmrv.attestation.ReadingSample.draw(seed, population, size);
        periods.recordSample(projectId, number, seed, size, drawn, actor);
        return new Sample(HexFormat.of().formatHex(seed), size, period.logSize(), period.logRoot(), log.prove(drawn, period.logSize()));
    }

    /**
     * The period as the chain holds it, checked before any step acts on it. A reorganisation (blocks
     * replaced before enough confirmations covered them, or a development chain reset) can take a
     * submission away: the chain's id then names nothing, or another project's report. The
     * submission is looked up by its report hash (version 1's claim): found under another id, the
     * id is corrected; gone while undecided, the same claim is submitted again on the same
     * checkpoint. Gone after a decision or issuance was recorded here, it is refused (409), never
     * assumed: the decision must be taken again on chain.
     */
    private MonitoringPeriod asOnChain(MonitoringPeriod period, String actor) throws SQLException, IOException, InterruptedException {
        if (period.chainPeriodId() == null) {
            return period;
        }
        PeriodLedger chain = chain();
        String submittedSha256 = period.versions().get(0).claimSha256();
        byte[] submittedHash = HexFormat.of().parseHex(submittedSha256);
        byte[] held = onChain(() -> chain.reportHash(period.chainPeriodId()));
        if (java.util.Arrays.equals(held, submittedHash)) {
            return period;
        }
        String projectId = period.projectId();
        long elsewhere = onChain(() -> chain.periodOfReport(submittedHash));
        if (elsewhere != 0) {
            periods.movedOnChain(projectId, period.number(), period.chainPeriodId(), elsewhere, "found by its report hash", actor);
            return find(projectId, period.number());
        }
        if (period.decision() != null || (period.state() != PeriodState.SUBMITTED && period.state() != PeriodState.RESTATED)) {
            throw conflict("the chain no longer holds period " + period.number() + "'s submission (chain period "
                    + period.chainPeriodId() + ", report " + submittedSha256 + "), though its " + period.state()
                    + " state was recorded here: a reorganisation took it away; the recorded state is not assumed");
        }
        MonitoringReport submitted = storedReport(projectId, period.number(), 1);
        if (!HexFormat.of().formatHex(submitted.claim().digest()).equals(submittedSha256)) {
            throw new IllegalStateException("period " + period.number() + "'s stored report does not give its recorded claim hash");
        }
        AnchoredLog.LatestCheckpoint latest = log.latest().orElseThrow(() -> conflict("no log checkpoint is anchored"));
        AnchoredLog.LatestCheckpoint checkpoint = new AnchoredLog.LatestCheckpoint(period.logSize(),
                HexFormat.of().parseHex(period.logRoot()), latest.origin());
        long resubmitted = onChain(() -> chain.submit(submitted.claim(), submitted.deviceIds(), checkpoint));
        periods.movedOnChain(projectId, period.number(), period.chainPeriodId(), resubmitted,
                "submitted again after a reorganisation took it away", actor);
        return find(projectId, period.number());
    }

    public MonitoringPeriod find(String projectId, int number) throws SQLException {
        return periods.find(projectId, number).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND,
                "no period " + number + " of project " + projectId));
    }

    /** A stored version of a period's report, exactly as generated; version 1 is the one submitted on chain. */
    public MonitoringReport storedReport(String projectId, int number, int version) throws SQLException, IOException {
        String reportJson = periods.stored("report_json", projectId, number, version).orElseThrow(() -> new HttpStatusException(
                HttpStatus.NOT_FOUND, "no version " + version + " of period " + number + " of project " + projectId));
        return json.readValue(reportJson, MonitoringReport.class);
    }

    private List<String> submittedDevices(String projectId, int number) throws SQLException, IOException {
        return storedReport(projectId, number, 1).deviceIds();
    }

    private static byte[] statementHash(String statement) {
        return Sha256.hash(statement.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] signature(String hex) {
        String digits = hex == null ? "" : hex.startsWith("0x") ? hex.substring(2) : hex;
        if (!digits.matches("[0-9a-fA-F]{130}")) {
            throw badRequest("'signature' must be the verifier's 65-byte EIP-191 signature (r || s || v) in hex");
        }
        return HexFormat.of().parseHex(digits);
    }

    /** The chain, or 503 naming the setting that would configure it. */
    PeriodLedger chain() {
        return ledger.orElseThrow(() -> new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                "no chain is configured: set MRV_CHAIN_RPC_URL and the contract addresses and keys (creation-service README)"));
    }

    private interface ChainStep<T> {
        T run() throws IOException, InterruptedException;
    }

    /** A chain step whose contract refusal becomes 409 with the rule it broke, and an unreachable node 503. */
    private static <T> T onChain(ChainStep<T> step) throws InterruptedException {
        try {
            return step.run();
        } catch (ContractRevertException e) {
            throw conflict("the chain refused: " + e.getMessage());
        } catch (IOException e) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the chain node did not answer: " + e.getMessage());
        } catch (io.solarmrv.ledger.InsufficientFundsException e) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the service's chain account cannot pay for the"
                    + " transaction: " + e.getMessage() + "; fund it and try again");
        } catch (io.solarmrv.ledger.GasLimitExceededException e) {
            throw conflict(e.getMessage() + ": a period's devices go " + io.solarmrv.ledger.PeriodClient.DEVICES_PER_TRANSACTION
                    + " to a transaction, and this chain's blocks hold less");
        }
    }

    private static HttpStatusException conflict(String detail) {
        return new HttpStatusException(HttpStatus.CONFLICT, detail);
    }

    private static HttpStatusException badRequest(String detail) {
        return new HttpStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
