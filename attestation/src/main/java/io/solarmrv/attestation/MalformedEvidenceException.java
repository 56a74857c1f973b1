package io.solarmrv.attestation;

/** Bytes that claim to be evidence but cannot be decoded; the message names what is wrong. */
public class MalformedEvidenceException extends RuntimeException {
    public MalformedEvidenceException(String message) {
        super(message);
    }
}
