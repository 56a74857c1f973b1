package io.solarmrv.edge;

/** Reads one device, whatever it speaks (SunSpec over Modbus TCP, CoAP observe). */
public interface DeviceReader extends AutoCloseable {
    /**
     * A read: the device's serial number, AC power in W and the energy register in Wh; a meter's
     * export register in Wh (null when the device has none).
     */
    record Measurement(String serialNumber, long powerW, long energyRegisterWh, Long exportRegisterWh) {
    }

    /** The device's values now; a device that does not answer, or answers nonsense, throws naming why. */
    Measurement read() throws DeviceException;

    @Override
    void close();
}
