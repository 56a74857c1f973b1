package io.solarmrv.creation.period;

import io.solarmrv.attestation.MonitoringClaim;
import java.io.IOException;
import java.util.Collection;

/**
 * The chain's side of a monitoring period (MonitoringRegistry and CreditIssuance): the service
 * submits claims as the project's participant, relays verifiers' signed decisions, requests
 * issuance and issues as the registry administrator. The chain enforces the rules (no overlap,
 * one decision, issued once); its refusals come back as {@link io.solarmrv.ledger.ContractRevertException}.
 */
public interface PeriodLedger {
    /** Serials issued for a period: [first, last]. */
    record Serials(long first, long last) {
    }

    /**
     * Submits a claim resting on an anchored log checkpoint and returns the chain's period id; the
     * project is registered on chain first if it is not yet.
     */
    long submit(MonitoringClaim claim, Collection<String> deviceIds, AnchoredLog.LatestCheckpoint checkpoint)
            throws IOException, InterruptedException;

    /** What the verifier signs (EIP-191) to decide on a period. */
    byte[] decisionDigest(long periodId, boolean approve, byte[] statementHash) throws IOException;

    /** Records a signed decision; a rejection then frees the period's interval for its devices (as submitted), in groups. */
    void recordDecision(long periodId, boolean approve, byte[] statementHash, byte[] signature, Collection<String> deviceIds)
            throws IOException, InterruptedException;

    /** Asks for an approved period's credits to be issued to the project's participant account. */
    void requestIssuance(String projectId, long periodId) throws IOException, InterruptedException;

    /** The project's participant address on chain (its own account, from its current key generation). */
    String participant(String projectId) throws IOException;

    /**
     * Moves the project to its next participant key (the current one feared stolen or lost): the
     * chain first, then the record; returns the new address. What the old key did stands.
     */
    String rotateParticipant(String projectId, String actor, String reason) throws IOException, InterruptedException;

    /**
     * Withdraws a submitted or approved (not issued) period whose report late data changed, freeing
     * its interval for the restated report; {@code reason} is the restated claim's digest.
     */
    void withdraw(String projectId, long periodId, Collection<String> deviceIds, byte[] reason) throws IOException, InterruptedException;

    /**
     * The end (Unix seconds, exclusive) of the latest interval any period, of any project, claims for
     * a device on chain; 0 if none. An interval before it can be claimed again only where a period
     * holding it was withdrawn or rejected.
     */
    long monitoredUntil(String deviceId) throws IOException;

    /** Where a period's evidence lives on chain, as a proof bundle names it. */
    io.solarmrv.attestation.ProofBundle.Anchor anchor(long periodId);

    /**
     * What the chain holds of a period's devices ({@code PeriodClient.devicesHashOf}): the devices
     * whose instants in the period it admits to no other period, of any project.
     */
    byte[] devicesHash(long periodId) throws IOException;

    /** The claim the chain records for a period; empty if the chain holds no such period (a reorganisation removed it). */
    java.util.Optional<io.solarmrv.ledger.PeriodClaim> claim(long periodId) throws IOException;

    /** The report hash the chain holds for a period; empty if the chain holds no such period (a reorganisation removed it). */
    default byte[] reportHash(long periodId) throws IOException {
        return claim(periodId).map(io.solarmrv.ledger.PeriodClaim::reportHash).orElse(new byte[0]);
    }

    /** The chain's id of the period submitted with this report hash; 0 if none is. */
    long periodOfReport(byte[] reportHash) throws IOException;

    /** Issues a requested period (as the registry administrator); the chain holds its devices already. */
    Serials issue(long periodId) throws IOException, InterruptedException;
}
