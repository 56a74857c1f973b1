package io.solarmrv.simulators;

/** What a SunSpec inverter's registers show: its readings, serial number and AC rating. */
public interface InverterMeter {
    SimulatedInverter.Snapshot read();

    String serialNumber();

    long nameplateW();
}
