package io.solarmrv.attestation;

/**
 * The signature algorithms a gateway may use (COSE algorithm identifiers, RFC 9053): EdDSA with
 * Ed25519 for keys in software, ES256 (ECDSA P-256, SHA-256) for keys in a TPM or secure element.
 */
public enum CoseAlgorithm {
    /** Ed25519 (RFC 8032); public key: 32 bytes; signature: 64 bytes. */
    EDDSA(-8, "ed25519"),
    /** ECDSA P-256 with SHA-256; public key: 65-byte uncompressed point; signature: r || s, 64 bytes. */
    ES256(-7, "es256");

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
        if (this == EDDSA && !Ed25519Verifier.isPublicKey(publicKey)) {
            throw new IllegalArgumentException("not an Ed25519 public key: the 32 bytes encode no point of the curve");
        }
        if (this == ES256) {
            Es256Verifier.checkPublicKey(publicKey);
        }
    }

    /** Verifies a signature; malformed keys or signatures simply do not verify. */
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        return this == EDDSA ? Ed25519Verifier.verify(publicKey, message, signature)
                : Es256Verifier.verify(publicKey, message, signature);
    }
}
