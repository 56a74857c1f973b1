package io.solarmrv.simulators;

import io.solarmrv.echonet.Frame;
import io.solarmrv.echonet.MalformedFrameException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A home's ECHONET Lite node on UDP (127.0.0.1, the standard port 3610 or another), answering as
 * {@link EchonetResponder} says (node discovery, Gets, SNAs); malformed datagrams are counted and
 * dropped, as a device would. {@link #behave} injects a device's faults: silence, a Get_SNA for everything, or
 * bytes that are no frame.
 */
public final class EchonetNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EchonetNode.class);

    /** How the node answers: as specified, or with one of a device's faults. */
    public enum Behaviour { NORMAL, SILENT, NOT_AVAILABLE, MALFORMED }

    private final DatagramSocket socket;
    private final EchonetResponder responder;
    private final Thread thread;
    private final AtomicLong malformed = new AtomicLong();
    private volatile Behaviour behaviour = Behaviour.NORMAL;

    private EchonetNode(DatagramSocket socket, List<EchonetDevice> hosted) {
        this.socket = socket;
        this.responder = new EchonetResponder(hosted);
        this.thread = new Thread(this::serve, "echonet-node-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** A node on 127.0.0.1:{@code port} (0: any free port) hosting these devices. */
    public static EchonetNode start(int port, List<EchonetDevice> devices) throws SocketException {
        try {
            return new EchonetNode(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)), devices);
        } catch (SocketException e) {
            throw new SocketException("cannot listen for ECHONET Lite on 127.0.0.1:" + port + ": " + e.getMessage());
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** From now on the node answers so. */
    public void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** Datagrams received that were no frame. */
    public long malformedReceived() {
        return malformed.get();
    }

    private void serve() {
        byte[] buffer = new byte[1500];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;   // closed
            }
            Frame request;
            try {
                request = Frame.decode(packet.getData(), packet.getLength());
            } catch (MalformedFrameException e) {
                malformed.incrementAndGet();
                LOG.debug("dropped a datagram from {}: {}", packet.getSocketAddress(), e.getMessage());
                continue;
            }
            Behaviour now = behaviour;
            if (now == Behaviour.SILENT) {
                continue;
            }
            byte[] answer = now == Behaviour.MALFORMED ? new byte[] {0x10, (byte) 0x81, 0, 1, 2, 3}
                    : responder.answer(request, now == Behaviour.NOT_AVAILABLE).map(Frame::encode).orElse(null);
            if (answer != null) {
                try {
                    socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                } catch (IOException e) {
                    LOG.debug("could not answer {}: {}", packet.getSocketAddress(), e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
