package io.solarmrv.simulators;

import java.time.Clock;
import java.time.Instant;

/**
 * A home storage battery that follows the house, the way a self-consumption controller runs it: it
 * charges from PV surplus (PV above the load) and discharges to cover the load when PV falls short,
 * each at most {@code maxPowerW}, between empty and {@code capacityWh}, with a round-trip loss
 * taken on charging. Integrated lazily in one-second steps of simulated time, like the meters; its
 * cumulative charge and discharge registers (AC side, Wh) are what ECHONET Lite's 0xA9 and 0xA8
 * report. It never charges from the grid: {@link #gridPowerW} is what the grid meter sees behind
 * PV, load and battery.
 */
public final class SimulatedBattery {
    private final PowerProfile pv;
    private final DailyLoadProfile load;
    private final Clock clock;
    private final double capacityWh;
    private final double maxPowerW;
    private final double chargeEfficiency;
    private final StepIntegrator integrator;
    private double storedWh;
    private double chargedWh;
    private double dischargedWh;

    public SimulatedBattery(PowerProfile pv, DailyLoadProfile load, Clock clock, double capacityWh, double maxPowerW,
                            double chargeEfficiency, double initialStoredWh) {
        if (capacityWh <= 0 || maxPowerW <= 0 || chargeEfficiency <= 0 || chargeEfficiency > 1 || initialStoredWh < 0
                || initialStoredWh > capacityWh) {
            throw new IllegalArgumentException("battery: capacity " + capacityWh + " Wh, " + maxPowerW + " W, efficiency "
                    + chargeEfficiency + ", holding " + initialStoredWh + " Wh is not a battery");
        }
        this.pv = pv;
        this.load = load;
        this.clock = clock;
        this.capacityWh = capacityWh;
        this.maxPowerW = maxPowerW;
        this.chargeEfficiency = chargeEfficiency;
        this.integrator = new StepIntegrator(clock.millis());
        this.storedWh = initialStoredWh;
    }

    /** The battery's AC power if it were at {@code storedWh} at this instant: positive charging, negative discharging. */
    private double batteryW(Instant instant, double stored) {
        double surplus = pv.powerW(instant) - load.demandW(instant);
        if (surplus > 0) {
            return stored < capacityWh ? Math.min(surplus, maxPowerW) : 0;
        }
        return stored > 0 ? -Math.min(-surplus, maxPowerW) : 0;
    }

    private void advance(long now) {
        integrator.advanceTo(now, (midpoint, hours) -> {
            double w = batteryW(midpoint, storedWh);
            if (w > 0) {
                double in = Math.min(w * hours, (capacityWh - storedWh) / chargeEfficiency);
                chargedWh += in;
                storedWh += in * chargeEfficiency;
            } else if (w < 0) {
                double out = Math.min(-w * hours, storedWh);
                dischargedWh += out;
                storedWh -= out;
            }
        });
    }

    /** A read: state of charge (%), charge and discharge registers (whole Wh, rounded down), power now (W, + charging). */
    public record Snapshot(Instant time, int stateOfChargePercent, long chargeRegisterWh, long dischargeRegisterWh, long powerW) {
    }

    public synchronized Snapshot read() {
        long now = clock.millis();
        advance(now);
        Instant time = Instant.ofEpochMilli(now);
        return new Snapshot(time, (int) Math.floor(100 * storedWh / capacityWh), (long) Math.floor(chargedWh),
                (long) Math.floor(dischargedWh), Math.round(batteryW(time, storedWh)));
    }

    /**
     * What the home's grid meter carries at this instant behind PV, load and battery (positive
     * importing): the load, less PV, plus the battery's charging. Read in time order by the meter.
     */
    synchronized double gridPowerW(Instant instant) {
        advance(instant.toEpochMilli());
        return load.demandW(instant) - pv.powerW(instant) + batteryW(instant, storedWh);
    }
}
