package io.solarmrv.echonet;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ECHONET Lite frame of specified message format 1 (Part II, 3.2): EHD1 0x10, EHD2 0x81, a
 * transaction id (TID), the source and destination objects (SEOJ, DEOJ), the service (ESV), the
 * number of properties (OPC) and each property (EPC, PDC, EDT).
 *
 * <pre>
 * 10 81 | TID(2) | SEOJ(3) | DEOJ(3) | ESV | OPC | EPC PDC EDT... (OPC times)
 * </pre>
 *
 * {@link #decode} accepts exactly that layout and nothing else: a wrong header, an unknown service, no
 * property, a property running past the end or bytes after the last one are each a {@link
 * MalformedFrameException} naming the fault and its offset.
 */
public record Frame(int tid, EchonetObject source, EchonetObject destination, Esv esv, List<Property> properties) {
    static final int EHD1 = 0x10;
    static final int EHD2_FORMAT_1 = 0x81;
    private static final int HEADER = 12;

    public Frame {
        if (tid < 0 || tid > 0xFFFF) {
            throw new IllegalArgumentException("TID is two bytes, was " + tid);
        }
        if (source == null || destination == null || esv == null) {
            throw new IllegalArgumentException("a frame names its source, destination and service");
        }
        if (properties == null || properties.isEmpty() || properties.size() > 0xFF) {
            throw new IllegalArgumentException("a frame carries 1 to 255 properties, was " + (properties == null ? "null" : properties.size()));
        }
        properties = List.copyOf(properties);
    }

    /** A Get request from the controller to {@code destination} for these EPCs. */
    public static Frame get(int tid, EchonetObject destination, int... epcs) {
        List<Property> asked = new ArrayList<>();
        for (int epc : epcs) {
            asked.add(Property.request(epc));
        }
        return new Frame(tid, EchonetObject.CONTROLLER, destination, Esv.GET, asked);
    }

    /** The property with this EPC, if the frame carries it. */
    public Optional<Property> property(int epc) {
        return properties.stream().filter(p -> p.epc() == epc).findFirst();
    }

    /** The frame's bytes. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER + properties.size() * 6);
        out.write(EHD1);
        out.write(EHD2_FORMAT_1);
        out.write(tid >>> 8);
        out.write(tid);
        for (EchonetObject object : List.of(source, destination)) {
            out.write(object.classGroup());
            out.write(object.classCode());
            out.write(object.instance());
        }
        out.write(esv.code());
        out.write(properties.size());
        for (Property property : properties) {
            byte[] edt = property.edt();
            out.write(property.epc());
            out.write(edt.length);
            out.writeBytes(edt);
        }
        return out.toByteArray();
    }

    /** The frame in the first {@code length} bytes of {@code bytes} (a datagram as received). */
    public static Frame decode(byte[] bytes, int length) throws MalformedFrameException {
        if (length < 0 || length > bytes.length) {
            throw new IllegalArgumentException("length " + length + " outside the " + bytes.length + " bytes given");
        }
        if (length < HEADER) {
            throw new MalformedFrameException(length + " bytes: shorter than the 12 of a frame's header and first property count");
        }
        if (u(bytes, 0) != EHD1) {
            throw new MalformedFrameException(String.format("EHD1 (offset 0) is 0x%02x, not 0x10 (ECHONET Lite)", u(bytes, 0)));
        }
        if (u(bytes, 1) != EHD2_FORMAT_1) {
            throw new MalformedFrameException(String.format("EHD2 (offset 1) is 0x%02x, not 0x81 (specified message format 1)%s",
                    u(bytes, 1), u(bytes, 1) == 0x82 ? "; the arbitrary format 2 is not used here" : ""));
        }
        int esvCode = u(bytes, 10);
        Esv esv = Esv.of(esvCode).orElseThrow(() -> new MalformedFrameException(String.format(
                "ESV (offset 10) 0x%02x is not a service this codec accepts%s", esvCode,
                esvCode == 0x6E || esvCode == 0x7E || esvCode == 0x5E ? " (SetGet carries two property lists; not used here)" : "")));
        int opc = u(bytes, 11);
        if (opc == 0) {
            throw new MalformedFrameException("OPC (offset 11) is 0: a frame carries at least one property");
        }
        List<Property> properties = new ArrayList<>(opc);
        int at = HEADER;
        for (int i = 0; i < opc; i++) {
            if (at + 2 > length) {
                throw new MalformedFrameException("OPC says " + opc + " properties but the frame ends (" + length
                        + " bytes) before property " + (i + 1) + "'s EPC and PDC at offset " + at);
            }
            int epc = u(bytes, at);
            int pdc = u(bytes, at + 1);
            if (epc < 0x80) {
                throw new MalformedFrameException(String.format("property %d's EPC (offset %d) is 0x%02x, outside 0x80 to 0xFF",
                        i + 1, at, epc));
            }
            if (at + 2 + pdc > length) {
                throw new MalformedFrameException(String.format("property %d (EPC 0x%02x, offset %d) declares PDC %d but %d bytes follow",
                        i + 1, epc, at, pdc, length - at - 2));
            }
            byte[] edt = new byte[pdc];
            System.arraycopy(bytes, at + 2, edt, 0, pdc);
            properties.add(new Property(epc, edt));
            at += 2 + pdc;
        }
        if (at != length) {
            throw new MalformedFrameException((length - at) + " bytes after the last of the " + opc + " properties (offset " + at + ")");
        }
        return new Frame(u(bytes, 2) << 8 | u(bytes, 3), new EchonetObject(u(bytes, 4), u(bytes, 5), u(bytes, 6)),
                new EchonetObject(u(bytes, 7), u(bytes, 8), u(bytes, 9)), esv, properties);
    }

    private static int u(byte[] bytes, int offset) {
        return bytes[offset] & 0xFF;
    }

    @Override
    public String toString() {
        return String.format("tid=%d %s->%s %s %s", tid, source, destination, esv, properties);
    }
}
