package io.solarmrv.edge;

import io.solarmrv.echonet.Frame;

/** Carries an ECHONET Lite request to a device and brings its answer back: UDP or Route B. */
interface EchonetTransport extends AutoCloseable {
    /**
     * Sends {@code request} and returns the device's answer to it (same TID, from the object asked);
     * answers to earlier requests are skipped. Silence, a malformed frame or a link failure is a
     * {@link DeviceException} starting with {@code device}.
     */
    Frame exchange(Frame request, String device) throws DeviceException;

    /** Where the device is reached, for messages: "at host:port", "over Route B on /dev/ttyUSB0". */
    String where();

    @Override
    void close();
}
