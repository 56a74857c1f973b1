/**
 * The gateway agent: {@link io.solarmrv.edge.EdgeAgent} polls SunSpec devices over Modbus TCP
 * ({@link io.solarmrv.edge.SunSpecModbusReader}), signs and chains each reading, and publishes it
 * over MQTT v5 ({@link io.solarmrv.edge.MqttUpstream}).
 */
package io.solarmrv.edge;
