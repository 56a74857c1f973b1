package io.solarmrv.simulators;

import io.solarmrv.echonet.DeviceClasses;
import io.solarmrv.echonet.EchonetObject;
import io.solarmrv.echonet.Property;
import java.util.Optional;

/**
 * A household PV power conditioner (class 0x0279) in front of a simulated PV system ({@link
 * InverterMeter}): 0xE0 the power it generates now (W), 0xE1 its cumulative generated energy in
 * 0.001 kWh, rolling over past 999,999.999 kWh as the specification says, and 0x8D its serial.
 */
public final class EchonetPvConditioner implements EchonetDevice {
    private final EchonetObject object;
    private final InverterMeter inverter;

    public EchonetPvConditioner(int instance, InverterMeter inverter) {
        this.object = new EchonetObject(0x02, 0x79, instance);
        this.inverter = inverter;
    }

    @Override
    public EchonetObject object() {
        return object;
    }

    @Override
    public Optional<Property> get(int epc) {
        SimulatedInverter.Snapshot now = inverter.read();
        return switch (epc) {
            case DeviceClasses.PV_INSTANTANEOUS_W -> Optional.of(Property.unsigned(epc, Math.max(0, Math.min(0xFFFD, now.powerW())), 2));
            case DeviceClasses.PV_CUMULATIVE_GENERATED -> Optional.of(Property.unsigned(epc,
                    Math.floorMod(now.energyRegisterWh(), DeviceClasses.PV_REGISTER_MODULUS), 4));
            case PRODUCTION_NUMBER -> Optional.of(EchonetDevice.productionNumber(inverter.serialNumber()));
            default -> Optional.empty();
        };
    }
}
