package io.solarmrv.attestation.note;

import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * C2SP signed-note keys (Ed25519, type 0x01). A verifier key is
 * {@code <name>+<key hash, 8 hex>+<base64(0x01 || public key)>}; a signer key is
 * {@code PRIVATE+KEY+<name>+<key hash>+<base64(0x01 || seed)>}. The key hash is the first four bytes
 * of SHA-256(name || 0x0A || 0x01 || public key).
 */
public final class NoteKeys {
    static final byte ED25519 = 0x01;

    private NoteKeys() {
    }

    /** A parsed verifier key. */
    public record VerifierKey(String name, byte[] keyHash, byte[] publicKey) {
        @Override
        public String toString() {
            byte[] typed = new byte[33];
            typed[0] = ED25519;
            System.arraycopy(publicKey, 0, typed, 1, 32);
            return name + "+" + HexFormat.of().formatHex(keyHash) + "+" + Base64.getEncoder().encodeToString(typed);
        }
    }

    /** A parsed signer key. */
    public record SignerKey(String name, byte[] keyHash, GatewayKey key) {
        public VerifierKey verifierKey() {
            return new VerifierKey(name, keyHash, key.publicKey());
        }

        /** The {@code PRIVATE+KEY+...} form, for a key file. */
        public String toSignerKeyString() {
            byte[] typed = new byte[33];
            typed[0] = ED25519;
            System.arraycopy(key.seed(), 0, typed, 1, 32);
            return "PRIVATE+KEY+" + name + "+" + HexFormat.of().formatHex(keyHash) + "+" + Base64.getEncoder().encodeToString(typed);
        }

        @Override
        public String toString() {
            return "SignerKey[" + name + "]";
        }
    }

    public static SignerKey newSigner(String name, GatewayKey key) {
        checkName(name);
        return new SignerKey(name, keyHash(name, key.publicKey()), key);
    }

    /** Parses a verifier key; throws {@link IllegalArgumentException} naming what is wrong. */
    public static VerifierKey parseVerifier(String vkey) {
        String[] parts = vkey.strip().split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("verifier key must be <name>+<hash>+<key>");
        }
        checkName(parts[0]);
        byte[] typed = decode(parts[2], "verifier key");
        if (typed.length != 33 || typed[0] != ED25519) {
            throw new IllegalArgumentException("verifier key is not an Ed25519 (type 0x01) key");
        }
        byte[] publicKey = Arrays.copyOfRange(typed, 1, 33);
        byte[] hash = keyHash(parts[0], publicKey);
        if (!HexFormat.of().formatHex(hash).equals(parts[1])) {
            throw new IllegalArgumentException("verifier key hash " + parts[1] + " does not match its name and key");
        }
        return new VerifierKey(parts[0], hash, publicKey);
    }

    /** Parses a signer key ({@code PRIVATE+KEY+...}). */
    public static SignerKey parseSigner(String skey) {
        String prefix = "PRIVATE+KEY+";
        if (!skey.startsWith(prefix)) {
            throw new IllegalArgumentException("signer key must start with " + prefix);
        }
        String[] parts = skey.strip().substring(prefix.length()).split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("signer key must be PRIVATE+KEY+<name>+<hash>+<key>");
        }
        byte[] typed = decode(parts[2], "signer key");
        if (typed.length != 33 || typed[0] != ED25519) {
            throw new IllegalArgumentException("signer key is not an Ed25519 (type 0x01) key");
        }
        SignerKey signer = newSigner(parts[0], GatewayKey.fromSeed(Arrays.copyOfRange(typed, 1, 33)));
        if (!HexFormat.of().formatHex(signer.keyHash()).equals(parts[1])) {
            throw new IllegalArgumentException("signer key hash " + parts[1] + " does not match its name and key");
        }
        return signer;
    }

    static byte[] keyHash(String name, byte[] publicKey) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[nameBytes.length + 2 + publicKey.length];
        System.arraycopy(nameBytes, 0, input, 0, nameBytes.length);
        input[nameBytes.length] = '\n';
        input[nameBytes.length + 1] = ED25519;
        System.arraycopy(publicKey, 0, input, nameBytes.length + 2, publicKey.length);
        return Arrays.copyOf(Sha256.hash(input), 4);
    }

    static void checkName(String name) {
        if (name.isEmpty() || name.chars().anyMatch(c -> c == '+' || Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("key name '" + name + "' must be non-empty, without '+' or spaces");
        }
    }

    private static byte[] decode(String base64, String what) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64");
        }
    }
}
