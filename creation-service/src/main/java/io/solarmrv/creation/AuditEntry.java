package io.solarmrv.creation;

import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One change in the audit log: who ({@code actor}) did what ({@code action}, e.g.
 * {@code project.create}) to which {@code subject}, with the change's {@code details}, when, and the
 * hashes that chain it to the entry before. Hashes are hex here.
 */
@Serdeable
public record AuditEntry(long seq, long atMillis, String actor, String action, String subject, String details,
                         String previousHash, String hash) {

    /** SHA-256(previous hash || "seq\nat\nactor\naction\nsubject\ndetails"): what {@code hash} must be. */
    public static byte[] chainHash(byte[] previousHash, long seq, long atMillis, String actor, String action,
                                   String subject, String details) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previousHash);
            sha.update((seq + "\n" + atMillis + "\n" + actor + "\n" + action + "\n" + subject + "\n" + details)
                    .getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
