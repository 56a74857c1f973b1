package io.solarmrv.echonet;

/**
 * The device classes and property codes this project reads, as the APPENDIX "Detailed Requirements
 * for ECHONET Device objects" defines them. Energy registers count up in the units given and roll
 * over to 0 past their maximum (see {@link CumulativeRegister}).
 */
public final class DeviceClasses {
    private DeviceClasses() {
    }

    /** Household solar power generation (a PV power conditioner). */
    public static final int PV_POWER_CONDITIONER = 0x0279;
    /** 0xE0: measured instantaneous amount of electricity generated, W, 2 bytes unsigned. */
    public static final int PV_INSTANTANEOUS_W = 0xE0;
    /** 0xE1: measured cumulative amount of electric energy generated, 0.001 kWh (1 Wh), 4 bytes, up to 999,999.999 kWh. */
    public static final int PV_CUMULATIVE_GENERATED = 0xE1;
    /** The modulus in Wh of the 0.001 kWh registers (PV 0xE1, battery 0xA8/0xA9): they roll over past 999,999,999 Wh. */
    public static final long PV_REGISTER_MODULUS = 1_000_000_000L;

    /** Storage battery. */
    public static final int STORAGE_BATTERY = 0x027D;
    /** 0xA8: measured cumulative discharging electric energy, 0.001 kWh, 4 bytes. */
    public static final int BATTERY_CUMULATIVE_DISCHARGE = 0xA8;
    /** 0xA9: measured cumulative charging electric energy, 0.001 kWh, 4 bytes. */
    public static final int BATTERY_CUMULATIVE_CHARGE = 0xA9;
    /** 0xD3: measured instantaneous charging/discharging electric power, W, 4 bytes signed (charging positive). */
    public static final int BATTERY_INSTANTANEOUS_W = 0xD3;
    /** 0xE4: remaining stored electricity 3, percent of capacity, 1 byte. */
    public static final int BATTERY_STATE_OF_CHARGE = 0xE4;

    /** Low-voltage smart electric energy meter. */
    public static final int SMART_METER = 0x0288;
    /** 0xD3: coefficient the cumulative amounts are multiplied by, 4 bytes (1 to 999,999). */
    public static final int METER_COEFFICIENT = 0xD3;
    /** 0xD7: number of effective digits of the cumulative amounts, 1 byte (1 to 8): they roll over at 10^digits. */
    public static final int METER_EFFECTIVE_DIGITS = 0xD7;
    /** 0xE0: measured cumulative amount of electric energy, normal direction (bought), 4 bytes. */
    public static final int METER_CUMULATIVE_NORMAL = 0xE0;
    /** 0xE1: unit of the cumulative amounts, 1 byte ({@link #meterUnitMilliWh}). */
    public static final int METER_UNIT = 0xE1;
    /** 0xE3: measured cumulative amount of electric energy, reverse direction (sold, exported), 4 bytes. */
    public static final int METER_CUMULATIVE_REVERSE = 0xE3;
    /** 0xE7: measured instantaneous electric power, W, 4 bytes signed (negative when exporting). */
    public static final int METER_INSTANTANEOUS_W = 0xE7;

    /** Node profile: 0xD6, the self-node instance list S (count, then each EOJ). */
    public static final int NODE_INSTANCE_LIST = 0xD6;

    /**
     * One count of a smart meter's cumulative amounts in milliwatt-hours, for the unit code of EPC
     * 0xE1: 0x00 1 kWh, 0x01 0.1 kWh, 0x02 0.01, 0x03 0.001, 0x04 0.0001, 0x0A 10 kWh, 0x0B 100,
     * 0x0C 1,000, 0x0D 10,000. Any other code is refused.
     */
    public static long meterUnitMilliWh(int unitCode) {
        return switch (unitCode) {
            case 0x00 -> 1_000_000L;
            case 0x01 -> 100_000L;
            case 0x02 -> 10_000L;
            case 0x03 -> 1_000L;
            case 0x04 -> 100L;
            case 0x0A -> 10_000_000L;
            case 0x0B -> 100_000_000L;
            case 0x0C -> 1_000_000_000L;
            case 0x0D -> 10_000_000_000L;
            default -> throw new IllegalArgumentException(String.format("unit code 0x%02x (EPC 0xE1) is not one of 0x00-0x04, 0x0A-0x0D",
                    unitCode));
        };
    }
}
