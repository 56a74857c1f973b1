package io.solarmrv.edge;

/** A device could not be read; the message names the device and what went wrong. */
public class DeviceException extends Exception {
    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
