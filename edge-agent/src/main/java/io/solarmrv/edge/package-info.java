/**
 * The gateway agent: {@link io.solarmrv.edge.EdgeAgent} polls SunSpec devices over Modbus TCP
 * ({@link io.solarmrv.edge.SunSpecModbusReader}, supervised per device by
 * {@link io.solarmrv.edge.DeviceHealth}), signs and chains each reading, and appends it to the
 * durable store ({@link io.solarmrv.edge.store}); a forwarder publishes it over MQTT v5
 * ({@link io.solarmrv.edge.MqttUpstream}). Settings: {@link io.solarmrv.edge.AgentConfig}; the
 * gateway key on disk: {@link io.solarmrv.edge.GatewayKeyFile};
 * monitoring: {@link io.solarmrv.edge.HealthServer}.
 */
package io.solarmrv.edge;
