package io.solarmrv.echonet;

import java.util.HexFormat;

/**
 * An ECHONET Lite object (EOJ): class group code, class code and instance code, one byte each. Its
 * text form is six hex digits, e.g. {@code 027901} for the first household PV power conditioner.
 */
public record EchonetObject(int classGroup, int classCode, int instance) {
    /** The node profile object, which answers node discovery (its EPC 0xD6 lists the node's instances). */
    public static final EchonetObject NODE_PROFILE = new EchonetObject(0x0E, 0xF0, 0x01);
    /** A controller, the role the edge agent takes as the source of its requests. */
    public static final EchonetObject CONTROLLER = new EchonetObject(0x05, 0xFF, 0x01);

    public EchonetObject {
        if (classGroup < 0 || classGroup > 0xFF || classCode < 0 || classCode > 0xFF || instance < 0 || instance > 0xFF) {
            throw new IllegalArgumentException("an EOJ is three bytes, was " + classGroup + ", " + classCode + ", " + instance);
        }
    }

    /** The object of six hex digits such as {@code 028801}. */
    public static EchonetObject parse(String hex) {
        if (hex == null || !hex.matches("[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException("an EOJ is six hex digits (class group, class, instance), e.g. 027901; was '" + hex + "'");
        }
        byte[] b = HexFormat.of().parseHex(hex);
        return new EchonetObject(b[0] & 0xFF, b[1] & 0xFF, b[2] & 0xFF);
    }

    /** The class group and class code as one number, e.g. {@code 0x0279}. */
    public int classId() {
        return classGroup << 8 | classCode;
    }

    /** The same class, another instance. */
    public EchonetObject instance(int number) {
        return new EchonetObject(classGroup, classCode, number);
    }

    @Override
    public String toString() {
        return String.format("%02x%02x%02x", classGroup, classCode, instance);
    }
}
