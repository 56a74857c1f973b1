package io.solarmrv.simulators;

import io.solarmrv.echonet.EchonetObject;
import io.solarmrv.echonet.Property;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A device object an {@link EchonetNode} hosts: its EOJ and the properties it answers a Get with. */
public interface EchonetDevice {
    /** 0x8D, the device object super class's production number (12 ASCII bytes): the meter's serial as the agent signs it. */
    int PRODUCTION_NUMBER = 0x8D;

    EchonetObject object();

    /** The property's value now; empty for a property the device does not have (answered in a Get_SNA). */
    Optional<Property> get(int epc);

    /** A serial as EPC 0x8D's 12 bytes: ASCII, space-padded; longer serials are refused. */
    static Property productionNumber(String serial) {
        byte[] ascii = serial.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length > 12) {
            throw new IllegalArgumentException("a production number is 12 ASCII bytes, '" + serial + "' is " + ascii.length);
        }
        byte[] edt = new byte[12];
        java.util.Arrays.fill(edt, (byte) ' ');
        System.arraycopy(ascii, 0, edt, 0, ascii.length);
        return new Property(PRODUCTION_NUMBER, edt);
    }
}
