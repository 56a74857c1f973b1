package io.solarmrv.edge;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import com.ghgande.j2mod.modbus.procimg.Register;

/**
 * Reads a SunSpec device over Modbus TCP: checks the {@code SunS} marker at 40000 and walks the
 * model chain to the first inverter model (101, 102 or 103) or meter model (201 to 204).
 * An inverter gives AC power (W x 10^W_SF) and the lifetime energy accumulator (WH x 10^WH_SF);
 * a meter, typically the site's grid connection, gives total real power (W x 10^W_SF, positive
 * when importing) and its import and export accumulators (TotWhImp, TotWhExp x 10^TotWh_SF): the
 * import register is the reading's energy register, the export register its export register.
 */
public final class SunSpecModbusReader implements DeviceReader {
    private static final int BASE_ADDRESS = 40000;
    private static final int END_MODEL = 0xFFFF;
    private static final int INVERTER_BODY_LENGTH = 50;
    private static final int W = 12;
    private static final int W_SF = 13;
    private static final int WH = 22;
    private static final int WH_SF = 24;
    private static final int MAX_MODELS = 64;
    private static final int COMMON_MODEL = 1;
    private static final int COMMON_SN = 48;
    private static final int METER_BODY_LENGTH = 105;
    private static final int METER_W = 16;
    private static final int METER_W_SF = 20;
    private static final int METER_TOT_WH_EXP = 36;
    private static final int METER_TOT_WH_IMP = 44;
    private static final int METER_TOT_WH_SF = 52;

    private final DeviceEndpoint endpoint;
    private final AbstractModbusMaster master;
    private int bodyAddress = -1;
    private boolean meter;
    private String serialNumber = "";

    public SunSpecModbusReader(DeviceEndpoint endpoint, int timeoutMillis) {
        this.endpoint = endpoint;
        this.master = endpoint.serialPort() != null ? new ModbusSerialMaster(serial(endpoint), timeoutMillis)
                : new ModbusTCPMaster(endpoint.host(), endpoint.port(), timeoutMillis, false);
        // No hidden retries inside j2mod: a failed read is reported at once, and the agent's
        // per-device backoff (DeviceHealth) decides when to try again.
        master.setRetries(0);
        master.setCheckingValidity(true);
    }

    @Override
    public Measurement read() throws DeviceException {
        try {
            if (!master.isConnected()) {
                master.connect();
                bodyAddress = -1;
            }
            if (bodyAddress < 0) {
                bodyAddress = discoverModel();
            }
            if (meter) {
                Register[] body = master.readMultipleRegisters(endpoint.unitId(), bodyAddress, METER_BODY_LENGTH);
                short energyScale = body[METER_TOT_WH_SF].toShort();
                return new Measurement(serialNumber, scale(body[METER_W].toShort(), body[METER_W_SF].toShort()),
                        scale(acc32(body, METER_TOT_WH_IMP), energyScale), scale(acc32(body, METER_TOT_WH_EXP), energyScale));
            }
            Register[] body = master.readMultipleRegisters(endpoint.unitId(), bodyAddress, INVERTER_BODY_LENGTH);
            long powerW = scale(body[W].toShort(), body[W_SF].toShort());
            long energyWh = scale(acc32(body, WH), body[WH_SF].toShort());
            return new Measurement(serialNumber, powerW, energyWh, null);
        } catch (DeviceException e) {
            throw e;
        } catch (Exception e) {
            master.disconnect();
            throw new DeviceException(endpoint.deviceId() + ": Modbus read from " + endpoint.address()
                    + " unit " + endpoint.unitId() + " failed: " + e.getMessage(), e);
        }
    }

    /** RTU, 8N1, at the endpoint's baud rate. */
    private static SerialParameters serial(DeviceEndpoint endpoint) {
        SerialParameters p = new SerialParameters();
        p.setPortName(endpoint.serialPort());
        p.setBaudRate(endpoint.baudRate());
        p.setDatabits(8);
        p.setParity("None");
        p.setStopbits(1);
        p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        p.setEcho(false);
        return p;
    }

    private static long acc32(Register[] body, int at) {
        return (long) body[at].getValue() << 16 | body[at + 1].getValue();
    }

    private int discoverModel() throws ModbusException, DeviceException {
        Register[] marker = master.readMultipleRegisters(endpoint.unitId(), BASE_ADDRESS, 2);
        if (marker[0].getValue() != 0x5375 || marker[1].getValue() != 0x6E53) {
            throw new DeviceException(endpoint.deviceId() + ": no SunSpec 'SunS' marker at " + BASE_ADDRESS);
        }
        int address = BASE_ADDRESS + 2;
        for (int i = 0; i < MAX_MODELS; i++) {
            Register[] header = master.readMultipleRegisters(endpoint.unitId(), address, 2);
            int modelId = header[0].getValue();
            int length = header[1].getValue();
            if (modelId == END_MODEL) {
                break;
            }
            if (modelId == COMMON_MODEL && length >= COMMON_SN + 16) {
                serialNumber = string(master.readMultipleRegisters(endpoint.unitId(), address + 2 + COMMON_SN, 16));
            }
            if (modelId >= 101 && modelId <= 103 || modelId >= 201 && modelId <= 204) {
                meter = modelId >= 201;
                int expected = meter ? METER_BODY_LENGTH : INVERTER_BODY_LENGTH;
                if (length != expected) {
                    throw new DeviceException(endpoint.deviceId() + ": " + (meter ? "meter" : "inverter") + " model " + modelId
                            + " has length " + length + ", expected " + expected);
                }
                return address + 2;
            }
            address += 2 + length;
        }
        throw new DeviceException(endpoint.deviceId() + ": no SunSpec inverter model (101-103) or meter model (201-204) in the model chain");
    }

    private static String string(Register[] registers) {
        StringBuilder text = new StringBuilder();
        for (Register register : registers) {
            int value = register.getValue();
            for (int c : new int[] {value >> 8, value & 0xFF}) {
                if (c == 0) {
                    return text.toString().strip();
                }
                text.append((char) c);
            }
        }
        return text.toString().strip();
    }

    private static long scale(long value, short scaleFactor) throws DeviceException {
        if (scaleFactor < -10 || scaleFactor > 10) {
            throw new DeviceException("SunSpec scale factor " + scaleFactor + " out of range");
        }
        long power = (long) Math.pow(10, Math.abs(scaleFactor));
        if (scaleFactor < 0) {
            return value / power;
        }
        try {
            return Math.multiplyExact(value, power);
        } catch (ArithmeticException e) {
            throw new DeviceException("register value " + value + " with SunSpec scale factor " + scaleFactor + " overflows 64 bits");
        }
    }

    @Override
    public void close() {
        master.disconnect();
    }
}
