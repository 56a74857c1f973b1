package io.solarmrv.attestation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The skeleton's deterministic binary encoding of a {@link Reading} (format version 1).
 *
 * <pre>
 * u8  version (= 1)
 * u16 length of device id, then its UTF-8 bytes
 * i64 sequence, i64 timestamp ms, i64 energy register Wh, i64 power W   (big-endian)
 * 32  previous hash
 * </pre>
 * One reading has exactly one encoding; decoding rejects trailing bytes.
 */
public final class ReadingCodec {
    public static final int VERSION = 1;
    private static final int MAX_DEVICE_ID_BYTES = 256;

    private ReadingCodec() {
    }

    public static byte[] encode(Reading reading) {
        byte[] id = reading.deviceId().getBytes(StandardCharsets.UTF_8);
        if (id.length > MAX_DEVICE_ID_BYTES) {
            throw new IllegalArgumentException("deviceId longer than " + MAX_DEVICE_ID_BYTES + " bytes");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(80 + id.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeShort(id.length);
            out.write(id);
            out.writeLong(reading.sequence());
            out.writeLong(reading.timestampMillis());
            out.writeLong(reading.energyRegisterWh());
            out.writeLong(reading.powerW());
            out.write(reading.previousHash());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes a reading; throws {@link MalformedEvidenceException} naming what is wrong. */
    public static Reading decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new MalformedEvidenceException("unsupported reading format version " + version);
            }
            int idLength = in.readUnsignedShort();
            if (idLength == 0 || idLength > MAX_DEVICE_ID_BYTES) {
                throw new MalformedEvidenceException("device id length " + idLength + " out of range");
            }
            byte[] id = in.readNBytes(idLength);
            if (id.length != idLength) {
                throw new MalformedEvidenceException("reading truncated in device id");
            }
            long sequence = in.readLong();
            long timestamp = in.readLong();
            long energy = in.readLong();
            long power = in.readLong();
            byte[] previous = in.readNBytes(Reading.HASH_LENGTH);
            if (previous.length != Reading.HASH_LENGTH) {
                throw new MalformedEvidenceException("reading truncated in previous hash");
            }
            if (in.available() > 0) {
                throw new MalformedEvidenceException(in.available() + " trailing bytes after reading");
            }
            return new Reading(new String(id, StandardCharsets.UTF_8), sequence, timestamp, energy, power, previous);
        } catch (java.io.EOFException e) {
            throw new MalformedEvidenceException("reading truncated");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new MalformedEvidenceException("invalid reading: " + e.getMessage());
        }
    }
}
