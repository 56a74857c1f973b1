/**
 * The gateway agent. It starts itself ({@link io.solarmrv.edge.AgentMain}, the gateway distribution's
 * {@code bin/solar-mrv-agent}; {@code ./mrv agent} dispatches to the same
 * {@link io.solarmrv.edge.AgentCommand}), and {@link io.solarmrv.edge.Agent} builds the running agent
 * from its settings ({@link io.solarmrv.edge.AgentConfig}) and key
 * ({@link io.solarmrv.edge.GatewayKeyFile}): {@link io.solarmrv.edge.EdgeAgent} polls each device
 * through its {@link io.solarmrv.edge.DeviceReader} (SunSpec over Modbus TCP or RTU,
 * {@link io.solarmrv.edge.SunSpecModbusReader}; CoAP, {@link io.solarmrv.edge.CoapObserveReader};
 * ECHONET Lite over UDP or Route B, {@link io.solarmrv.edge.EchonetLiteReader}), supervised per device
 * by {@link io.solarmrv.edge.DeviceHealth}; signs and chains each reading and appends it to the
 * durable store ({@link io.solarmrv.edge.store}); a forwarder publishes it over MQTT v5
 * ({@link io.solarmrv.edge.MqttUpstream}) or CoAP. Monitoring: {@link io.solarmrv.edge.HealthServer}.
 */
package io.solarmrv.edge;
