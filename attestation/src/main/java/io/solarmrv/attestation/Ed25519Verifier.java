package io.solarmrv.attestation;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 signature checks (RFC 8032), with Bouncy Castle: it refuses public keys that encode no
 * point of the curve, which the JDK does not check. Kept apart from {@link GatewayKey} so that
 * signing loads no Bouncy Castle class.
 */
final class Ed25519Verifier {
    private static final int KEY_SIZE = 32;
    private static final int SIGNATURE_SIZE = 64;

    private Ed25519Verifier() {
    }

    static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_SIZE || !isPublicKey(publicKey)) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** Whether 32 bytes are an Ed25519 public key, a canonical encoding of a point of the curve. */
    static boolean isPublicKey(byte[] publicKey) {
        if (publicKey.length != KEY_SIZE) {
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
