package io.solarmrv.simulators;

/**
 * An {@link ElectricityMeter} (a site's grid meter, a chiller's meter) laid out as a SunSpec meter: the {@code SunS} marker at 40000, the
 * common model 1, the three-phase wye meter model 203 (105 registers: total real power W with W_SF,
 * the acc32 energy registers TotWhExp and TotWhImp with TotWh_SF) and the end marker. Points not
 * simulated carry SunSpec's "not implemented" values.
 */
public final class SunSpecMeterRegisters implements HoldingRegisters {
    public static final int METER_MODEL_ID = 203;
    public static final int METER_MODEL_LENGTH = 105;

    /** Offsets inside the model 203 body (after its ID and length registers). */
    public static final int OFFSET_W = 16;
    public static final int OFFSET_W_SF = 20;
    public static final int OFFSET_TOT_WH_EXP = 36;
    public static final int OFFSET_TOT_WH_IMP = 44;
    public static final int OFFSET_TOT_WH_SF = 52;

    private static final int METER_START = SunSpecInverterRegisters.COMMON_START + 2 + SunSpecInverterRegisters.COMMON_MODEL_LENGTH;
    private static final int END_START = METER_START + 2 + METER_MODEL_LENGTH;
    private static final int SIZE = END_START + 2;

    private final ElectricityMeter meter;
    private final String manufacturer;
    private final String model;
    private final int powerScale;

    public SunSpecMeterRegisters(ElectricityMeter meter, String manufacturer, String model) {
        this.meter = meter;
        this.manufacturer = manufacturer;
        this.model = model;
        this.powerScale = SunSpecInverterRegisters.scaleFactorFor(meter.ratingW());
    }

    @Override
    public short[] read(int address, int count) {
        return SunSpecInverterRegisters.window(address, count, SIZE, this::image);
    }

    private short[] image() {
        ElectricityMeter.Snapshot now = meter.read();
        short[] r = new short[SIZE];
        SunSpecInverterRegisters.putHeaderAndCommon(r, manufacturer, model, meter.serialNumber());
        r[METER_START] = METER_MODEL_ID;
        r[METER_START + 1] = METER_MODEL_LENGTH;
        int body = METER_START + 2;
        for (int i = 0; i < METER_MODEL_LENGTH; i++) {
            r[body + i] = SunSpecInverterRegisters.INT16_NOT_IMPLEMENTED;
        }
        r[body + OFFSET_W] = (short) Math.round(now.netPowerW() / Math.pow(10, powerScale));
        r[body + OFFSET_W_SF] = (short) powerScale;
        putAcc32(r, body + OFFSET_TOT_WH_EXP, now.exportRegisterWh());
        putAcc32(r, body + OFFSET_TOT_WH_IMP, now.importRegisterWh());
        r[body + OFFSET_TOT_WH_SF] = 0;
        r[END_START] = SunSpecInverterRegisters.UINT16_NOT_IMPLEMENTED;
        r[END_START + 1] = 0;
        return r;
    }

    private static void putAcc32(short[] r, int at, long value) {
        long wrapped = value & 0xFFFF_FFFFL;                 // acc32 wraps, as real accumulators do
        r[at] = (short) (wrapped >>> 16);
        r[at + 1] = (short) wrapped;
    }
}
