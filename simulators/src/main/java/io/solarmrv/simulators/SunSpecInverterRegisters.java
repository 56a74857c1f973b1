package io.solarmrv.simulators;

import java.nio.charset.StandardCharsets;

/**
 * A {@link SimulatedInverter} laid out as a SunSpec device: the {@code SunS} marker at 40000, the
 * common model 1, the three-phase inverter model 103 (W with W_SF, the WH accumulator with WH_SF,
 * operating state) and the end marker. Unimplemented points carry SunSpec's "not implemented"
 * values.
 */
public final class SunSpecInverterRegisters implements HoldingRegisters {
    public static final int BASE_ADDRESS = 40000;
    public static final int COMMON_MODEL_ID = 1;
    public static final int COMMON_MODEL_LENGTH = 66;
    public static final int INVERTER_MODEL_ID = 103;
    public static final int INVERTER_MODEL_LENGTH = 50;

    /** Offsets inside the model 103 body (after its ID and length registers). */
    public static final int OFFSET_W = 12;
    public static final int OFFSET_W_SF = 13;
    public static final int OFFSET_WH = 22;
    public static final int OFFSET_WH_SF = 24;
    public static final int OFFSET_ST = 36;

    static final short INT16_NOT_IMPLEMENTED = (short) 0x8000;
    static final short UINT16_NOT_IMPLEMENTED = (short) 0xFFFF;
    private static final short STATE_SLEEPING = 2;
    private static final short STATE_MPPT = 4;

    static final int COMMON_START = 2;                                       // relative to BASE_ADDRESS
    private static final int INVERTER_START = COMMON_START + 2 + COMMON_MODEL_LENGTH;
    private static final int END_START = INVERTER_START + 2 + INVERTER_MODEL_LENGTH;
    private static final int SIZE = END_START + 2;

    private final InverterMeter inverter;
    private final String manufacturer;
    private final String model;
    private final int powerScale;

    public SunSpecInverterRegisters(InverterMeter inverter, String manufacturer, String model) {
        this.inverter = inverter;
        this.manufacturer = manufacturer;
        this.model = model;
        this.powerScale = scaleFactorFor(inverter.nameplateW());
    }

    /** The smallest power-of-ten exponent that lets the nameplate fit a signed 16-bit register. */
    static int scaleFactorFor(long maxValue) {
        int sf = 0;
        while (maxValue / Math.pow(10, sf) > Short.MAX_VALUE) {
            sf++;
        }
        return sf;
    }

    @Override
    public short[] read(int address, int count) {
        return window(address, count, SIZE, this::image);
    }

    /** Registers {@code address..address+count-1} of a device image of {@code size} registers from 40000, or unmapped. */
    static short[] window(int address, int count, int size, java.util.function.Supplier<short[]> image) {
        int from = address - BASE_ADDRESS;
        if (from < 0 || count < 1 || from + count > size) {
            throw new IllegalArgumentException("registers " + address + ".." + (address + count - 1) + " are not mapped");
        }
        short[] out = new short[count];
        System.arraycopy(image.get(), from, out, 0, count);
        return out;
    }

    private short[] image() {
        SimulatedInverter.Snapshot now = inverter.read();
        short[] r = new short[SIZE];
        putHeaderAndCommon(r, manufacturer, model, inverter.serialNumber());

        r[INVERTER_START] = INVERTER_MODEL_ID;
        r[INVERTER_START + 1] = INVERTER_MODEL_LENGTH;
        int body = INVERTER_START + 2;
        for (int i = 0; i < INVERTER_MODEL_LENGTH; i++) {
            r[body + i] = INT16_NOT_IMPLEMENTED;
        }
        r[body + OFFSET_W] = (short) Math.round(now.powerW() / Math.pow(10, powerScale));
        r[body + OFFSET_W_SF] = (short) powerScale;
        long wh = now.energyRegisterWh() & 0xFFFF_FFFFL;     // acc32 wraps, as real accumulators do
        r[body + OFFSET_WH] = (short) (wh >>> 16);
        r[body + OFFSET_WH + 1] = (short) wh;
        r[body + OFFSET_WH_SF] = 0;
        r[body + OFFSET_ST] = now.powerW() > 0 ? STATE_MPPT : STATE_SLEEPING;

        r[END_START] = UINT16_NOT_IMPLEMENTED;
        r[END_START + 1] = 0;
        return r;
    }

    /** The {@code SunS} marker and the common model 1 (manufacturer, model, version, serial number), as every SunSpec device starts. */
    static void putHeaderAndCommon(short[] r, String manufacturer, String model, String serialNumber) {
        r[0] = 0x5375; // "Su"
        r[1] = 0x6E53; // "nS"
        r[COMMON_START] = COMMON_MODEL_ID;
        r[COMMON_START + 1] = COMMON_MODEL_LENGTH;
        int common = COMMON_START + 2;
        putString(r, common, 16, manufacturer);
        putString(r, common + 16, 16, model);
        putString(r, common + 40, 8, "0.1.0");
        putString(r, common + 48, 16, serialNumber);
        r[common + 64] = 1;                                   // DA: device address
        r[common + 65] = UINT16_NOT_IMPLEMENTED;              // pad
    }

    private static void putString(short[] registers, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < length; i++) {
            int hi = 2 * i < bytes.length ? bytes[2 * i] & 0xFF : 0;
            int lo = 2 * i + 1 < bytes.length ? bytes[2 * i + 1] & 0xFF : 0;
            registers[offset + i] = (short) (hi << 8 | lo);
        }
    }
}
