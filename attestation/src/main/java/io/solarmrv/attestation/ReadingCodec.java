package io.solarmrv.attestation;

import io.solarmrv.attestation.internal.cbor.CborReader;
import io.solarmrv.attestation.internal.cbor.CborWriter;

/**
 * The payload of a signed reading (evidence format 2, docs/spec/evidence-v2.md): a CBOR map with
 * small integer keys in the core deterministic encoding (RFC 8949 §4.2.1), so one reading has
 * exactly one encoding. Decoding rejects anything else, naming what is wrong.
 *
 * <pre>
 *  1 format version (2)     2 device id (text)       3 meter serial (text)    4 sequence (uint)
 *  5 timestamp, UTC ms      6 energy register, Wh    7 export register, Wh (only if the meter has one)
 *  8 power, W (int)         9 clock sync (uint)     10 clock offset, ms (int)
 * 11 previous hash (32 B)  12 salt (16 B)
 * </pre>
 */
public final class ReadingCodec {
    public static final int VERSION = 2;

    private static final int K_VERSION = 1;
    private static final int K_DEVICE = 2;
    private static final int K_SERIAL = 3;
    private static final int K_SEQUENCE = 4;
    private static final int K_TIME = 5;
    private static final int K_ENERGY = 6;
    private static final int K_EXPORT = 7;
    private static final int K_POWER = 8;
    private static final int K_CLOCK_SYNC = 9;
    private static final int K_CLOCK_OFFSET = 10;
    private static final int K_PREVIOUS = 11;
    private static final int K_SALT = 12;

    private ReadingCodec() {
    }

    public static byte[] encode(Reading r) {
        CborWriter out = new CborWriter().map(r.exportRegisterWh() == null ? 11 : 12);
        out.key(K_VERSION).integer(VERSION);
        out.key(K_DEVICE).text(r.deviceId());
        out.key(K_SERIAL).text(r.meterSerial());
        out.key(K_SEQUENCE).integer(r.sequence());
        out.key(K_TIME).integer(r.timestampMillis());
        out.key(K_ENERGY).integer(r.energyRegisterWh());
        if (r.exportRegisterWh() != null) {
            out.key(K_EXPORT).integer(r.exportRegisterWh());
        }
        out.key(K_POWER).integer(r.powerW());
        out.key(K_CLOCK_SYNC).integer(r.clockSync().code());
        out.key(K_CLOCK_OFFSET).integer(r.clockOffsetMillis());
        out.key(K_PREVIOUS).bytes(r.previousHash());
        out.key(K_SALT).bytes(r.salt());
        return out.toByteArray();
    }

    /** Decodes a payload; throws {@link MalformedEvidenceException} naming what is wrong. */
    public static Reading decode(byte[] payload) {
        CborReader in = new CborReader(payload);
        int entries = in.map();
        if (entries != 11 && entries != 12) {
            throw new MalformedEvidenceException("a reading has 11 or 12 fields, this one " + entries);
        }
        int key = in.key(0);
        expect(key, K_VERSION);
        long version = in.integer();
        if (version != VERSION) {
            throw new MalformedEvidenceException("unsupported reading format version " + version);
        }
        expect(key = in.key(key), K_DEVICE);
        String device = in.text();
        expect(key = in.key(key), K_SERIAL);
        String serial = in.text();
        expect(key = in.key(key), K_SEQUENCE);
        long sequence = in.integer();
        expect(key = in.key(key), K_TIME);
        long time = in.integer();
        expect(key = in.key(key), K_ENERGY);
        long energy = in.integer();
        Long export = null;
        key = in.key(key);
        if (key == K_EXPORT) {
            export = in.integer();
            key = in.key(key);
        }
        if (export == null && entries == 12 || export != null && entries == 11) {
            throw new MalformedEvidenceException("field count does not match the fields present");
        }
        expect(key, K_POWER);
        long power = in.integer();
        expect(key = in.key(key), K_CLOCK_SYNC);
        ClockSync sync = ClockSync.ofCode(in.integer());
        expect(key = in.key(key), K_CLOCK_OFFSET);
        long offset = in.integer();
        expect(key = in.key(key), K_PREVIOUS);
        byte[] previous = in.bytes();
        expect(in.key(key), K_SALT);
        byte[] salt = in.bytes();
        in.expectEnd("the reading");
        try {
            return new Reading(device, serial, sequence, time, energy, export, power, sync, offset, previous, salt);
        } catch (IllegalArgumentException e) {
            throw new MalformedEvidenceException("invalid reading: " + e.getMessage());
        }
    }

    private static void expect(int key, int expected) {
        if (key != expected) {
            throw new MalformedEvidenceException("expected reading field " + expected + ", found " + key);
        }
    }
}
