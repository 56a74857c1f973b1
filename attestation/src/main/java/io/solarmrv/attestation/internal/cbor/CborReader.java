package io.solarmrv.attestation.internal.cbor;

import io.solarmrv.attestation.MalformedEvidenceException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads CBOR that must be in the core deterministic encoding (RFC 8949 §4.2.1): any non-shortest
 * integer or length, indefinite length, float, or simple value other than those asked for is
 * rejected with a {@link MalformedEvidenceException} naming it. Evidence has exactly one encoding.
 */
public final class CborReader {
    private final byte[] data;
    private int position;

    public CborReader(byte[] data) {
        this.data = data;
    }

    public long integer() {
        int major = peekMajor();
        long argument = head(major);
        if (major == 0) {
            if (argument < 0) {
                throw malformed("unsigned integer above 2^63-1");
            }
            return argument;
        }
        if (major == 1) {
            if (argument < 0) {
                throw malformed("negative integer below -2^63");
            }
            return -1 - argument;
        }
        throw malformed("expected an integer, found major type " + major);
    }

    public byte[] bytes() {
        expectMajor(2, "a byte string");
        int length = length(head(2));
        byte[] value = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return value;
    }

    public String text() {
        expectMajor(3, "a text string");
        int length = length(head(3));
        try {
            String value = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, position, length)).toString();
            position += length;
            return value;
        } catch (CharacterCodingException e) {
            throw malformed("text string is not valid UTF-8");
        }
    }

    public int array() {
        expectMajor(4, "an array");
        return length(head(4));
    }

    public int map() {
        expectMajor(5, "a map");
        return length(head(5));
    }

    public long tag() {
        expectMajor(6, "a tag");
        return head(6);
    }

    /** Reads a map key (a small unsigned integer) that must be greater than {@code previous}. */
    public int key(int previous) {
        long key = integer();
        if (key <= previous) {
            throw malformed("map key " + key + " is out of order or repeated");
        }
        if (key > 23) {
            throw malformed("unknown map key " + key);
        }
        return (int) key;
    }

    public boolean atEnd() {
        return position == data.length;
    }

    public int peekMajor() {
        need(1);
        return (data[position] & 0xFF) >>> 5;
    }

    /** The raw bytes of the next data item, skipped (used for signing what was received, byte for byte). */
    public byte[] rawBytesString() {
        int start = position;
        bytes();
        return Arrays.copyOfRange(data, start, position);
    }

    public void expectEnd(String what) {
        if (!atEnd()) {
            throw malformed((data.length - position) + " trailing bytes after " + what);
        }
    }

    private void expectMajor(int major, String what) {
        int found = peekMajor();
        if (found != major) {
            throw malformed("expected " + what + ", found major type " + found);
        }
    }

    private long head(int major) {
        need(1);
        int info = data[position++] & 0x1F;
        long argument;
        if (info < 24) {
            return info;
        } else if (info == 24) {
            argument = readBigEndian(1);
            if (argument < 24) {
                throw malformed("non-shortest encoding of " + argument);
            }
        } else if (info == 25) {
            argument = readBigEndian(2);
            if (argument < 0x100) {
                throw malformed("non-shortest encoding of " + argument);
            }
        } else if (info == 26) {
            argument = readBigEndian(4);
            if (argument < 0x10000) {
                throw malformed("non-shortest encoding of " + argument);
            }
        } else if (info == 27) {
            argument = readBigEndian(8);
            if (argument >= 0 && argument < 0x1_0000_0000L) {
                throw malformed("non-shortest encoding of " + argument);
            }
        } else {
            throw malformed(info == 31 ? "indefinite length (not deterministic)" : "reserved additional info " + info
                    + " in major type " + major);
        }
        return argument;
    }

    private long readBigEndian(int bytes) {
        need(bytes);
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = value << 8 | (data[position++] & 0xFF);
        }
        return value;
    }

    private int length(long argument) {
        if (argument < 0 || argument > data.length - position) {
            throw malformed("length " + argument + " runs past the end of the data");
        }
        return (int) argument;
    }

    private void need(int bytes) {
        if (data.length - position < bytes) {
            throw malformed("truncated CBOR");
        }
    }

    private static MalformedEvidenceException malformed(String message) {
        return new MalformedEvidenceException("CBOR: " + message);
    }
}
