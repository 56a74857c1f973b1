package io.solarmrv.attestation;

import io.solarmrv.attestation.internal.cbor.CborReader;
import io.solarmrv.attestation.internal.cbor.CborWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A transport envelope for several already signed readings, so a gateway catching up after an
 * outage sends one message per group instead of one per reading. It adds no signature and changes
 * no reading: {@code ["mrv-bundle/1", [wire, wire, ...]]}, each wire a single or a batched signed
 * reading exactly as stored. Evidence is still each reading's own signature and chain.
 */
public final class ReadingBundle {
    /** The bundle's first element, telling it from a {@link SignedBatch} (whose first is a COSE message). */
    public static final String FORMAT = "mrv-bundle/1";
    /** Wires per bundle, at most. */
    public static final int MAX_READINGS = 1000;

    private ReadingBundle() {
    }

    public static byte[] pack(List<byte[]> wires) {
        if (wires.isEmpty() || wires.size() > MAX_READINGS) {
            throw new IllegalArgumentException("a bundle holds 1.." + MAX_READINGS + " readings, not " + wires.size());
        }
        CborWriter out = new CborWriter().array(2).text(FORMAT).array(wires.size());
        wires.forEach(out::bytes);
        return out.toByteArray();
    }

    static boolean isBundle(byte[] message) {
        CborReader in = new CborReader(message);
        return in.peekMajor() == 4 && in.array() == 2 && in.peekMajor() == 3;
    }

    /** The readings of a bundle, in order. */
    static List<SignedReading> unpack(byte[] message) {
        CborReader in = new CborReader(message);
        in.array();
        String format = in.text();
        if (!FORMAT.equals(format)) {
            throw new MalformedEvidenceException("unknown bundle format '" + format + "'");
        }
        int count = in.array();
        if (count < 1 || count > MAX_READINGS) {
            throw new MalformedEvidenceException("a bundle holds 1.." + MAX_READINGS + " readings, not " + count);
        }
        List<SignedReading> readings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            readings.add(SignedReading.fromWire(in.bytes()));
        }
        in.expectEnd("the bundle");
        return readings;
    }
}
