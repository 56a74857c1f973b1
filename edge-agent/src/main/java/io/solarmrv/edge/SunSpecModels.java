package io.solarmrv.edge;

/**
 * The SunSpec register map as the agent reads it, apart from Modbus I/O, so that whatever a device
 * answers can only end in a {@link DeviceException} naming what was wrong: the {@code SunS} marker
 * at 40000, the model chain walked (at most 64 models, never past the register space) to the first
 * inverter model (101, 102 or 103) or meter model (201 to 204), the common model's serial number
 * on the way, then the model's body decoded with its scale factors.
 */
final class SunSpecModels {
    static final int BASE_ADDRESS = 40000;
    private static final int REGISTER_SPACE = 0x10000;
    private static final int END_MODEL = 0xFFFF;
    private static final int MAX_MODELS = 64;
    private static final int COMMON_MODEL = 1;
    private static final int COMMON_SN = 48;
    private static final int INVERTER_BODY_LENGTH = 50;
    private static final int W = 12;
    private static final int W_SF = 13;
    private static final int WH = 22;
    private static final int WH_SF = 24;
    private static final int METER_BODY_LENGTH = 105;
    private static final int METER_W = 16;
    private static final int METER_W_SF = 20;
    private static final int METER_TOT_WH_EXP = 36;
    private static final int METER_TOT_WH_IMP = 44;
    private static final int METER_TOT_WH_SF = 52;

    private SunSpecModels() {
    }

    /** A device's holding registers: {@code count} unsigned 16-bit values from {@code address}. */
    interface Registers {
        int[] read(int address, int count) throws Exception;
    }

    /** Where the inverter or meter model's body starts, which it is, and the common model's serial number ("" if none). */
    record Model(int bodyAddress, boolean meter, String serialNumber) {
    }

    /** Walks the model chain. */
    static Model discover(Registers device, String deviceId) throws Exception {
        int[] marker = read(device, BASE_ADDRESS, 2, deviceId);
        if (marker[0] != 0x5375 || marker[1] != 0x6E53) {
            throw new DeviceException(deviceId + ": no SunSpec 'SunS' marker at " + BASE_ADDRESS);
        }
        int address = BASE_ADDRESS + 2;
        String serialNumber = "";
        for (int i = 0; i < MAX_MODELS; i++) {
            int[] header = read(device, address, 2, deviceId);
            int modelId = header[0];
            int length = header[1];
            if (modelId == END_MODEL) {
                break;
            }
            if (modelId == COMMON_MODEL && length >= COMMON_SN + 16) {
                serialNumber = string(read(device, address + 2 + COMMON_SN, 16, deviceId));
            }
            if (modelId >= 101 && modelId <= 103 || modelId >= 201 && modelId <= 204) {
                boolean meter = modelId >= 201;
                int expected = meter ? METER_BODY_LENGTH : INVERTER_BODY_LENGTH;
                if (length != expected) {
                    throw new DeviceException(deviceId + ": " + (meter ? "meter" : "inverter") + " model " + modelId
                            + " has length " + length + ", expected " + expected);
                }
                return new Model(address + 2, meter, serialNumber);
            }
            address += 2 + length;
        }
        throw new DeviceException(deviceId + ": no SunSpec inverter model (101-103) or meter model (201-204) in the model chain");
    }

    /** Reads and decodes the model's body. */
    static DeviceReader.Measurement measure(Registers device, Model model, String deviceId) throws Exception {
        if (model.meter()) {
            int[] body = read(device, model.bodyAddress(), METER_BODY_LENGTH, deviceId);
            short energyScale = (short) body[METER_TOT_WH_SF];
            return measurement(deviceId, model.serialNumber(), scale(deviceId, (short) body[METER_W], (short) body[METER_W_SF]),
                    scale(deviceId, acc32(body, METER_TOT_WH_IMP), energyScale),
                    scale(deviceId, acc32(body, METER_TOT_WH_EXP), energyScale));
        }
        int[] body = read(device, model.bodyAddress(), INVERTER_BODY_LENGTH, deviceId);
        return measurement(deviceId, model.serialNumber(), scale(deviceId, (short) body[W], (short) body[W_SF]),
                scale(deviceId, acc32(body, WH), (short) body[WH_SF]), null);
    }

    private static DeviceReader.Measurement measurement(String deviceId, String serial, long powerW, long energyWh, Long exportWh)
            throws DeviceException {
        try {
            return new DeviceReader.Measurement(serial, powerW, energyWh, exportWh);
        } catch (IllegalArgumentException e) {
            throw new DeviceException(deviceId + ": " + e.getMessage());
        }
    }

    /** Reads {@code count} registers, refusing a read past the register space or an answer of another length. */
    private static int[] read(Registers device, int address, int count, String deviceId) throws Exception {
        if (address + count > REGISTER_SPACE) {
            throw new DeviceException(deviceId + ": the SunSpec model chain runs past the register space (register "
                    + address + " + " + count + ")");
        }
        int[] values = device.read(address, count);
        if (values.length != count) {
            throw new DeviceException(deviceId + ": asked " + count + " registers at " + address + ", got " + values.length);
        }
        return values;
    }

    private static long acc32(int[] body, int at) {
        return (long) body[at] << 16 | body[at + 1];
    }

    private static String string(int[] registers) {
        StringBuilder text = new StringBuilder();
        for (int value : registers) {
            for (int c : new int[] {value >> 8 & 0xFF, value & 0xFF}) {
                if (c == 0) {
                    return text.toString().strip();
                }
                text.append((char) c);
            }
        }
        return text.toString().strip();
    }

    private static long scale(String deviceId, long value, short scaleFactor) throws DeviceException {
        if (scaleFactor < -10 || scaleFactor > 10) {
            throw new DeviceException(deviceId + ": SunSpec scale factor " + scaleFactor + " out of range");
        }
        long power = (long) Math.pow(10, Math.abs(scaleFactor));
        if (scaleFactor < 0) {
            return value / power;
        }
        try {
            return Math.multiplyExact(value, power);
        } catch (ArithmeticException e) {
            throw new DeviceException(deviceId + ": register value " + value + " with SunSpec scale factor " + scaleFactor
                    + " overflows 64 bits");
        }
    }
}
