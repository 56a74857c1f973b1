package io.solarmrv.attestation;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The signature algorithms a gateway may use (COSE algorithm identifiers, RFC 9053): EdDSA with
 * Ed25519 for keys in software, ES256 (ECDSA P-256, SHA-256) for keys in a TPM or secure element.
 */
public enum CoseAlgorithm {
    /** Ed25519 (RFC 8032); public key: 32 bytes; signature: 64 bytes. */
    EDDSA(-8, "ed25519"),
    /** ECDSA P-256 with SHA-256; public key: 65-byte uncompressed point; signature: r || s, 64 bytes. */
    ES256(-7, "es256");

    private static final X9ECParameters P256 = ECNamedCurveTable.getByName("P-256");
    private static final ECDomainParameters P256_DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

    private final int id;
    private final String registryName;

    CoseAlgorithm(int id, String registryName) {
        this.id = id;
        this.registryName = registryName;
    }

    public int id() {
        return id;
    }

    /** How the registry text names it ({@code ed25519:}, {@code es256:}). */
    public String registryName() {
        return registryName;
    }

    public static CoseAlgorithm ofId(long id) {
        for (CoseAlgorithm algorithm : values()) {
            if (algorithm.id == id) {
                return algorithm;
            }
        }
        throw new MalformedEvidenceException("unsupported COSE algorithm " + id);
    }

    public static CoseAlgorithm ofRegistryName(String name) {
        for (CoseAlgorithm algorithm : values()) {
            if (algorithm.registryName.equals(name)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown key type '" + name + "' (ed25519 or es256)");
    }

    /** Checks that a public key is well formed for this algorithm. */
    public void checkPublicKey(byte[] publicKey) {
        if (this == EDDSA && publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, got " + publicKey.length);
        }
        if (this == EDDSA && !GatewayKey.isPublicKey(publicKey)) {
            throw new IllegalArgumentException("not an Ed25519 public key: the 32 bytes encode no point of the curve");
        }
        if (this == ES256) {
            if (publicKey.length != 65 || publicKey[0] != 0x04) {
                throw new IllegalArgumentException("a P-256 public key is a 65-byte uncompressed point (04 || x || y)");
            }
            try {
                P256.getCurve().decodePoint(publicKey);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a P-256 public key: (x, y) is not a point of the curve");
            }
        }
    }

    /** Verifies a signature; malformed keys or signatures simply do not verify. */
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (this == EDDSA) {
            return GatewayKey.verify(publicKey, message, signature);
        }
        if (signature.length != 64 || publicKey.length != 65) {
            return false;
        }
        try {
            ECPoint point = P256.getCurve().decodePoint(publicKey);
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, new ECPublicKeyParameters(point, P256_DOMAIN));
            SHA256Digest digest = new SHA256Digest();
            digest.update(message, 0, message.length);
            byte[] hash = new byte[32];
            digest.doFinal(hash, 0);
            return verifier.verifySignature(hash, new BigInteger(1, Arrays.copyOf(signature, 32)),
                    new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
