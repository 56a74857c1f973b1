package io.solarmrv.attestation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;

/** A gateway's Ed25519 signing key (RFC 8032), held in software. */
public final class GatewayKey implements ReadingSigner {
    private final Ed25519PrivateKeyParameters privateKey;

    private GatewayKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
    }

    public static GatewayKey generate(SecureRandom random) {
        return new GatewayKey(new Ed25519PrivateKeyParameters(random));
    }

    /** A key from its 32-byte RFC 8032 seed. */
    public static GatewayKey fromSeed(byte[] seed) {
        return new GatewayKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** A key from its PKCS#8 (RFC 8410) DER encoding. */
    public static GatewayKey fromPkcs8(byte[] der) {
        try {
            AsymmetricKeyParameter key = PrivateKeyFactory.createKey(der);
            if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
                throw new IllegalArgumentException("PKCS#8 key is not Ed25519 but " + key.getClass().getSimpleName());
            }
            return new GatewayKey(ed25519);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PKCS#8 private key: " + e.getMessage(), e);
        }
    }

    public byte[] toPkcs8() {
        try {
            return PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 32-byte RFC 8032 seed: the private key itself, for export into another key format only. */
    public byte[] seed() {
        return privateKey.getEncoded();
    }

    @Override
    public CoseAlgorithm algorithm() {
        return CoseAlgorithm.EDDSA;
    }

    @Override
    public byte[] publicKey() {
        return privateKey.generatePublicKey().getEncoded();
    }

    public String publicKeyHex() {
        return HexFormat.of().formatHex(publicKey());
    }

    @Override
    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** Verifies an Ed25519 signature; any malformed key or signature is simply "does not verify". */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE
                || signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
            return false;
        }
        if (!isPublicKey(publicKey)) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** Whether 32 bytes are an Ed25519 public key, a canonical encoding of a point of the curve. */
    static boolean isPublicKey(byte[] publicKey) {
        if (publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            return false;
        }
        try {
            new Ed25519PublicKeyParameters(publicKey, 0);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
