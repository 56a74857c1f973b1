package io.solarmrv.attestation;

/** What is wrong between two consecutive readings of one device's chain. */
public enum ChainFault {
    /** Sequence numbers skip: readings are missing. */
    GAP,
    /** The next sequence number, but its previous-hash does not link to the reading before. */
    FORK,
    /** The same sequence number appears twice. */
    REPLAY,
    /** A lower sequence number follows a higher one. */
    REORDER
}
