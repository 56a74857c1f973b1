package io.solarmrv.simulators;

import io.solarmrv.echonet.DeviceClasses;
import io.solarmrv.echonet.EchonetObject;
import io.solarmrv.echonet.Property;
import java.util.Optional;

/**
 * A storage battery (class 0x027D) in front of a {@link SimulatedBattery}: 0xA9 and 0xA8 its
 * cumulative charging and discharging energy in 0.001 kWh (Wh, rolling over past 999,999.999 kWh),
 * 0xE4 its state of charge (%), 0xD3 its power now (W, 4 bytes signed, positive while charging) and
 * 0x8D its serial.
 */
public final class EchonetStorageBattery implements EchonetDevice {
    private final EchonetObject object;
    private final SimulatedBattery battery;
    private final String serial;

    public EchonetStorageBattery(int instance, SimulatedBattery battery, String serial) {
        this.object = new EchonetObject(0x02, 0x7D, instance);
        this.battery = battery;
        this.serial = serial;
    }

    @Override
    public EchonetObject object() {
        return object;
    }

    @Override
    public Optional<Property> get(int epc) {
        SimulatedBattery.Snapshot now = battery.read();
        return switch (epc) {
            case DeviceClasses.BATTERY_CUMULATIVE_CHARGE -> Optional.of(Property.unsigned(epc,
                    Math.floorMod(now.chargeRegisterWh(), DeviceClasses.PV_REGISTER_MODULUS), 4));
            case DeviceClasses.BATTERY_CUMULATIVE_DISCHARGE -> Optional.of(Property.unsigned(epc,
                    Math.floorMod(now.dischargeRegisterWh(), DeviceClasses.PV_REGISTER_MODULUS), 4));
            case DeviceClasses.BATTERY_STATE_OF_CHARGE -> Optional.of(Property.unsigned(epc, now.stateOfChargePercent(), 1));
            case DeviceClasses.BATTERY_INSTANTANEOUS_W -> Optional.of(Property.unsigned(epc, now.powerW() & 0xFFFFFFFFL, 4));
            case PRODUCTION_NUMBER -> Optional.of(EchonetDevice.productionNumber(serial));
            default -> Optional.empty();
        };
    }
}
