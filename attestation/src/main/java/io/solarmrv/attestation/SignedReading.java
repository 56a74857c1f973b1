package io.solarmrv.attestation;

import io.solarmrv.attestation.cbor.CborReader;
import io.solarmrv.attestation.cbor.CborWriter;

/**
 * A reading signed by its gateway: a COSE_Sign1 message (RFC 9052 §4.2), tagged 18, whose
 * protected (signed) header holds the algorithm and the key id, and whose payload is the reading's
 * deterministic CBOR ({@link ReadingCodec}). The whole message is the reading's Merkle leaf.
 * Parsing also accepts a key id in the unprotected header, as the COSE examples carry it.
 */
public final class SignedReading {
    private static final long COSE_SIGN1_TAG = 18;
    private static final int HEADER_ALG = 1;
    private static final int HEADER_KID = 4;

    private final byte[] protectedHeader;
    private final CoseAlgorithm algorithm;
    private final byte[] keyId;
    private final byte[] payload;
    private final byte[] signature;
    private final Reading reading;

    private SignedReading(byte[] protectedHeader, CoseAlgorithm algorithm, byte[] keyId, byte[] payload,
                          byte[] signature, Reading reading) {
        this.protectedHeader = protectedHeader;
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.payload = payload;
        this.signature = signature;
        this.reading = reading;
    }

    /** Encodes and signs a reading. */
    public static SignedReading sign(Reading reading, ReadingSigner signer) {
        byte[] keyId = ReadingSigner.keyId(signer.publicKey());
        byte[] protectedHeader = new CborWriter().map(2).key(HEADER_ALG).integer(signer.algorithm().id())
                .key(HEADER_KID).bytes(keyId).toByteArray();
        byte[] payload = ReadingCodec.encode(reading);
        byte[] signature = signer.sign(toBeSigned(protectedHeader, payload));
        return new SignedReading(protectedHeader, signer.algorithm(), keyId, payload, signature, reading);
    }

    /** The COSE Sig_structure for a Sign1 message without external data. */
    static byte[] toBeSigned(byte[] protectedHeader, byte[] payload) {
        return new CborWriter().array(4).text("Signature1").bytes(protectedHeader).bytes(new byte[0]).bytes(payload)
                .toByteArray();
    }

    /** Parses a COSE_Sign1 message holding a reading; the signature is checked by {@link #verify}. */
    public static SignedReading fromWire(byte[] wire) {
        Parsed message = parse(wire);
        return new SignedReading(message.protectedHeader, message.algorithm, message.keyId, message.payload,
                message.signature, ReadingCodec.decode(message.payload));
    }

    /** The parts of a COSE_Sign1 message (exposed for test vectors and other payloads). */
    record Parsed(byte[] protectedHeader, CoseAlgorithm algorithm, byte[] keyId, byte[] payload, byte[] signature) {
        boolean verify(byte[] publicKey) {
            return algorithm.verify(publicKey, toBeSigned(protectedHeader, payload), signature);
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
        return new Parsed(protectedHeader, algorithm, keyId, payload, signature);
    }

    public byte[] toWire() {
        return new CborWriter().tag(COSE_SIGN1_TAG).array(4).bytes(protectedHeader)
                .map(0).bytes(payload).bytes(signature).toByteArray();
    }

    /** True when the signature verifies under {@code publicKey} with this message's algorithm. */
    public boolean verify(byte[] publicKey) {
        return algorithm.verify(publicKey, toBeSigned(protectedHeader, payload), signature);
    }

    public CoseAlgorithm algorithm() {
        return algorithm;
    }

    public byte[] keyId() {
        return keyId.clone();
    }

    public Reading reading() {
        return reading;
    }

    /** SHA-256 of the reading's payload: what the next reading of the device links to. */
    public byte[] readingHash() {
        return Sha256.hash(payload);
    }
}
