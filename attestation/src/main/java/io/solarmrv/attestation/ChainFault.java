package io.solarmrv.attestation;

import java.security.MessageDigest;
import java.util.Optional;

/**
 * What is wrong between two consecutive readings of one device's chain, and the rule that decides
 * it: the stream job and {@code mrv verify} both call {@link #between}.
 */
public enum ChainFault {
    /** Sequence numbers skip: readings are missing. */
    GAP,
    /** The next sequence number, but its previous-hash does not link to the reading before. */
    FORK,
    /** The same sequence number appears twice. */
    REPLAY,
    /** A lower sequence number follows a higher one. */
    REORDER;

    /**
     * The fault between a device's previous reading (its sequence and reading hash) and the next
     * one (its sequence and the previous-hash it carries), if any: the next must have sequence + 1
     * and link to the previous reading's hash.
     */
    public static Optional<ChainFault> between(long previousSequence, byte[] previousHash, long nextSequence,
                                               byte[] nextLinksTo) {
        long step = nextSequence - previousSequence;
        if (step == 0) {
            return Optional.of(REPLAY);
        }
        if (step < 0) {
            return Optional.of(REORDER);
        }
        if (step > 1) {
            return Optional.of(GAP);
        }
        if (!MessageDigest.isEqual(previousHash, nextLinksTo)) {
            return Optional.of(FORK);
        }
        return Optional.empty();
    }
}
