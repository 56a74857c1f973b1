package io.solarmrv.jobs;

/** Why a message was not accepted as evidence (ARCHITECTURE.md invariant 6). */
public enum RejectReason {
    MALFORMED("not a signed reading of a known format"),
    UNKNOWN_DEVICE("no key is registered for the device"),
    UNKNOWN_KEY("signed by a key the registry does not bind to the device"),
    KEY_OUTSIDE_VALIDITY("signed by the device's key outside the key's validity"),
    KEY_REVOKED("signed by a key revoked before the reading's time or before the pipeline received it (a stolen key cannot backdate)"),
    BAD_SIGNATURE("signature does not verify under the device's registered key"),
    WRONG_METER("carries a meter serial other than the one registered behind the device at its sequence: one meter, one device"),
    DUPLICATE("this (device, sequence) was already accepted: a redelivery or a replay"),
    CHAIN_FORK("the next sequence number, but not linked to the previous reading's hash"),
    OUT_OF_ORDER("a sequence number lower than one already accepted");

    private final String description;

    RejectReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
