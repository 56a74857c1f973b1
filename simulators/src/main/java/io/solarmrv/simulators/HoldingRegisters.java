package io.solarmrv.simulators;

/** A Modbus unit's holding registers, as the Modbus TCP server reads them. */
public interface HoldingRegisters {

    /**
     * Reads {@code count} registers starting at {@code address}.
     *
     * @throws IllegalArgumentException when any address in the range is not mapped
     *                                  (answered with Modbus exception 02, illegal data address)
     */
    short[] read(int address, int count);
}
