package io.solarmrv.attestation;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A reading's encoded bytes and the gateway's Ed25519 signature over exactly those bytes:
 * the unit of evidence that travels from the edge to the log.
 *
 * <p>Wire form (skeleton envelope, version 1): {@code u32 payloadLength | payload | 64-byte signature}.
 * The Merkle leaf of a reading is the whole wire form.
 */
public final class SignedReading {
    public static final int SIGNATURE_LENGTH = 64;

    private final byte[] payload;
    private final byte[] signature;
    private final Reading reading;

    private SignedReading(byte[] payload, byte[] signature, Reading reading) {
        this.payload = payload;
        this.signature = signature;
        this.reading = reading;
    }

    /** Encodes and signs a reading. */
    public static SignedReading sign(Reading reading, GatewayKey key) {
        byte[] payload = ReadingCodec.encode(reading);
        return new SignedReading(payload, key.sign(payload), reading);
    }

    /** Parses the wire form; the signature is not checked here (see {@link #verify}). */
    public static SignedReading fromWire(byte[] wire) {
        if (wire.length < 4 + SIGNATURE_LENGTH) {
            throw new MalformedEvidenceException("envelope of " + wire.length + " bytes is too short");
        }
        ByteBuffer buffer = ByteBuffer.wrap(wire);
        int payloadLength = buffer.getInt();
        if (payloadLength < 0 || payloadLength != wire.length - 4 - SIGNATURE_LENGTH) {
            throw new MalformedEvidenceException("envelope payload length " + payloadLength
                    + " does not match envelope size " + wire.length);
        }
        byte[] payload = Arrays.copyOfRange(wire, 4, 4 + payloadLength);
        byte[] signature = Arrays.copyOfRange(wire, 4 + payloadLength, wire.length);
        return new SignedReading(payload, signature, ReadingCodec.decode(payload));
    }

    public byte[] toWire() {
        return ByteBuffer.allocate(4 + payload.length + signature.length)
                .putInt(payload.length).put(payload).put(signature).array();
    }

    /** True when the signature over the payload verifies under the given Ed25519 public key. */
    public boolean verify(byte[] publicKey) {
        return GatewayKey.verify(publicKey, payload, signature);
    }

    public Reading reading() {
        return reading;
    }

    /** SHA-256 of the encoded reading: what the next reading of the device links to. */
    public byte[] readingHash() {
        return Sha256.hash(payload);
    }
}
