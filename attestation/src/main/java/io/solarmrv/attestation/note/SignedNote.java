package io.solarmrv.attestation.note;

import io.solarmrv.attestation.GatewayKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * C2SP signed notes: text (ending in a newline), a blank line, then signature lines
 * {@code — <name> <base64(key hash || signature)>}. The Ed25519 signature covers the text.
 */
public final class SignedNote {
    private static final String SIGNATURE_PREFIX = "\u2014 ";
    private static final int MAX_NOTE_BYTES = 1 << 20;

    private SignedNote() {
    }

    /** Outcome of opening a note against one verifier key. */
    public record Opened(boolean verified, String text, String reason) {
    }

    public static String sign(String text, NoteKeys.SignerKey signer) {
        checkText(text);
        byte[] signature = signer.key().sign(text.getBytes(StandardCharsets.UTF_8));
        byte[] blob = new byte[4 + signature.length];
        System.arraycopy(signer.keyHash(), 0, blob, 0, 4);
        System.arraycopy(signature, 0, blob, 4, signature.length);
        return text + "\n" + SIGNATURE_PREFIX + signer.name() + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    /**
     * Verifies that {@code note} carries a valid signature by {@code key}.
     *
     * @throws IllegalArgumentException when the note is malformed (not a well-formed signed note)
     */
    public static Opened open(String note, NoteKeys.VerifierKey key) {
        if (note.getBytes(StandardCharsets.UTF_8).length > MAX_NOTE_BYTES) {
            throw new IllegalArgumentException("note larger than " + MAX_NOTE_BYTES + " bytes");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new IllegalArgumentException("note has no blank line before its signatures, or does not end in a newline");
        }
        String text = note.substring(0, split + 1);
        checkText(text);
        String[] lines = note.substring(split + 2).split("\n");
        boolean anyForKey = false;
        for (String line : lines) {
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                throw new IllegalArgumentException("signature line does not start with an em dash: '" + line + "'");
            }
            String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ");
            if (parts.length != 2) {
                throw new IllegalArgumentException("signature line is not '— <name> <signature>': '" + line + "'");
            }
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("signature of " + parts[0] + " is not base64");
            }
            if (blob.length < 5) {
                throw new IllegalArgumentException("signature of " + parts[0] + " is too short");
            }
            if (!parts[0].equals(key.name()) || !MessageDigest.isEqual(Arrays.copyOf(blob, 4), key.keyHash())) {
                continue;
            }
            anyForKey = true;
            if (GatewayKey.verify(key.publicKey(), text.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(blob, 4, blob.length))) {
                return new Opened(true, text, "signature by " + key.name() + " verifies");
            }
        }
        return new Opened(false, text, anyForKey ? "the signature by " + key.name() + " does not verify"
                : "no signature by " + key.name() + " (key hash " + java.util.HexFormat.of().formatHex(key.keyHash()) + ")");
    }

    private static void checkText(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("note text must end in a newline");
        }
        if (text.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c))) {
            throw new IllegalArgumentException("note text must not contain control characters other than newline");
        }
    }
}
