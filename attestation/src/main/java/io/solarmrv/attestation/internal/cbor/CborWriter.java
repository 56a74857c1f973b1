package io.solarmrv.attestation.internal.cbor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes CBOR (RFC 8949) in the core deterministic encoding of §4.2.1: integers and lengths in
 * their shortest form, definite lengths only. Map keys must be written in ascending order of their
 * encoding by the caller; {@link #key} enforces it for the small unsigned keys the formats use.
 */
public final class CborWriter {
    private static final int UNSIGNED = 0;
    private static final int NEGATIVE = 1;
    private static final int BYTES = 2;
    private static final int TEXT = 3;
    private static final int ARRAY = 4;
    private static final int MAP = 5;
    private static final int TAG = 6;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public CborWriter integer(long value) {
        if (value >= 0) {
            head(UNSIGNED, value);
        } else {
            head(NEGATIVE, -1 - value);
        }
        return this;
    }

    public CborWriter bytes(byte[] value) {
        head(BYTES, value.length);
        out.writeBytes(value);
        return this;
    }

    public CborWriter text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        head(TEXT, utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    public CborWriter array(int length) {
        head(ARRAY, length);
        return this;
    }

    public CborWriter map(int entries) {
        head(MAP, entries);
        return this;
    }

    public CborWriter tag(long tag) {
        head(TAG, tag);
        return this;
    }

    /** A small unsigned map key (0..23 encode as one byte, so ascending value is ascending encoding). */
    public CborWriter key(int key) {
        if (key < 0 || key > 23) {
            throw new IllegalArgumentException("map keys here are 0..23, got " + key);
        }
        return integer(key);
    }

    /** Already-encoded CBOR, embedded as is. */
    public CborWriter raw(byte[] encoded) {
        out.writeBytes(encoded);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private void head(int majorType, long argument) {
        int major = majorType << 5;
        if (argument < 0) {
            throw new IllegalArgumentException("CBOR argument out of range");
        }
        if (argument < 24) {
            out.write(major | (int) argument);
        } else if (argument < 0x100) {
            out.write(major | 24);
            out.write((int) argument);
        } else if (argument < 0x10000) {
            out.write(major | 25);
            writeBigEndian(argument, 2);
        } else if (argument < 0x1_0000_0000L) {
            out.write(major | 26);
            writeBigEndian(argument, 4);
        } else {
            out.write(major | 27);
            writeBigEndian(argument, 8);
        }
    }

    private void writeBigEndian(long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
    }
}
