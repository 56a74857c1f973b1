package io.solarmrv.attestation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, the only hash the evidence format uses. */
public final class Sha256 {
    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }

    public static byte[] hash(byte[] data) {
        return newDigest().digest(data);
    }

    /** SHA-256 of the parts one after the other (a domain-separated seed, for instance). */
    public static byte[] hashOf(byte[]... parts) {
        MessageDigest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }
}
