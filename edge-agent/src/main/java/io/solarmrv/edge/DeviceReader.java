package io.solarmrv.edge;

/** Reads one device, whatever it speaks (SunSpec over Modbus TCP, CoAP observe). */
public interface DeviceReader extends AutoCloseable {
    /**
     * A read: the device's serial number, AC power in W and the energy register in Wh; a meter's
     * export register in Wh (null when the device has none).
     */
    record Measurement(String serialNumber, long powerW, long energyRegisterWh, Long exportRegisterWh) {
    }

    /** What the agent last signed of a device: the meter's serial and its registers (the export or second one may be null). */
    record LastSigned(String meterSerial, long energyRegisterWh, Long exportRegisterWh) {
    }

    /** The device's values now; a device that does not answer, or answers nonsense, throws naming why. */
    Measurement read() throws DeviceException;

    /**
     * What the agent signed last before it restarted, for a reader that extends registers which roll
     * over (so a rollover while the agent was down is not read as a decrease). Ignored by readers
     * whose devices report registers that do not roll over.
     */
    default void resumeFrom(LastSigned last) {
    }

    @Override
    void close();
}
