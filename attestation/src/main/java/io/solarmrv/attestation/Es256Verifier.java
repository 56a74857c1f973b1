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
 * ES256 signature checks (ECDSA P-256 with SHA-256, RFC 9053), with Bouncy Castle. Its own class so
 * that the curve is loaded only where ES256 keys are checked, never on a gateway that signs Ed25519.
 */
final class Es256Verifier {
    private static final X9ECParameters P256 = ECNamedCurveTable.getByName("P-256");
    private static final ECDomainParameters P256_DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

    private Es256Verifier() {
    }

    /** Refuses anything but a 65-byte uncompressed point of the curve, naming what is wrong. */
    static void checkPublicKey(byte[] publicKey) {
        if (publicKey.length != 65 || publicKey[0] != 0x04) {
            throw new IllegalArgumentException("a P-256 public key is a 65-byte uncompressed point (04 || x || y)");
        }
        try {
            P256.getCurve().decodePoint(publicKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a P-256 public key: (x, y) is not a point of the curve");
        }
    }

    /** Verifies r || s over SHA-256 of the message; malformed keys or signatures simply do not verify. */
    static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
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
