package io.solarmrv.simulators;

import java.time.Clock;
import java.time.Instant;

/**
 * An efficient chiller (or inverter air conditioner) behind its own electricity meter, for the
 * metered-equipment methodologies (JCM TH_AM005 / ID_AM002 family: RE = EC_PJ x COP_PJ / COP_RE x
 * EF). It meets a cooling demand ({@link DailyLoadProfile}, thermal W) at a coefficient of
 * performance that falls at part load: COP(part) = ratedCop x (0.85 + 0.15 x part), part being
 * demand over capacity (a common simplification of part-load curves). Electricity drawn is
 * demand / COP, integrated into the import register in one-second steps, lazily; it never exports.
 */
public final class SimulatedChiller implements ElectricityMeter {
    private final String serialNumber;
    private final DailyLoadProfile coolingDemand;
    private final double capacityW;
    private final double ratedCop;
    private final Clock clock;
    private final StepIntegrator integrator;
    private double consumedWh;

    public SimulatedChiller(String serialNumber, DailyLoadProfile coolingDemand, double capacityW, double ratedCop, Clock clock,
                            long initialRegisterWh) {
        if (capacityW <= 0 || ratedCop <= 0) {
            throw new IllegalArgumentException("capacity and COP must be > 0, were " + capacityW + " W and " + ratedCop);
        }
        this.serialNumber = serialNumber;
        this.coolingDemand = coolingDemand;
        this.capacityW = capacityW;
        this.ratedCop = ratedCop;
        this.clock = clock;
        this.integrator = new StepIntegrator(clock.millis());
        this.consumedWh = initialRegisterWh;
    }

    /** Cooling delivered at this instant: the demand, up to the chiller's capacity (thermal W). */
    public double coolingW(Instant instant) {
        return Math.min(capacityW, coolingDemand.demandW(instant));
    }

    /** The coefficient of performance at this instant's part load. */
    public double cop(Instant instant) {
        return ratedCop * (0.85 + 0.15 * coolingW(instant) / capacityW);
    }

    /** Electricity drawn at this instant, W. */
    public double electricW(Instant instant) {
        return coolingW(instant) / cop(instant);
    }

    @Override
    public synchronized Snapshot read() {
        long now = clock.millis();
        integrator.advanceTo(now, (midpoint, hours) -> consumedWh += electricW(midpoint) * hours);
        Instant time = Instant.ofEpochMilli(now);
        return new Snapshot(time, Math.round(electricW(time)), (long) Math.floor(consumedWh), 0);
    }

    @Override
    public String serialNumber() {
        return serialNumber;
    }

    @Override
    public long ratingW() {
        return (long) Math.ceil(capacityW / (ratedCop * 0.85));
    }
}
