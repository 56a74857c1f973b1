package io.solarmrv.ledger;

import static io.solarmrv.ledger.AnchorRegistryTest.assertRevert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * MonitoringRegistry and CreditIssuance rules, each broken once, on a real anvil. Accounts: 0 is
 * the registry administrator (registrar, issuer, anchorer), 1 and 3 are project participants, 2 is
 * the verifier.
 */
class PeriodLifecycleTest {
    private static final long DAY = 86_400;
    private static final long T0 = 1_782_864_000L; // 2026-07-01T00:00Z

    private static AnvilNode anvil;
    private static LedgerDeployment ledger;
    private static PeriodClient admin;
    private static PeriodClient participant;
    private static PeriodClient verifier;
    private static PeriodClient otherParticipant;
    private static TestLogs log;

    @BeforeAll
    static void deploy() throws Exception {
        anvil = AnvilNode.start();
        String adminAddress = anvil.address(0);
        String verifierAddress = anvil.address(2);
        ledger = LedgerDeployment.deploy(anvil.chain(), Duration.ofDays(2),
                new LedgerDeployment.Roles(adminAddress, adminAddress, verifierAddress, adminAddress));
        admin = PeriodClient.connect(anvil.chain(), ledger);
        participant = PeriodClient.connect(anvil.account(1), ledger);
        verifier = PeriodClient.connect(anvil.account(2), ledger);
        otherParticipant = PeriodClient.connect(anvil.account(3), ledger);
        log = new TestLogs("monitoring log");
        try (AnchorClient anchors = AnchorClient.connect(anvil.chain(), ledger.anchorRegistry())) {
            anchors.anchor(log.next(100));
        }
    }

    @AfterAll
    static void stop() {
        for (PeriodClient client : new PeriodClient[] {admin, participant, verifier, otherParticipant}) {
            client.close();
        }
        anvil.close();
    }

    private static PeriodClaim claim(String project, long start, long end, String report, long credits) {
        return new PeriodClaim(PeriodClient.idOf(project), start, end, PeriodClient.idOf(report), log.logId, 100,
                log.root(100), credits * 1000 + 417, credits);
    }

    private static long approved(PeriodClient by, PeriodClaim claim, List<byte[]> devices) throws Exception {
        long id = by.submitPeriod(claim, devices, List.of());
        byte[] statement = PeriodClient.idOf("statement " + id);
        verifier.recordDecision(id, true, statement, verifier.signDecision(id, true, statement), devices);
        return id;
    }

    /** MonitoringRegistry for sends straight to the contract, past the client's checks: the rules hold on chain. */
    private static io.solarmrv.ledger.contracts.MonitoringRegistry rawRegistry(ChainTransactions raw) {
        return io.solarmrv.ledger.contracts.MonitoringRegistry.load(ledger.monitoringRegistry(), raw.web3j(), raw.credentials(),
                new org.web3j.tx.gas.DefaultGasProvider());
    }

    private static List<byte[]> homes(String prefix, int count) {
        return PeriodClient.deviceIdsOf(java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> String.format("%s-%05d", prefix, i)).toList());
    }

    @Test
    void aTransactionAboveTheBlockGasLimitIsRefusedAtOnceNotRetried() throws Exception {
        admin.registerProject(PeriodClient.idOf("too-big"), participant.address());
        List<byte[]> devices = homes("too-big", 3_000);
        PeriodClaim claim = claim("too-big", T0, T0 + DAY, "too-big report", 1);
        var struct = PeriodClient.onChain(claim);
        long started = System.nanoTime();
        try (ChainTransactions raw = new ChainTransactions(anvil.account(1), SendPolicy.DEFAULT, new GasMeter())) {
            var monitoring = rawRegistry(raw);
            String all = monitoring.submitPeriod(struct, devices, List.of()).encodeFunctionCall();
            GasLimitExceededException refused = org.junit.jupiter.api.Assertions.assertThrows(GasLimitExceededException.class,
                    () -> raw.send("MonitoringRegistry.submitPeriod", ledger.monitoringRegistry(), all, () -> false));
            assertTrue(refused.getMessage().startsWith("MonitoringRegistry.submitPeriod needs more gas than one block of this chain holds"),
                    refused.getMessage());
        }
        assertTrue(System.nanoTime() - started < java.time.Duration.ofSeconds(60).toNanos(), "not retried as if the node were down");
    }

    @Test
    void aProgrammeOfThousandsOfDevicesIsSubmittedRejectedFreedAndIssuedInGroups() throws Exception {
        admin.registerProject(PeriodClient.idOf("programme"), participant.address());
        List<byte[]> devices = homes("programme", 2_500); // 1,000 homes' PV, meters and batteries
        long first = participant.submitPeriod(claim("programme", T0, T0 + DAY, "programme v1", 2), devices, List.of());
        PeriodClient.PeriodRecord submitted = participant.period(first);
        assertEquals(PeriodClient.PeriodStatus.SUBMITTED, submitted.status());
        assertTrue(java.util.Arrays.equals(PeriodClient.devicesHashOf(java.util.stream.IntStream.range(0, 2_500)
                .mapToObj(i -> String.format("programme-%05d", i)).toList()), submitted.devicesHash()), "one hash, whatever the groups");
        assertEquals(5, participant.groupsOnChain(first).ends().size());
        assertEquals(T0 + DAY, admin.monitoredUntil(devices.get(2_499)));

        byte[] statement = PeriodClient.idOf("sampled homes do not match");
        verifier.recordDecision(first, false, statement, verifier.signDecision(first, false, statement), devices);
        assertEquals(List.of(true, true, true, true, true), participant.groupsOnChain(first).freed());
        assertEquals(T0, admin.monitoredUntil(devices.get(0)));
        assertEquals(T0, admin.monitoredUntil(devices.get(2_499)));

        long second = approved(participant, claim("programme", T0, T0 + DAY, "programme v2", 1), devices);
        participant.requestIssuance(second, participant.address());
        assertEquals(1, admin.issue(second).credits());
        assertRevert("PeriodOverlaps", () -> otherParticipantClaims(devices.subList(1_234, 1_235)));
    }

    private static void otherParticipantClaims(List<byte[]> devices) throws Exception {
        admin.registerProject(PeriodClient.idOf("programme poacher"), otherParticipant.address());
        otherParticipant.submitPeriod(claim("programme poacher", T0, T0 + DAY, "poached", 1), devices, List.of());
    }

    @Test
    void anInterruptedGroupedSubmissionGoesOnFromWhatTheChainHolds() throws Exception {
        admin.registerProject(PeriodClient.idOf("interrupted"), participant.address());
        List<byte[]> devices = homes("interrupted", 1_200);
        PeriodClaim claim = claim("interrupted", T0, T0 + DAY, "interrupted report", 1);
        var struct = PeriodClient.onChain(claim);
        long id;
        try (ChainTransactions raw = new ChainTransactions(anvil.account(1), SendPolicy.DEFAULT, new GasMeter())) {
            var monitoring = rawRegistry(raw);
            raw.send("openPeriod", ledger.monitoringRegistry(), monitoring.openPeriod(struct, List.of()).encodeFunctionCall(), () -> false);
            id = participant.periodOfReport(claim.reportHash());
            java.math.BigInteger periodId = java.math.BigInteger.valueOf(id);
            raw.send("addDevices", ledger.monitoringRegistry(),
                    monitoring.addDevices(periodId, devices.subList(0, 500)).encodeFunctionCall(), () -> false);
            // Rules an open period keeps: ids increase across groups; no decision before it is sealed.
            String again = monitoring.addDevices(periodId, devices.subList(499, 600)).encodeFunctionCall();
            assertRevert("DevicesNotSortedOrEmpty", () -> raw.send("addDevices", ledger.monitoringRegistry(), again, () -> false));
            String early = monitoring.freeDevices(periodId, java.math.BigInteger.ZERO, devices.subList(0, 500)).encodeFunctionCall();
            assertRevert("NotFreeable", () -> raw.send("freeDevices", ledger.monitoringRegistry(), early, () -> false));
        }
        byte[] statement = PeriodClient.idOf("too early");
        assertRevert("NotSealed", () -> verifier.recordDecision(id, true, statement, verifier.signDecision(id, true, statement), devices));
        assertEquals(PeriodClient.PeriodStatus.OPEN, participant.period(id).status());

        // The service restarted: the same submission goes on from the second group.
        assertEquals(id, participant.submitPeriod(claim, devices, List.of()));
        assertEquals(PeriodClient.PeriodStatus.SUBMITTED, participant.period(id).status());
        assertEquals(3, participant.groupsOnChain(id).ends().size());
        assertTrue(java.util.Arrays.equals(PeriodClient.devicesHashOf(java.util.stream.IntStream.range(0, 1_200)
                .mapToObj(i -> String.format("interrupted-%05d", i)).toList()), participant.period(id).devicesHash()));

        // Freed groups are checked one by one against the chain: a wrong group frees nothing.
        participant.withdraw(id, devices, PeriodClient.idOf("restated"));
        assertEquals(T0, admin.monitoredUntil(devices.get(1_199)));
        try (ChainTransactions raw = new ChainTransactions(anvil.account(3), SendPolicy.DEFAULT, new GasMeter())) {
            var monitoring = rawRegistry(raw);
            String twice = monitoring.freeDevices(java.math.BigInteger.valueOf(id), java.math.BigInteger.ONE, devices.subList(500, 1_000))
                    .encodeFunctionCall();
            assertRevert("DevicesMismatch", () -> raw.send("freeDevices", ledger.monitoringRegistry(), twice, () -> false));
        }
    }

    @Test
    void aGroupThatIsNotThePeriodsFreesNothing() throws Exception {
        admin.registerProject(PeriodClient.idOf("wrong group"), participant.address());
        List<byte[]> devices = homes("wrong group", 3);
        List<byte[]> bystander = homes("bystander", 1);
        admin.registerProject(PeriodClient.idOf("bystander"), otherParticipant.address());
        otherParticipant.submitPeriod(claim("bystander", T0, T0 + DAY, "bystander report", 1), bystander, List.of());
        long id = participant.submitPeriod(claim("wrong group", T0, T0 + DAY, "wrong group report", 1), devices, List.of());
        byte[] statement = PeriodClient.idOf("rejected");
        byte[] signature = verifier.signDecision(id, false, statement);
        try (ChainTransactions raw = new ChainTransactions(anvil.account(3), SendPolicy.DEFAULT, new GasMeter())) {
            var monitoring = rawRegistry(raw);
            // The rejection is relayed, and the relay stops before freeing anything.
            raw.send("decide", ledger.monitoringRegistry(), monitoring.decide(java.math.BigInteger.valueOf(id), false, statement,
                    signature).encodeFunctionCall(), () -> false);
            assertEquals(T0 + DAY, admin.monitoredUntil(devices.get(0)), "rejected, not yet freed");
            // Someone tries to free another project's device through this rejected period.
            String other = monitoring.freeDevices(java.math.BigInteger.valueOf(id), java.math.BigInteger.ZERO, bystander)
                    .encodeFunctionCall();
            assertRevert("DevicesMismatch", () -> raw.send("freeDevices", ledger.monitoringRegistry(), other, () -> false));
            String partOfIt = monitoring.freeDevices(java.math.BigInteger.valueOf(id), java.math.BigInteger.ZERO, devices.subList(0, 2))
                    .encodeFunctionCall();
            assertRevert("DevicesMismatch", () -> raw.send("freeDevices", ledger.monitoringRegistry(), partOfIt, () -> false));
        }
        // The relay's retry finds the period rejected and frees what is left.
        verifier.recordDecision(id, false, statement, signature, devices);
        assertEquals(T0, admin.monitoredUntil(devices.get(0)));
        assertEquals(T0, admin.monitoredUntil(devices.get(2)));
        assertEquals(T0 + DAY, admin.monitoredUntil(bystander.get(0)), "the bystander's day stays claimed");
    }

    @Test
    void aPeriodGoesFromSubmissionThroughApprovalToIssuanceAndRetirement() throws Exception {
        admin.registerProject(PeriodClient.idOf("happy"), participant.address());
        List<byte[]> devices = PeriodClient.deviceIdsOf(List.of("inv-1", "inv-2"));
        PeriodClaim claim = claim("happy", T0, T0 + 30 * DAY, "happy report 1", 12);

        long id = participant.submitPeriod(claim, devices, List.of());
        assertEquals(id, participant.submitPeriod(claim, devices, List.of()), "submitting the same report again is a no-op");
        assertEquals(PeriodClient.PeriodStatus.SUBMITTED, participant.period(id).status());

        byte[] statement = PeriodClient.idOf("verification statement");
        byte[] signature = verifier.signDecision(id, true, statement);
        admin.recordDecision(id, true, statement, signature, devices); // relayed by someone else
        PeriodClient.PeriodRecord period = participant.period(id);
        assertEquals(PeriodClient.PeriodStatus.APPROVED, period.status());
        assertEquals(verifier.address().toLowerCase(), period.verifier().toLowerCase());

        participant.requestIssuance(id, participant.address());
        PeriodClient.IssuanceRecord issued = admin.issue(id);
        assertEquals(PeriodClient.IssuanceStatus.ISSUED, issued.status());
        assertEquals(12, issued.credits());
        assertEquals(issued, admin.issue(id), "issuing again sends nothing and changes nothing");
        assertEquals(T0 + 30 * DAY, admin.monitoredUntil(devices.get(0)));

        assertEquals(5, participant.retire(id, 5, PeriodClient.idOf("beneficiary")).retired());
        assertRevert("RetireExceedsBalance", () -> participant.retire(id, 8, PeriodClient.idOf("beneficiary")));
        assertRevert("NotHolder", () -> otherParticipant.retire(id, 1, PeriodClient.idOf("beneficiary")));
        assertEquals(5, participant.issuance(id).retired());
    }

    @Test
    void periodsMayRestOnAnEarlierRootOfTheAnchoredLog() throws Exception {
        admin.registerProject(PeriodClient.idOf("earlier root"), participant.address());
        PeriodClaim atNinetyNine = new PeriodClaim(PeriodClient.idOf("earlier root"), T0, T0 + DAY,
                PeriodClient.idOf("earlier root report"), log.logId, 99, log.root(99), 1000, 1);
        long id = participant.submitPeriod(atNinetyNine, PeriodClient.deviceIdsOf(List.of("inv-e")), log.proof(99, 100));
        assertEquals(99, participant.period(id).claim().logSize());
    }

    @Test
    void periodsNeverOverlapForADeviceNotEvenByOneSecond() throws Exception {
        admin.registerProject(PeriodClient.idOf("overlap"), participant.address());
        List<byte[]> devices = PeriodClient.deviceIdsOf(List.of("inv-a", "inv-b"));
        participant.submitPeriod(claim("overlap", T0, T0 + DAY, "overlap 1", 1), devices, List.of());
        assertRevert("PeriodOverlaps", () -> participant.submitPeriod(
                claim("overlap", T0 + DAY - 1, T0 + 2 * DAY, "overlap 2", 1), PeriodClient.deviceIdsOf(List.of("inv-b")), List.of()));
        participant.submitPeriod(claim("overlap", T0 + DAY, T0 + 2 * DAY, "overlap 3", 1), devices, List.of());
    }

    @Test
    void aRejectedPeriodFreesItsIntervalForACorrectedReport() throws Exception {
        admin.registerProject(PeriodClient.idOf("rejected"), participant.address());
        List<byte[]> devices = PeriodClient.deviceIdsOf(List.of("inv-r"));
        long id = participant.submitPeriod(claim("rejected", T0, T0 + DAY, "rejected v1", 3), devices, List.of());
        byte[] statement = PeriodClient.idOf("figures do not match the meter");
        verifier.recordDecision(id, false, statement, verifier.signDecision(id, false, statement), devices);
        assertEquals(PeriodClient.PeriodStatus.REJECTED, participant.period(id).status());
        assertRevert("PeriodNotApproved", () -> participant.requestIssuance(id, participant.address()));
        long corrected = approved(participant, claim("rejected", T0, T0 + DAY, "rejected v2", 2), devices);
        assertTrue(corrected > id);
    }

    @Test
    void anApprovedPeriodWithdrawnForLateDataIsVerifiedAfreshAndIssuedOnlyThen() throws Exception {
        admin.registerProject(PeriodClient.idOf("withdrawn"), participant.address());
        List<byte[]> devices = PeriodClient.deviceIdsOf(List.of("inv-w1", "inv-w2"));
        byte[] reason = PeriodClient.idOf("restated report");
        long first = approved(participant, claim("withdrawn", T0, T0 + DAY, "withdrawn v1", 4), devices);
        participant.requestIssuance(first, participant.address());
        assertRevert("NotParticipant", () -> otherParticipant.withdraw(first, devices, reason));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> participant.withdraw(first, devices.subList(0, 1), reason), "checked before anything is sent");
        assertEquals(PeriodClient.PeriodStatus.APPROVED, participant.period(first).status());
        participant.withdraw(first, devices, reason);
        assertEquals(PeriodClient.PeriodStatus.WITHDRAWN, participant.period(first).status());
        assertRevert("PeriodNotApproved", () -> admin.issue(first));
        participant.withdraw(first, devices, reason); // a retry finds it withdrawn and sends nothing
        byte[] statement = PeriodClient.idOf("too late");
        assertRevert("AlreadyDecided", () -> verifier.recordDecision(first, true, statement, verifier.signDecision(first, true, statement),
                devices));

        long second = approved(participant, claim("withdrawn", T0, T0 + DAY, "withdrawn v2", 3), devices);
        participant.requestIssuance(second, participant.address());
        assertEquals(3, admin.issue(second).credits(), "the re-verified report is issued, once");
        assertEquals(PeriodClient.PeriodStatus.ISSUED, participant.period(second).status());
        assertRevert("NotWithdrawable", () -> participant.withdraw(second, devices, reason));
    }

    @Test
    void onlyTheRightPeopleMayActAndOnlyOnAnchoredData() throws Exception {
        admin.registerProject(PeriodClient.idOf("roles"), participant.address());
        List<byte[]> devices = PeriodClient.deviceIdsOf(List.of("inv-x"));
        assertRevert("NotParticipant", () -> otherParticipant.submitPeriod(claim("roles", T0, T0 + DAY, "roles 0", 1), devices, List.of()));
        assertRevert("UnknownProject", () -> participant.submitPeriod(claim("nobody", T0, T0 + DAY, "roles 00", 1), devices, List.of()));
        assertRevert("AccessControlUnauthorizedAccount",
                () -> participant.registerProject(PeriodClient.idOf("self-made"), participant.address()));
        PeriodClaim unanchored = new PeriodClaim(PeriodClient.idOf("roles"), T0, T0 + DAY, PeriodClient.idOf("roles 1"),
                log.logId, 99, log.root(99), 1000, 1);
        assertRevert("RootNotAnchored", () -> participant.submitPeriod(unanchored, devices, List.of()));
        // The same earlier root with a forged proof is refused; with the real proof to the anchored
        // size it is the log as it was, and accepted (see periodsMayRestOnAnEarlierRootOfTheAnchoredLog).
        List<byte[]> forged = new java.util.ArrayList<>(log.proof(99, 100));
        forged.set(0, TestLogs.noteHash(1));
        assertRevert("RootNotAnchored", () -> participant.submitPeriod(unanchored, devices, forged));

        long id = participant.submitPeriod(claim("roles", T0, T0 + DAY, "roles 2", 1), devices, List.of());
        byte[] statement = PeriodClient.idOf("self-approval");
        assertRevert("SignerNotVerifier", () -> participant.recordDecision(id, true, statement,
                participant.signDecision(id, true, statement), devices));
        byte[] forOtherStatement = verifier.signDecision(id, true, PeriodClient.idOf("another statement"));
        assertRevert("SignerNotVerifier", () -> participant.recordDecision(id, true, statement, forOtherStatement, devices));
        verifier.recordDecision(id, true, statement, verifier.signDecision(id, true, statement), devices);
        assertRevert("AlreadyDecided", () -> verifier.recordDecision(id, false, statement,
                verifier.signDecision(id, false, statement), devices));

        assertRevert("NotParticipant", () -> otherParticipant.requestIssuance(id, otherParticipant.address()));
        participant.requestIssuance(id, participant.address());
        assertRevert("AccessControlUnauthorizedAccount", () -> participant.issue(id));
    }

    @Test
    void aPeriodIsIssuedOnceAndADevicesGenerationOnceAcrossProjects() throws Exception {
        admin.registerProject(PeriodClient.idOf("first claim"), participant.address());
        admin.registerProject(PeriodClient.idOf("second claim"), otherParticipant.address());
        List<byte[]> devices = PeriodClient.deviceIdsOf(List.of("inv-shared", "inv-own"));
        long first = approved(participant, claim("first claim", T0, T0 + 7 * DAY, "claim 1", 4), devices);
        participant.requestIssuance(first, participant.address());
        admin.issue(first);

        // Straight to the contract, past the client's idempotence check: the rule holds on chain.
        try (ChainTransactions raw = new ChainTransactions(anvil.chain(), SendPolicy.DEFAULT, new GasMeter())) {
            var issuance = io.solarmrv.ledger.contracts.CreditIssuance.load(ledger.creditIssuance(), raw.web3j(),
                    raw.credentials(), new org.web3j.tx.gas.DefaultGasProvider());
            String again = issuance.issue(java.math.BigInteger.valueOf(first)).encodeFunctionCall();
            assertRevert("NotRequested", () -> raw.send("CreditIssuance.issue", ledger.creditIssuance(), again, () -> false));
        }
        try (ChainTransactions raw = new ChainTransactions(anvil.account(1), SendPolicy.DEFAULT, new GasMeter())) {
            var issuance = io.solarmrv.ledger.contracts.CreditIssuance.load(ledger.creditIssuance(), raw.web3j(),
                    raw.credentials(), new org.web3j.tx.gas.DefaultGasProvider());
            String request = issuance.requestIssuance(java.math.BigInteger.valueOf(first), participant.address()).encodeFunctionCall();
            assertRevert("AlreadyRequested", () -> raw.send("CreditIssuance.requestIssuance", ledger.creditIssuance(), request, () -> false));
        }

        // Another project claims one of the same devices for an overlapping week: refused at submission,
        // before any verifier spends time on it; a week after the first claim it may.
        assertRevert("PeriodOverlaps", () -> otherParticipant.submitPeriod(claim("second claim", T0 + 6 * DAY, T0 + 8 * DAY,
                "claim 2", 1), PeriodClient.deviceIdsOf(List.of("inv-shared")), List.of()));
        long later = approved(otherParticipant, claim("second claim", T0 + 7 * DAY, T0 + 8 * DAY, "claim 3", 1),
                PeriodClient.deviceIdsOf(List.of("inv-shared")));
        otherParticipant.requestIssuance(later, otherParticipant.address());
        assertEquals(1, admin.issue(later).credits());
    }

    @Test
    void aPeriodWithdrawnWhileALaterOneHoldsItsDevicesIsResubmittedAndBothAreIssuedInAnyOrder() throws Exception {
        admin.registerProject(PeriodClient.idOf("out of order"), participant.address());
        List<byte[]> devices = PeriodClient.deviceIdsOf(List.of("inv-o1", "inv-o2"));
        byte[] reason = PeriodClient.idOf("late data in period 1");
        long first = approved(participant, claim("out of order", T0, T0 + DAY, "order 1", 2), devices);
        long second = approved(participant, claim("out of order", T0 + DAY, T0 + 2 * DAY, "order 2", 2), devices);
        long third = participant.submitPeriod(claim("out of order", T0 + 2 * DAY, T0 + 3 * DAY, "order 3", 2), devices, List.of());

        participant.withdraw(first, devices, reason);   // before, this freed nothing: period 1's day was stranded
        assertEquals(T0 + DAY, participant.freedUntil(devices.get(0), T0));
        assertRevert("PeriodOverlaps", () -> participant.submitPeriod(claim("out of order", T0, T0 + DAY + 1, "order 1 too long", 2),
                devices, List.of()));
        long restated = approved(participant, claim("out of order", T0, T0 + DAY, "order 1 restated", 3), devices);
        assertEquals(0, participant.freedUntil(devices.get(0), T0), "the freed day is claimed again");

        participant.requestIssuance(second, participant.address());
        admin.issue(second);
        participant.requestIssuance(restated, participant.address());
        assertEquals(3, admin.issue(restated).credits(), "an earlier period issued after a later one");

        // Withdrawing the latest lowers monitoredUntil; the issued second period still holds its day.
        participant.withdraw(third, devices, reason);
        assertEquals(T0 + 2 * DAY, participant.monitoredUntil(devices.get(1)));
        assertRevert("PeriodOverlaps", () -> participant.submitPeriod(claim("out of order", T0 + DAY, T0 + 2 * DAY, "order 2 again", 1),
                devices, List.of()));
    }

    @Test
    void freedPeriodsAreClaimedAgainFromTheirStartAndFoldIntoTheTopWhenTheLatestGoes() throws Exception {
        admin.registerProject(PeriodClient.idOf("fold"), participant.address());
        List<byte[]> devices = PeriodClient.deviceIdsOf(List.of("inv-m"));
        byte[] reason = PeriodClient.idOf("restated");
        long[] ids = new long[4];
        for (int day = 0; day < 4; day++) {
            ids[day] = participant.submitPeriod(claim("fold", T0 + day * DAY, T0 + (day + 1) * DAY, "fold " + day, 1), devices,
                    List.of());
        }
        participant.withdraw(ids[1], devices, reason);
        participant.withdraw(ids[0], devices, reason);
        assertEquals(T0 + DAY, participant.freedUntil(devices.get(0), T0), "each freed period is its own interval");
        assertEquals(T0 + 2 * DAY, participant.freedUntil(devices.get(0), T0 + DAY));
        assertRevert("PeriodOverlaps", () -> participant.submitPeriod(claim("fold", T0, T0 + 2 * DAY, "fold 0-1", 2), devices,
                List.of()));
        long day1 = participant.submitPeriod(claim("fold", T0 + DAY, T0 + DAY + DAY / 2, "fold 1 first half", 1), devices, List.of());
        assertEquals(T0 + 2 * DAY, participant.freedUntil(devices.get(0), T0 + DAY + DAY / 2), "the rest of day 1 stays freed");

        participant.withdraw(day1, devices, reason);
        participant.withdraw(ids[2], devices, reason);
        participant.withdraw(ids[3], devices, reason);
        assertEquals(T0, participant.monitoredUntil(devices.get(0)), "the latest freed: every freed interval below folds in");
        assertEquals(0, participant.freedUntil(devices.get(0), T0));
        participant.submitPeriod(claim("fold", T0, T0 + 4 * DAY, "fold all", 4), devices, List.of());
        assertEquals(T0 + 4 * DAY, participant.monitoredUntil(devices.get(0)));
    }

    @Test
    void theRegistrarMovesAProjectToANewParticipantKeyAndTheOldOneIsOut() throws Exception {
        admin.registerProject(PeriodClient.idOf("rotated"), participant.address());
        List<byte[]> devices = PeriodClient.deviceIdsOf(List.of("inv-rot"));
        long before = participant.submitPeriod(claim("rotated", T0, T0 + DAY, "rotated 1", 1), devices, List.of());
        assertRevert("AccessControlUnauthorizedAccount", () -> participant.setParticipant(PeriodClient.idOf("rotated"),
                otherParticipant.address()));
        admin.setParticipant(PeriodClient.idOf("rotated"), otherParticipant.address());
        assertRevert("NotParticipant", () -> participant.submitPeriod(claim("rotated", T0 + DAY, T0 + 2 * DAY, "rotated 2", 1), devices,
                List.of()));
        assertRevert("NotParticipant", () -> participant.withdraw(before, devices, PeriodClient.idOf("old key")));
        otherParticipant.submitPeriod(claim("rotated", T0 + DAY, T0 + 2 * DAY, "rotated 3", 1), devices, List.of());
        assertRevert("UnknownProject", () -> admin.setParticipant(PeriodClient.idOf("never registered"), participant.address()));
    }
}
