package io.solarmrv.echonet;

import java.util.Optional;

/**
 * The ECHONET Lite services (ESV) of frames with one property list (Part II, 3.2.5): requests,
 * responses and notifications, and the "not possible" answers (SNA). The SetGet family (0x6E,
 * 0x7E, 0x5E), which carries two lists, is not used by this project and is refused by the codec.
 */
public enum Esv {
    SET_I(0x60), SET_C(0x61), GET(0x62), INF_REQ(0x63),
    SET_RES(0x71), GET_RES(0x72), INF(0x73), INFC(0x74), INFC_RES(0x7A),
    SET_I_SNA(0x50), SET_C_SNA(0x51), GET_SNA(0x52), INF_SNA(0x53);

    private final int code;

    Esv(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The service with this code; empty for any other byte. */
    public static Optional<Esv> of(int code) {
        for (Esv esv : values()) {
            if (esv.code == code) {
                return Optional.of(esv);
            }
        }
        return Optional.empty();
    }
}
