package io.solarmrv.echonet;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One property of a frame: its code (EPC, 0x80 to 0xFF) and its data (EDT, 0 to 255 bytes; its
 * length is the PDC). A Get request and a property a Get_SNA could not answer carry no data.
 */
public record Property(int epc, byte[] edt) {
    public Property {
        if (epc < 0x80 || epc > 0xFF) {
            throw new IllegalArgumentException(String.format("an EPC is 0x80 to 0xFF, was 0x%02x", epc));
        }
        if (edt == null || edt.length > 0xFF) {
            throw new IllegalArgumentException(String.format("EPC 0x%02x: EDT is 0 to 255 bytes, was %s", epc,
                    edt == null ? "null" : edt.length));
        }
        edt = edt.clone();
    }

    /** A property without data: what a Get asks for. */
    public static Property request(int epc) {
        return new Property(epc, new byte[0]);
    }

    /** A property holding {@code value} as an unsigned big-endian number of {@code bytes} bytes. */
    public static Property unsigned(int epc, long value, int bytes) {
        if (value < 0 || (bytes < 8 && value >>> (8 * bytes) != 0)) {
            throw new IllegalArgumentException(String.format("EPC 0x%02x: %d does not fit in %d unsigned bytes", epc, value, bytes));
        }
        byte[] edt = new byte[bytes];
        for (int i = bytes - 1; i >= 0; i--) {
            edt[i] = (byte) value;
            value >>>= 8;
        }
        return new Property(epc, edt);
    }

    @Override
    public byte[] edt() {
        return edt.clone();
    }

    /** The data as an unsigned big-endian number; throws naming the EPC unless it is 1 to 7 bytes. */
    public long unsignedValue() {
        if (edt.length < 1 || edt.length > 7) {
            throw new IllegalStateException(String.format("EPC 0x%02x: %d bytes of data, not a 1 to 7 byte number", epc, edt.length));
        }
        long value = 0;
        for (byte b : edt) {
            value = value << 8 | (b & 0xFF);
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Property p && p.epc == epc && Arrays.equals(p.edt, edt);
    }

    @Override
    public int hashCode() {
        return 31 * epc + Arrays.hashCode(edt);
    }

    @Override
    public String toString() {
        return String.format("%02x:%s", epc, HexFormat.of().formatHex(edt));
    }
}
