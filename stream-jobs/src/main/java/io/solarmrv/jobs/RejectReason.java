package io.solarmrv.jobs;

/** Why a message was not accepted as evidence (ARCHITECTURE.md invariant 6). */
public enum RejectReason {
    /** The bytes are not a signed reading of a known format. */
    MALFORMED,
    /** No key is registered for the device the reading names. */
    UNKNOWN_DEVICE,
    /** The signature does not verify under the device's registered key. */
    BAD_SIGNATURE,
    /** A (device, sequence) that was already accepted: a redelivery or a replay. */
    DUPLICATE,
    /** The next sequence number, but not linked to the previous reading's hash. */
    CHAIN_FORK,
    /** A sequence number lower than one already accepted and not a duplicate of it. */
    OUT_OF_ORDER
}
