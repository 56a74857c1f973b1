package io.solarmrv.echonet;

/** Bytes that are not an ECHONET Lite frame this codec accepts; the message names what is wrong and where. */
public final class MalformedFrameException extends Exception {
    public MalformedFrameException(String message) {
        super(message);
    }
}
