package io.solarmrv.attestation;

/**
 * A gateway key that signs readings. {@link GatewayKey} is the Ed25519 software key; a key held in a
 * TPM or secure element (PKCS#11) implements this with {@link CoseAlgorithm#ES256}, returning the
 * signature as r || s.
 */
public interface ReadingSigner {
    CoseAlgorithm algorithm();

    /** The public key in the form the registry holds (see {@link CoseAlgorithm}). */
    byte[] publicKey();

    byte[] sign(byte[] message);

    /** The COSE key id of a public key: the first 8 bytes of its SHA-256. */
    static byte[] keyId(byte[] publicKey) {
        return java.util.Arrays.copyOf(Sha256.hash(publicKey), 8);
    }
}
