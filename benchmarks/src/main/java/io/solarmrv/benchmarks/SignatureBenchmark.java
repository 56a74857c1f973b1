package io.solarmrv.benchmarks;

import io.solarmrv.attestation.ClockSync;
import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.ReadingCodec;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Signatures per second on one thread: Ed25519 (the gateway's software key, RFC 8032, Bouncy
 * Castle) and ECDSA P-256 with SHA-256 (what a TPM or secure element signs), over a real encoded
 * reading. Compare with {@code openssl speed ed25519 ecdsap256}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignatureBenchmark {
    private byte[] message;
    private GatewayKey ed25519;
    private byte[] ed25519PublicKey;
    private byte[] ed25519Signature;
    private ECPrivateKeyParameters p256Private;
    private ECPublicKeyParameters p256Public;
    private BigInteger[] p256Signature;
    private byte[] messageDigest;

    @Setup
    public void setUp() {
        message = ReadingCodec.encode(new Reading("inv-0001", "SN-0001", 123_456, 1_782_000_000_000L, 12_345_678, null, 4_321,
                ClockSync.NTP, 3, Reading.genesisHash(), new byte[Reading.SALT_LENGTH]));
        ed25519 = GatewayKey.generate(new SecureRandom());
        ed25519PublicKey = ed25519.publicKey();
        ed25519Signature = ed25519.sign(message);

        X9ECParameters curve = ECNamedCurveTable.getByName("P-256");
        ECDomainParameters domain = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
        BigInteger d = new BigInteger(256, new SecureRandom()).mod(curve.getN().subtract(BigInteger.ONE)).add(BigInteger.ONE);
        p256Private = new ECPrivateKeyParameters(d, domain);
        p256Public = new ECPublicKeyParameters(curve.getG().multiply(d).normalize(), domain);
        messageDigest = sha256(message);
        p256Signature = p256Sign();
    }

    private static byte[] sha256(byte[] data) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    @Benchmark
    public byte[] ed25519Sign() {
        return ed25519.sign(message);
    }

    @Benchmark
    public boolean ed25519Verify() {
        return GatewayKey.verify(ed25519PublicKey, message, ed25519Signature);
    }

    @Benchmark
    public BigInteger[] p256Sign() {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, p256Private);
        return signer.generateSignature(sha256(message));
    }

    private java.security.Signature jdkVerifier;
    private byte[] jdkSignature;

    @Setup
    public void setUpJdk() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair pair = generator.generateKeyPair();
        java.security.Signature signer = java.security.Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(message);
        jdkSignature = signer.sign();
        jdkVerifier = java.security.Signature.getInstance("SHA256withECDSA");
        jdkVerifier.initVerify(pair.getPublic());
    }

    /** The JDK's own P-256 (SunEC), for comparison with Bouncy Castle's. */
    @Benchmark
    public boolean p256VerifyJdk() throws Exception {
        jdkVerifier.update(message);
        return jdkVerifier.verify(jdkSignature);
    }

    @Benchmark
    public boolean p256Verify() {
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, p256Public);
        return verifier.verifySignature(sha256(message), p256Signature[0], p256Signature[1]);
    }
}
