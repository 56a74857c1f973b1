package io.solarmrv.simulators;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import java.util.Map;

/**
 * Devices on a Modbus RTU serial line (j2mod's serial slave): the same {@link HoldingRegisters}
 * as {@link ModbusTcpServer} serves, one per unit id, at 8 data bits, no parity, 1 stop bit and the
 * given baud rate. Any serial device works, e.g. one end of a {@code socat} pseudo-terminal pair.
 */
public final class ModbusRtuServer implements AutoCloseable {
    private final ModbusSlave slave;

    public ModbusRtuServer(String serialPort, int baudRate, Map<Integer, HoldingRegisters> units) throws ModbusException {
        slave = ModbusSlaveFactory.createSerialSlave(serialParameters(serialPort, baudRate));
        units.forEach((unit, registers) -> slave.addProcessImage(unit, new Image(registers)));
        slave.open();
    }

    /** 8N1 RTU at {@code baudRate}: what the agent's RTU driver uses too. */
    public static SerialParameters serialParameters(String serialPort, int baudRate) {
        SerialParameters p = new SerialParameters();
        p.setPortName(serialPort);
        p.setBaudRate(baudRate);
        p.setDatabits(8);
        p.setParity("None");
        p.setStopbits(1);
        p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        p.setEcho(false);
        return p;
    }

    /** A unit's registers, read from the simulated device at each request. */
    private static final class Image extends SimpleProcessImage {
        private final HoldingRegisters registers;

        Image(HoldingRegisters registers) {
            this.registers = registers;
        }

        @Override
        public synchronized Register[] getRegisterRange(int offset, int count) {
            short[] values;
            try {
                values = registers.read(offset, count);
            } catch (IllegalArgumentException e) {
                throw new IllegalAddressException(e.getMessage());
            }
            Register[] out = new Register[count];
            for (int i = 0; i < count; i++) {
                out[i] = new SimpleRegister(values[i] & 0xFFFF);
            }
            return out;
        }

        @Override
        public synchronized Register getRegister(int offset) {
            return getRegisterRange(offset, 1)[0];
        }
    }

    @Override
    public void close() {
        ModbusSlaveFactory.close(slave);
    }
}
