/**
 * Simulated devices that speak the real protocols: a clear-sky PV inverter
 * ({@link io.solarmrv.simulators.SimulatedInverter}) laid out as SunSpec registers
 * ({@link io.solarmrv.simulators.SunSpecInverterRegisters}) and served by a Modbus TCP server
 * ({@link io.solarmrv.simulators.ModbusTcpServer}), running on an
 * {@link io.solarmrv.simulators.AcceleratedClock} for faster-than-real-time days.
 */
package io.solarmrv.simulators;
