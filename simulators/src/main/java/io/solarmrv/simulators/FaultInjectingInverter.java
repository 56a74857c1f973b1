package io.solarmrv.simulators;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An inverter with a scripted list of {@link Fault}s applied to what it reports. Every fault that
 * shows in a read is recorded once in {@link #groundTruth()}, so quality checks and the agent's
 * failure handling can be scored against what really happened.
 */
public final class FaultInjectingInverter implements InverterMeter {
    private final InverterMeter device;
    private final List<Fault> faults;
    private final List<String> groundTruth = Collections.synchronizedList(new ArrayList<>());
    private SimulatedInverter.Snapshot frozen;
    private Fault frozenBy;
    private final java.util.Map<Fault, Long> driftStartRegister = new java.util.HashMap<>();
    private java.util.function.Consumer<String> onFault = line -> { };

    /** Protocol faults: the Modbus server stays silent or answers garbage. */
    public static final class ProtocolFault extends RuntimeException {
        private final Fault.Kind kind;

        ProtocolFault(Fault.Kind kind) {
            super(kind.name());
            this.kind = kind;
        }

        public Fault.Kind kind() {
            return kind;
        }
    }

    public FaultInjectingInverter(InverterMeter device, List<Fault> faults) {
        this.device = device;
        this.faults = List.copyOf(faults);
    }

    @Override
    public synchronized SimulatedInverter.Snapshot read() {
        SimulatedInverter.Snapshot truth = device.read();
        long power = truth.powerW();
        long register = truth.energyRegisterWh();
        for (Fault fault : faults) {
            if (!fault.activeAt(truth.time())) {
                if (fault == frozenBy) {
                    frozenBy = null;
                    frozen = null;
                }
                if (fault.kind() == Fault.Kind.ROLLBACK && !truth.time().isBefore(fault.until())) {
                    register -= (long) fault.magnitude();   // a swapped meter stays behind
                }
                continue;
            }
            record(fault);
            switch (fault.kind()) {
                case OUTAGE, MALFORMED -> throw new ProtocolFault(fault.kind());
                case STUCK -> {
                    if (frozenBy != fault) {
                        frozenBy = fault;
                        frozen = new SimulatedInverter.Snapshot(truth.time(), power, register);
                    }
                    return new SimulatedInverter.Snapshot(truth.time(), frozen.powerW(), frozen.energyRegisterWh());
                }
                case SPIKE, ABOVE_NAMEPLATE -> power = Math.round(power * fault.magnitude());
                case ROLLBACK -> register -= (long) fault.magnitude();
                case NIGHT_GENERATION -> power = truth.powerW() == 0 ? (long) fault.magnitude() : power;
                case DRIFT -> {
                    double share = fault.magnitude() * java.time.Duration.between(fault.from(), truth.time()).toMillis()
                            / java.time.Duration.between(fault.from(), fault.until()).toMillis();
                    long start = driftStartRegister.computeIfAbsent(fault, f -> truth.energyRegisterWh());
                    power = Math.round(power * (1 + share));
                    register += Math.round((truth.energyRegisterWh() - start) * share);
                }
                case SLOW -> {
                    try {
                        Thread.sleep((long) fault.magnitude());     // on the server's connection thread: the reply is late
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                default -> throw new IllegalStateException(fault.kind().name());
            }
        }
        return new SimulatedInverter.Snapshot(truth.time(), power, Math.max(0, register));
    }

    private void record(Fault fault) {
        String line = fault.kind() + " " + fault.from() + ".." + fault.until() + " on " + device.serialNumber();
        if (!groundTruth.contains(line)) {
            groundTruth.add(line);
            onFault.accept(line);
        }
    }

    /** Also tells {@code listener} each fault's ground-truth line when it first shows (e.g. to log it). */
    public FaultInjectingInverter onFault(java.util.function.Consumer<String> listener) {
        this.onFault = listener;
        return this;
    }

    /** The faults that have shown so far, one line each: kind, interval, device serial. */
    public List<String> groundTruth() {
        return List.copyOf(groundTruth);
    }

    @Override
    public String serialNumber() {
        return device.serialNumber();
    }

    @Override
    public long nameplateW() {
        return device.nameplateW();
    }
}
