package io.solarmrv.edge;

/** Where a device answers: a Modbus TCP host, port and unit id, and the id it is registered under. */
public record DeviceEndpoint(String deviceId, String host, int port, int unitId) {
    public DeviceEndpoint {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("device id must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(deviceId + ": port must be in 1..65535, was " + port);
        }
        if (unitId < 0 || unitId > 255) {
            throw new IllegalArgumentException(deviceId + ": unit id must be in 0..255, was " + unitId);
        }
    }
}
