package io.solarmrv.edge;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;

/**
 * Reads a SunSpec inverter over Modbus TCP: checks the {@code SunS} marker at 40000, walks the
 * model chain to the first inverter model (101, 102 or 103), and reads AC power (W x 10^W_SF)
 * and the lifetime energy accumulator (WH x 10^WH_SF).
 */
public final class SunSpecModbusReader implements AutoCloseable {
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

    private final DeviceEndpoint endpoint;
    private final ModbusTCPMaster master;
    private int inverterBodyAddress = -1;
    private String serialNumber = "";

    /** A meter read: the meter's serial number, AC power in W and the energy register in Wh. */
    public record Measurement(String serialNumber, long powerW, long energyRegisterWh) {
    }

    public SunSpecModbusReader(DeviceEndpoint endpoint, int timeoutMillis) {
        this.endpoint = endpoint;
        this.master = new ModbusTCPMaster(endpoint.host(), endpoint.port(), timeoutMillis, false);
        // No hidden retries inside j2mod: a failed read is reported at once, and the agent's
        // per-device backoff (DeviceHealth) decides when to try again.
        master.setRetries(0);
        master.setCheckingValidity(true);
    }

    public Measurement read() throws DeviceException {
        try {
            if (!master.isConnected()) {
                master.connect();
                inverterBodyAddress = -1;
            }
            if (inverterBodyAddress < 0) {
                inverterBodyAddress = discoverInverterModel();
            }
            Register[] body = master.readMultipleRegisters(endpoint.unitId(), inverterBodyAddress, INVERTER_BODY_LENGTH);
            long powerW = scale(body[W].toShort(), body[W_SF].toShort());
            long energyWh = scale((long) body[WH].getValue() << 16 | body[WH + 1].getValue(), body[WH_SF].toShort());
            return new Measurement(serialNumber, powerW, energyWh);
        } catch (DeviceException e) {
            throw e;
        } catch (Exception e) {
            master.disconnect();
            throw new DeviceException(endpoint.deviceId() + ": Modbus read from " + endpoint.host() + ":" + endpoint.port()
                    + " unit " + endpoint.unitId() + " failed: " + e.getMessage(), e);
        }
    }

    private int discoverInverterModel() throws ModbusException, DeviceException {
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
            if (modelId >= 101 && modelId <= 103) {
                if (length != INVERTER_BODY_LENGTH) {
                    throw new DeviceException(endpoint.deviceId() + ": inverter model " + modelId
                            + " has length " + length + ", expected " + INVERTER_BODY_LENGTH);
                }
                return address + 2;
            }
            address += 2 + length;
        }
        throw new DeviceException(endpoint.deviceId() + ": no SunSpec inverter model (101-103) in the model chain");
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
        return scaleFactor >= 0 ? value * (long) Math.pow(10, scaleFactor) : value / (long) Math.pow(10, -scaleFactor);
    }

    @Override
    public void close() {
        master.disconnect();
    }
}
