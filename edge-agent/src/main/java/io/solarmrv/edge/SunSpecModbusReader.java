package io.solarmrv.edge;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import com.ghgande.j2mod.modbus.procimg.Register;

/**
 * Reads a SunSpec device over Modbus TCP or RTU ({@link SunSpecModels} decodes what it answers):
 * checks the {@code SunS} marker at 40000 and walks the model chain to the first inverter model
 * (101, 102 or 103) or meter model (201 to 204).
 * An inverter gives AC power (W x 10^W_SF) and the lifetime energy accumulator (WH x 10^WH_SF);
 * a meter, typically the site's grid connection, gives total real power (W x 10^W_SF, positive
 * when importing) and its import and export accumulators (TotWhImp, TotWhExp x 10^TotWh_SF): the
 * import register is the reading's energy register, the export register its export register.
 */
public final class SunSpecModbusReader implements DeviceReader {
    private final DeviceEndpoint.Modbus endpoint;
    private final AbstractModbusMaster master;
    private final SunSpecModels.Registers registers;
    private SunSpecModels.Model model;

    public SunSpecModbusReader(DeviceEndpoint.Modbus endpoint, int timeoutMillis) {
        this.endpoint = endpoint;
        this.master = endpoint instanceof DeviceEndpoint.ModbusRtu rtu ? new ModbusSerialMaster(serial(rtu), timeoutMillis)
                : new ModbusTCPMaster(((DeviceEndpoint.ModbusTcp) endpoint).host(), ((DeviceEndpoint.ModbusTcp) endpoint).port(),
                        timeoutMillis, false);
        // No hidden retries inside j2mod: a failed read is reported at once, and the agent's
        // per-device backoff (DeviceHealth) decides when to try again.
        master.setRetries(0);
        master.setCheckingValidity(true);
        this.registers = (address, count) -> {
            Register[] answer = master.readMultipleRegisters(endpoint.unitId(), address, count);
            int[] values = new int[answer.length];
            for (int i = 0; i < answer.length; i++) {
                values[i] = answer[i].getValue();
            }
            return values;
        };
    }

    @Override
    public Measurement read() throws DeviceException {
        try {
            if (!master.isConnected()) {
                master.connect();
                model = null;
            }
            if (model == null) {
                model = SunSpecModels.discover(registers, endpoint.deviceId());
            }
            return SunSpecModels.measure(registers, model, endpoint.deviceId());
        } catch (DeviceException e) {
            throw e;
        } catch (Exception e) {
            master.disconnect();
            throw new DeviceException(endpoint.deviceId() + ": Modbus read from " + endpoint.address()
                    + " unit " + endpoint.unitId() + " failed: " + e.getMessage(), e);
        }
    }

    /** RTU, 8N1, at the endpoint's baud rate. */
    private static SerialParameters serial(DeviceEndpoint.ModbusRtu endpoint) {
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

    @Override
    public void close() {
        master.disconnect();
    }
}
