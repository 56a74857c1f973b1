package io.solarmrv.attestation;

import io.solarmrv.attestation.internal.cbor.CborReader;
import io.solarmrv.attestation.internal.cbor.CborWriter;
import java.security.MessageDigest;

/**
 * A reading signed by its gateway, in one of two forms (docs/spec/evidence-v2.md §2):
 * <ul>
 * <li><b>single</b>: a COSE_Sign1 message (RFC 9052 §4.2), tagged 18, whose protected (signed)
 *     header holds the algorithm and the key id and whose payload is the reading's deterministic
 *     CBOR ({@link ReadingCodec});</li>
 * <li><b>batched</b>: {@code [COSE_Sign1 over a manifest of reading hashes, index, reading payload]},
 *     one reading of a {@link SignedBatch}: provable on its own, since the signed manifest names the
 *     SHA-256 of its payload.</li>
 * </ul>
 * Either wire form is the reading's Merkle leaf. Parsing also accepts a key id in the unprotected
 * header, as the COSE examples carry it.
 */
public final class SignedReading {
    static final long COSE_SIGN1_TAG = 18;
    static final int HEADER_ALG = 1;
    static final int HEADER_KID = 4;
    private static final int SINGLE = -1;

    private final Parsed cose;
    private final byte[] readingPayload;
    private final int batchIndex;
    private final Reading reading;

    private SignedReading(Parsed cose, byte[] readingPayload, int batchIndex) {
        this.cose = cose;
        this.readingPayload = readingPayload;
        this.batchIndex = batchIndex;
        this.reading = ReadingCodec.decode(readingPayload);
    }

    /** Encodes and signs a reading. */
    public static SignedReading sign(Reading reading, ReadingSigner signer) {
        byte[] payload = ReadingCodec.encode(reading);
        return new SignedReading(signCose(payload, signer), payload, SINGLE);
    }

    /** A COSE_Sign1 over {@code payload} with the signer's algorithm and key id in the protected header. */
    static Parsed signCose(byte[] payload, ReadingSigner signer) {
        byte[] keyId = ReadingSigner.keyId(signer.publicKey());
        byte[] protectedHeader = new CborWriter().map(2).key(HEADER_ALG).integer(signer.algorithm().id())
                .key(HEADER_KID).bytes(keyId).toByteArray();
        byte[] signature = signer.sign(toBeSigned(protectedHeader, payload));
        byte[] message = new CborWriter().tag(COSE_SIGN1_TAG).array(4).bytes(protectedHeader)
                .map(0).bytes(payload).bytes(signature).toByteArray();
        return new Parsed(protectedHeader, signer.algorithm(), keyId, payload, signature, message);
    }

    /** One reading of a batch; {@code manifest} is the batch's signed COSE_Sign1. */
    static SignedReading batched(Parsed manifest, int index, byte[] readingPayload) {
        return new SignedReading(manifest, readingPayload, index);
    }

    /** The COSE Sig_structure for a Sign1 message without external data. */
    static byte[] toBeSigned(byte[] protectedHeader, byte[] payload) {
        return new CborWriter().array(4).text("Signature1").bytes(protectedHeader).bytes(new byte[0]).bytes(payload)
                .toByteArray();
    }

    /** Parses one signed reading in either wire form; the signature is checked by {@link #verify}. */
    public static SignedReading fromWire(byte[] wire) {
        CborReader in = new CborReader(wire);
        if (in.peekMajor() == 6) {
            Parsed message = parse(wire);
            return new SignedReading(message, message.payload(), SINGLE);
        }
        if (in.array() != 3) {
            throw new MalformedEvidenceException("a batched reading is [signed manifest, index, payload]");
        }
        Parsed manifest = parse(in.bytes());
        long index = in.integer();
        byte[] payload = in.bytes();
        in.expectEnd("the batched reading");
        if (index < 0 || index >= SignedBatch.MAX_READINGS) {
            throw new MalformedEvidenceException("batch index " + index + " out of range");
        }
        return new SignedReading(manifest, payload, (int) index);
    }

    /**
     * The readings in one transport message: a single signed reading, a batched reading, a whole
     * {@link SignedBatch}, or a {@link ReadingBundle} of stored readings.
     */
    public static java.util.List<SignedReading> unpack(byte[] message) {
        if (ReadingBundle.isBundle(message)) {
            return ReadingBundle.unpack(message);
        }
        CborReader in = new CborReader(message);
        if (in.peekMajor() == 4 && in.array() == 2) {
            return SignedBatch.fromWire(message).readings();
        }
        return java.util.List.of(fromWire(message));
    }

    /**
     * The parts of a COSE_Sign1 message and the message's own bytes, exactly as signed or received
     * (so evidence is never re-encoded, and a key id in the unprotected header is kept).
     */
    static final class Parsed {
        private final byte[] protectedHeader;
        private final CoseAlgorithm algorithm;
        private final byte[] keyId;
        private final byte[] payload;
        private final byte[] signature;
        private final byte[] message;
        /** The key this signature last verified under: a batch's readings share one manifest signature. */
        private volatile byte[] verifiedUnder;

        Parsed(byte[] protectedHeader, CoseAlgorithm algorithm, byte[] keyId, byte[] payload, byte[] signature,
               byte[] message) {
            this.protectedHeader = protectedHeader;
            this.algorithm = algorithm;
            this.keyId = keyId;
            this.payload = payload;
            this.signature = signature;
            this.message = message;
        }

        byte[] protectedHeader() {
            return protectedHeader;
        }

        CoseAlgorithm algorithm() {
            return algorithm;
        }

        byte[] keyId() {
            return keyId;
        }

        byte[] payload() {
            return payload;
        }

        byte[] signature() {
            return signature;
        }

        byte[] message() {
            return message;
        }

        /**
         * Whether the signature verifies under {@code publicKey}. A success is remembered for that
         * key, so the readings of one batch cost one signature check, not one each.
         */
        boolean verify(byte[] publicKey) {
            byte[] known = verifiedUnder;
            if (known != null && MessageDigest.isEqual(known, publicKey)) {
                return true;
            }
            boolean valid = algorithm.verify(publicKey, toBeSigned(protectedHeader, payload), signature);
            if (valid) {
                verifiedUnder = publicKey.clone();
            }
            return valid;
        }
    }

    static Parsed parse(byte[] wire) {
        CborReader in = new CborReader(wire);
        if (in.tag() != COSE_SIGN1_TAG) {
            throw new MalformedEvidenceException("not a COSE_Sign1 message (tag 18)");
        }
        if (in.array() != 4) {
            throw new MalformedEvidenceException("COSE_Sign1 is an array of 4");
        }
        byte[] protectedHeader = in.bytes();
        CborReader header = new CborReader(protectedHeader);
        int protectedEntries = header.map();
        if (protectedEntries < 1 || protectedEntries > 2 || header.key(0) != HEADER_ALG) {
            throw new MalformedEvidenceException("protected header must hold the algorithm and at most the key id");
        }
        CoseAlgorithm algorithm = CoseAlgorithm.ofId(header.integer());
        byte[] keyId = null;
        if (protectedEntries == 2) {
            if (header.key(HEADER_ALG) != HEADER_KID) {
                throw new MalformedEvidenceException("protected header may hold only the algorithm and the key id");
            }
            keyId = header.bytes();
        }
        header.expectEnd("the protected header");
        int unprotected = in.map();
        if (unprotected > 1) {
            throw new MalformedEvidenceException("unprotected header may hold only the key id");
        }
        if (unprotected == 1) {
            if (in.key(0) != HEADER_KID || keyId != null) {
                throw new MalformedEvidenceException("unprotected header may hold only the key id (4), and only once");
            }
            keyId = in.bytes();
        }
        if (keyId == null) {
            keyId = new byte[0];
        }
        byte[] payload = in.bytes();
        byte[] signature = in.bytes();
        in.expectEnd("the COSE_Sign1 message");
        return new Parsed(protectedHeader, algorithm, keyId, payload, signature, wire);
    }

    /** This reading's own wire form (its Merkle leaf). */
    public byte[] toWire() {
        if (batchIndex == SINGLE) {
            return cose.message().clone();
        }
        return new CborWriter().array(3).bytes(cose.message()).integer(batchIndex).bytes(readingPayload).toByteArray();
    }

    /**
     * True when the signature verifies under {@code publicKey} with this message's algorithm and, for
     * a batched reading, the signed manifest names this reading's payload hash at its index.
     */
    public boolean verify(byte[] publicKey) {
        if (batchIndex != SINGLE && !SignedBatch.manifestNames(cose.payload(), batchIndex, readingHash())) {
            return false;
        }
        return cose.verify(publicKey);
    }

    public boolean batched() {
        return batchIndex != SINGLE;
    }

    public CoseAlgorithm algorithm() {
        return cose.algorithm();
    }

    public byte[] keyId() {
        return cose.keyId().clone();
    }

    public Reading reading() {
        return reading;
    }

    /** SHA-256 of the reading's payload: what the next reading of the device links to. */
    public byte[] readingHash() {
        return Sha256.hash(readingPayload);
    }
}
