package io.solarmrv.simulators;

import java.time.Clock;
import java.time.Instant;

/**
 * The revenue meter at a site's grid connection, behind which a PV system ({@link PowerProfile})
 * feeds a site load ({@link DailyLoadProfile}). Net power = demand - PV: positive is imported from
 * the grid, negative exported to it. Two cumulative registers, import and export, are integrated in
 * one-second steps of simulated time, lazily, as {@link SimulatedInverter} does; J-Credit EN-R-002
 * counts generation minus the export register's advance.
 */
public final class SimulatedSiteMeter implements ElectricityMeter {
    private final String serialNumber;
    private final PowerProfile pv;
    private final DailyLoadProfile load;
    private final Clock clock;
    private final StepIntegrator integrator;
    private double importWh;
    private double exportWh;

    public SimulatedSiteMeter(String serialNumber, PowerProfile pv, DailyLoadProfile load, Clock clock,
                              long initialImportWh, long initialExportWh) {
        this.serialNumber = serialNumber;
        this.pv = pv;
        this.load = load;
        this.clock = clock;
        this.integrator = new StepIntegrator(clock.millis());
        this.importWh = initialImportWh;
        this.exportWh = initialExportWh;
    }

    private double netW(Instant instant) {
        return load.demandW(instant) - pv.powerW(instant);
    }

    @Override
    public synchronized Snapshot read() {
        long now = clock.millis();
        integrator.advanceTo(now, (midpoint, hours) -> {
            double net = netW(midpoint);
            if (net >= 0) {
                importWh += net * hours;
            } else {
                exportWh -= net * hours;
            }
        });
        Instant time = Instant.ofEpochMilli(now);
        return new Snapshot(time, Math.round(netW(time)), (long) Math.floor(importWh), (long) Math.floor(exportWh));
    }

    @Override
    public String serialNumber() {
        return serialNumber;
    }

    /** The PV rating or the peak demand, whichever is larger. */
    @Override
    public long ratingW() {
        return (long) Math.max(pv.nameplateW(), load.baseW() + load.workingHoursW());
    }
}
