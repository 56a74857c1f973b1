package io.solarmrv.simulators;

import io.solarmrv.echonet.DeviceClasses;
import io.solarmrv.echonet.EchonetObject;
import io.solarmrv.echonet.Property;
import java.util.Optional;

/**
 * A low-voltage smart electric energy meter (class 0x0288) at a home's grid connection ({@link
 * ElectricityMeter}: PV behind it, the household's load): 0xE0 and 0xE3 the cumulative energy
 * bought (normal direction) and sold (reverse), in counts of the unit 0xE1 times the coefficient
 * 0xD3, shown with 0xD7 effective digits and so rolling over at 10^digits; 0xE7 the net power (W,
 * negative while exporting); 0x8D its serial.
 */
public final class EchonetSmartMeter implements EchonetDevice {
    private final EchonetObject object;
    private final ElectricityMeter meter;
    private final long coefficient;
    private final int unitCode;
    private final int digits;
    private final long modulus;

    /**
     * @param coefficient 1 to 999,999 (0xD3)
     * @param unitCode    0xE1's code ({@link DeviceClasses#meterUnitMilliWh})
     * @param digits      1 to 8 effective digits (0xD7)
     */
    public EchonetSmartMeter(int instance, ElectricityMeter meter, long coefficient, int unitCode, int digits) {
        DeviceClasses.meterUnitMilliWh(unitCode);
        if (coefficient < 1 || coefficient > 999_999 || digits < 1 || digits > 8) {
            throw new IllegalArgumentException("coefficient 1 to 999999 and 1 to 8 digits, was " + coefficient + " and " + digits);
        }
        this.object = new EchonetObject(0x02, 0x88, instance);
        this.meter = meter;
        this.coefficient = coefficient;
        this.unitCode = unitCode;
        this.digits = digits;
        this.modulus = (long) Math.pow(10, digits);
    }

    @Override
    public EchonetObject object() {
        return object;
    }

    /** A register in Wh as the meter shows it: whole counts of (unit x coefficient), modulo 10^digits. */
    private long shown(long registerWh) {
        long countMilliWh = DeviceClasses.meterUnitMilliWh(unitCode) * coefficient;
        return Math.floorMod(Math.multiplyExact(registerWh, 1000L) / countMilliWh, modulus);
    }

    @Override
    public Optional<Property> get(int epc) {
        return switch (epc) {
            case DeviceClasses.METER_COEFFICIENT -> Optional.of(Property.unsigned(epc, coefficient, 4));
            case DeviceClasses.METER_EFFECTIVE_DIGITS -> Optional.of(Property.unsigned(epc, digits, 1));
            case DeviceClasses.METER_UNIT -> Optional.of(Property.unsigned(epc, unitCode, 1));
            case DeviceClasses.METER_CUMULATIVE_NORMAL -> Optional.of(Property.unsigned(epc, shown(meter.read().importRegisterWh()), 4));
            case DeviceClasses.METER_CUMULATIVE_REVERSE -> Optional.of(Property.unsigned(epc, shown(meter.read().exportRegisterWh()), 4));
            case DeviceClasses.METER_INSTANTANEOUS_W -> Optional.of(Property.unsigned(epc, meter.read().netPowerW() & 0xFFFFFFFFL, 4));
            case PRODUCTION_NUMBER -> Optional.of(EchonetDevice.productionNumber(meter.serialNumber()));
            default -> Optional.empty();
        };
    }
}
