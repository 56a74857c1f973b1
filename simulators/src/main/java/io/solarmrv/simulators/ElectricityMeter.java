package io.solarmrv.simulators;

import java.time.Instant;

/**
 * What a SunSpec meter model shows ({@link SunSpecMeterRegisters}): net real power and the
 * cumulative import and export registers, whatever stands behind the meter (a site with PV and a
 * load, a chiller).
 */
public interface ElectricityMeter {
    /** A read: net power (W, positive when importing) and the import and export registers (whole Wh, rounded down). */
    record Snapshot(Instant time, long netPowerW, long importRegisterWh, long exportRegisterWh) {
    }

    Snapshot read();

    String serialNumber();

    /** The largest power the meter carries either way, for the SunSpec scale factor. */
    long ratingW();
}
