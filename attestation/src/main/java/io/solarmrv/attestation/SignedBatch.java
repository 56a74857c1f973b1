package io.solarmrv.attestation;

import io.solarmrv.attestation.internal.cbor.CborReader;
import io.solarmrv.attestation.internal.cbor.CborWriter;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Several readings under one signature (store-and-forward catch-up, many devices per poll), each
 * still provable on its own. The gateway signs a COSE_Sign1 whose payload is a manifest
 * {@code {1: 2, 2: [SHA-256 of each reading payload]}}; the transport form is
 * {@code [manifest COSE_Sign1, [reading payloads]]}, and each reading is logged as its own
 * {@code [manifest COSE_Sign1, index, payload]} ({@link SignedReading}).
 */
public final class SignedBatch {
    /** Readings per batch, at most. */
    public static final int MAX_READINGS = 1000;
    private static final int MANIFEST_VERSION = 2;

    private final SignedReading.Parsed manifest;
    private final List<byte[]> payloads;
    private final List<SignedReading> readings;

    private SignedBatch(SignedReading.Parsed manifest, List<byte[]> payloads) {
        this.manifest = manifest;
        this.payloads = payloads;
        this.readings = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            readings.add(SignedReading.batched(manifest, i, payloads.get(i)));
        }
    }

    public static SignedBatch sign(List<Reading> readings, ReadingSigner signer) {
        if (readings.isEmpty() || readings.size() > MAX_READINGS) {
            throw new IllegalArgumentException("a batch holds 1.." + MAX_READINGS + " readings, not " + readings.size());
        }
        List<byte[]> payloads = new ArrayList<>();
        CborWriter manifest = new CborWriter().map(2).key(1).integer(MANIFEST_VERSION).key(2).array(readings.size());
        for (Reading reading : readings) {
            byte[] payload = ReadingCodec.encode(reading);
            payloads.add(payload);
            manifest.bytes(Sha256.hash(payload));
        }
        return new SignedBatch(SignedReading.signCose(manifest.toByteArray(), signer), payloads);
    }

    public static SignedBatch fromWire(byte[] wire) {
        CborReader in = new CborReader(wire);
        if (in.array() != 2) {
            throw new MalformedEvidenceException("a batch is [signed manifest, [reading payloads]]");
        }
        SignedReading.Parsed manifest = SignedReading.parse(in.bytes());
        int count = in.array();
        if (count < 1 || count > MAX_READINGS) {
            throw new MalformedEvidenceException("a batch holds 1.." + MAX_READINGS + " readings, not " + count);
        }
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            payloads.add(in.bytes());
        }
        in.expectEnd("the batch");
        if (manifestSize(manifest.payload()) != count) {
            throw new MalformedEvidenceException("the manifest names a different number of readings than the batch carries");
        }
        return new SignedBatch(manifest, payloads);
    }

    public byte[] toWire() {
        CborWriter out = new CborWriter().array(2).bytes(manifest.message()).array(payloads.size());
        payloads.forEach(out::bytes);
        return out.toByteArray();
    }

    public List<SignedReading> readings() {
        return List.copyOf(readings);
    }

    private static int manifestSize(byte[] manifest) {
        CborReader in = new CborReader(manifest);
        if (in.map() != 2 || in.key(0) != 1 || in.integer() != MANIFEST_VERSION || in.key(1) != 2) {
            throw new MalformedEvidenceException("not a version 2 batch manifest");
        }
        return in.array();
    }

    /** True when the manifest lists {@code readingHash} at {@code index}. */
    static boolean manifestNames(byte[] manifest, int index, byte[] readingHash) {
        try {
            CborReader in = new CborReader(manifest);
            int count = manifestSize(manifest);
            in.map();
            in.key(0);
            in.integer();
            in.key(1);
            in.array();
            if (index >= count) {
                return false;
            }
            byte[] named = null;
            for (int i = 0; i <= index; i++) {
                named = in.bytes();
            }
            return MessageDigest.isEqual(named, readingHash);
        } catch (MalformedEvidenceException e) {
            return false;
        }
    }
}
