/**
 * Simulated devices that speak the real protocols: a PV inverter
 * ({@link io.solarmrv.simulators.SimulatedInverter}) driven by clear-sky physics
 * ({@link io.solarmrv.simulators.ClearSkyPvModel}) or a measured series
 * ({@link io.solarmrv.simulators.MeasuredPowerProfile}), optionally misbehaving on a script
 * ({@link io.solarmrv.simulators.FaultInjectingInverter}), laid out as SunSpec registers
 * ({@link io.solarmrv.simulators.SunSpecInverterRegisters}) and served by a Modbus TCP server
 * ({@link io.solarmrv.simulators.ModbusTcpServer}), on an
 * {@link io.solarmrv.simulators.AcceleratedClock} for faster-than-real-time days. Japanese homes speak
 * ECHONET Lite: {@link io.solarmrv.simulators.EchonetHome} puts a PV power conditioner, a smart meter
 * and a storage battery ({@link io.solarmrv.simulators.SimulatedBattery}) on an
 * {@link io.solarmrv.simulators.EchonetNode} (UDP), and {@link io.solarmrv.simulators.RouteBDongle}
 * serves a smart meter over a Wi-SUN Route B dongle's serial line.
 */
package io.solarmrv.simulators;
