package io.solarmrv.edge;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.solarmrv.echonet.Frame;
import io.solarmrv.echonet.MalformedFrameException;
import java.util.Arrays;

/**
 * Whatever a home's devices (or anyone on its LAN, or a Route B dongle) send the agent as an
 * ECHONET Lite frame: decoded into a frame that encodes back to exactly those bytes, or refused as a
 * {@link MalformedFrameException} saying why; nothing else.
 */
class EchonetFrameFuzzTest {
    @FuzzTest(maxExecutions = 1_000_000)
    void frames(byte[] datagram) {
        try {
            Frame frame = Frame.decode(datagram, datagram.length);
            if (!Arrays.equals(datagram, frame.encode())) {
                throw new AssertionError("decoded " + frame + " but it encodes to other bytes");
            }
        } catch (MalformedFrameException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("refused without saying why", e);
            }
        }
    }
}
