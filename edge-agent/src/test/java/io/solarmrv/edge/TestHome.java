package io.solarmrv.edge;

import io.solarmrv.simulators.ElectricityMeter;
import io.solarmrv.simulators.InverterMeter;
import io.solarmrv.simulators.SimulatedInverter;
import java.time.Instant;

/** Household devices whose registers a test sets, for the simulated ECHONET Lite objects to report. */
final class TestHome {
    static final Instant T = Instant.parse("2026-07-01T03:00:00Z");

    private TestHome() {
    }

    /** A PV system whose register the test sets. */
    static final class Pv implements InverterMeter {
        volatile long registerWh;
        volatile long powerW = 2_750;

        @Override
        public SimulatedInverter.Snapshot read() {
            return new SimulatedInverter.Snapshot(T, powerW, registerWh);
        }

        @Override
        public String serialNumber() {
            return "PC-0001";
        }

        @Override
        public long nameplateW() {
            return 5_500;
        }
    }

    /** A home's grid connection whose registers the test sets. */
    static final class Grid implements ElectricityMeter {
        volatile long boughtWh;
        volatile long soldWh;
        volatile long netW = -1_200;

        @Override
        public Snapshot read() {
            return new Snapshot(T, netW, boughtWh, soldWh);
        }

        @Override
        public String serialNumber() {
            return "SM-0042";
        }

        @Override
        public long ratingW() {
            return 10_000;
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends java.time.Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

}
