package io.solarmrv.simulators;

import java.time.Clock;
import java.time.Instant;

/**
 * A PV inverter with a cumulative AC energy register, driven by a {@link PowerProfile} (clear-sky
 * physics or a measured series). Energy is integrated from the power model
 * in one-second steps of simulated time, lazily up to the clock's current instant, so the register
 * is the same however often (or rarely) the device is read.
 */
public final class SimulatedInverter implements InverterMeter {
    private final String serialNumber;
    private final PowerProfile model;
    private final Clock clock;
    private final StepIntegrator integrator;
    private double energyWh;

    public SimulatedInverter(String serialNumber, PowerProfile model, Clock clock, long initialRegisterWh) {
        this.serialNumber = serialNumber;
        this.model = model;
        this.clock = clock;
        this.integrator = new StepIntegrator(clock.millis());
        this.energyWh = initialRegisterWh;
    }

    /** What a meter read shows now: whole watts and whole watt-hours (the register rounds down). */
    public record Snapshot(Instant time, long powerW, long energyRegisterWh) {
    }

    @Override
    public synchronized Snapshot read() {
        long now = clock.millis();
        integrator.advanceTo(now, (midpoint, hours) -> energyWh += model.powerW(midpoint) * hours);
        Instant time = Instant.ofEpochMilli(now);
        return new Snapshot(time, Math.round(model.powerW(time)), (long) Math.floor(energyWh));
    }

    @Override
    public String serialNumber() {
        return serialNumber;
    }

    @Override
    public long nameplateW() {
        return model.nameplateW();
    }
}
