package io.solarmrv.attestation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an auditor receives for a monitoring period: the report's figures, the device-key registry,
 * the log checkpoints (signed notes, and where they were anchored), and readings with their inclusion proofs.
 * Everything in it can be checked by {@link BundleVerifier} without any other data; the anchors
 * additionally against the chain.
 *
 * @param claimedEnergyWh per device, the energy the report states
 * @param logVerifierKey  the C2SP verifier key of the log that signed the checkpoints
 */
public record ProofBundle(
        String projectId,
        Instant from,
        Instant to,
        BigDecimal emissionFactorTco2PerMwh,
        Map<String, Long> claimedEnergyWh,
        long claimedTotalEnergyWh,
        BigDecimal claimedEmissionReductionsTco2,
        long claimedCredits,
        String registry,
        String logVerifierKey,
        List<Checkpoint> checkpoints,
        Anchor anchor,
        List<ProvenReading> readings) {

    public static final String FORMAT = "solar-mrv-proof-bundle/1";

    /**
     * A log checkpoint, its C2SP signed note, the transaction that anchored it, and the RFC 9162
     * consistency proof from the previous checkpoint of the bundle (empty for the first).
     */
    public record Checkpoint(long treeSize, byte[] root, String signedNote, String transactionHash,
                             List<byte[]> consistencyFromPrevious) {
    }

    /** Where the checkpoints are anchored. */
    public record Anchor(long chainId, String contractAddress) {
    }

    /** A signed reading at its log index, with its inclusion proof against the checkpoint of {@code treeSize}. */
    public record ProvenReading(long leafIndex, byte[] envelope, long treeSize, List<byte[]> inclusionProof) {
    }
}
