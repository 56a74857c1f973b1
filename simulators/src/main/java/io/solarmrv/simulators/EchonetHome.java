package io.solarmrv.simulators;

import java.net.SocketException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Japanese home on ECHONET Lite: its PV power conditioner (027901), its low-voltage smart meter
 * (028801, 0.1 kWh counts of 6 digits, as meters commonly report) behind PV, the household's load
 * and, optionally, a storage battery (027D01, 6.5 kWh, 2 kW, 95 % charging efficiency) that charges
 * from PV surplus and covers the evening. One {@link EchonetNode} serves them all.
 */
public final class EchonetHome {
    /** A household's demand: 300 W around the clock, 500 W more from 07:00 to 22:00. */
    public static DailyLoadProfile householdLoad(java.time.ZoneId zone) {
        return new DailyLoadProfile(300, 500, 7, 22, zone);
    }

    private EchonetHome() {
    }

    /** Starts the home's node on 127.0.0.1:{@code port}; serials are {@code <prefix>-PC}, {@code -SM}, {@code -BT}. */
    public static EchonetNode start(int port, String serialPrefix, PowerProfile pv, DailyLoadProfile load, Clock clock, boolean battery)
            throws SocketException {
        List<EchonetDevice> devices = new ArrayList<>();
        devices.add(new EchonetPvConditioner(1, new SimulatedInverter(serialPrefix + "-PC", pv, clock, 0)));
        PowerProfile behindMeter = pv;
        if (battery) {
            SimulatedBattery storage = new SimulatedBattery(pv, load, clock, 6_500, 2_000, 0.95, 0);
            devices.add(new EchonetStorageBattery(1, storage, serialPrefix + "-BT"));
            // What the meter sees: the load less whatever PV and battery together cover.
            behindMeter = new PowerProfile() {
                @Override
                public double powerW(Instant instant) {
                    return load.demandW(instant) - storage.gridPowerW(instant);
                }

                @Override
                public long nameplateW() {
                    return pv.nameplateW();
                }
            };
        }
        devices.add(new EchonetSmartMeter(1, new SimulatedSiteMeter(serialPrefix + "-SM", behindMeter, load, clock, 0, 0), 1, 0x01, 6));
        return EchonetNode.start(port, devices);
    }
}
