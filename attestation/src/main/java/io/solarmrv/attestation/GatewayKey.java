package io.solarmrv.attestation;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A gateway's Ed25519 signing key (RFC 8032), held in software.
 *
 * <p>Signing uses the JDK's own Ed25519 (SunEC), not Bouncy Castle, so the agent on a gateway loads
 * no Bouncy Castle class: its signed jar alone costs a gateway 3-5 MB of heap (docs/BENCHMARKS.md).
 * Checking signatures ({@link #verify}) is the job's and the verifier's, and stays with Bouncy Castle.
 */
public final class GatewayKey implements ReadingSigner {
    /** An Ed25519 SubjectPublicKeyInfo (RFC 8410) is this prefix and the 32-byte key. */
    private static final int X509_PREFIX_LENGTH = 12;

    private final PrivateKey privateKey;
    /** The 32-byte RFC 8032 public key, taken once from the pair: every signed reading names it. */
    private final byte[] publicKey;

    private GatewayKey(KeyPair keyPair) {
        this.privateKey = keyPair.getPrivate();
        byte[] encoded = keyPair.getPublic().getEncoded();
        this.publicKey = Arrays.copyOfRange(encoded, X509_PREFIX_LENGTH, encoded.length);
    }

    public static GatewayKey generate(SecureRandom random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return fromSeed(seed);
    }

    /** A key from its 32-byte RFC 8032 seed. */
    public static GatewayKey fromSeed(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, got " + seed.length);
        }
        try {
            // The JDK derives the public key only while generating a pair: it draws the 32-byte seed
            // from the random source, so a source that yields exactly this seed gives this key's pair.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedSource(seed));
            return new GatewayKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** A key from its PKCS#8 (RFC 5958, RFC 8410) DER encoding, with or without its public key. */
    public static GatewayKey fromPkcs8(byte[] der) {
        EdECPrivateKey key;
        try {
            if (!(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof EdECPrivateKey edec)) {
                throw new IllegalArgumentException("PKCS#8 key is not Ed25519");
            }
            key = edec;
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("not a PKCS#8 Ed25519 private key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
        return fromSeed(key.getBytes().orElseThrow(() -> new IllegalArgumentException("PKCS#8 key holds no Ed25519 seed")));
    }

    /** The PKCS#8 (RFC 8410) DER encoding, version 1: the seed without the public key. */
    public byte[] toPkcs8() {
        return privateKey.getEncoded();
    }

    /** The 32-byte RFC 8032 seed: the private key itself, for export into another key format only. */
    public byte[] seed() {
        return ((EdECPrivateKey) privateKey).getBytes().orElseThrow().clone();
    }

    @Override
    public CoseAlgorithm algorithm() {
        return CoseAlgorithm.EDDSA;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String publicKeyHex() {
        return HexFormat.of().formatHex(publicKey());
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Verifies an Ed25519 signature; any malformed key or signature is simply "does not verify". */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        return Ed25519Verifier.verify(publicKey, message, signature);
    }

    /** A random source that yields one seed, once: how a known seed becomes a JDK key pair. */
    private static final class SeedSource extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;
        private boolean drawn;

        SeedSource(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (drawn || bytes.length != seed.length) {
                throw new IllegalStateException("Ed25519 key generation drew " + bytes.length + " bytes, not the one 32-byte seed");
            }
            drawn = true;
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
