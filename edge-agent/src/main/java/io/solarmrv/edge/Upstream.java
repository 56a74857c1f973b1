package io.solarmrv.edge;

import java.util.List;

/**
 * Where stored readings go: {@link #publishStored} returns only once the other side has taken
 * them (MQTT PUBACK, CoAP 2.04) and throws otherwise, so the forwarder keeps them for the next try.
 */
public interface Upstream extends AutoCloseable {
    /** One stored reading alone, or several as one bundle; returns once acknowledged. */
    void publishStored(List<byte[]> storedReadings) throws Exception;
}
