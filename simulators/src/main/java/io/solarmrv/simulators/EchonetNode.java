package io.solarmrv.simulators;

import io.solarmrv.echonet.DeviceClasses;
import io.solarmrv.echonet.EchonetObject;
import io.solarmrv.echonet.Esv;
import io.solarmrv.echonet.Frame;
import io.solarmrv.echonet.MalformedFrameException;
import io.solarmrv.echonet.Property;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A home's ECHONET Lite node on UDP (127.0.0.1, the standard port 3610 or another): its node profile
 * (0x0EF001) answers node discovery with the instance list (0xD6), and each hosted {@link
 * EchonetDevice} answers a Get with a Get_Res, or a Get_SNA naming (without data) the properties it
 * does not have. Other requests get their SNA; malformed datagrams are counted and dropped, as a
 * device would. {@link #behave} injects a device's faults: silence, a Get_SNA for everything, or
 * bytes that are no frame.
 */
public final class EchonetNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EchonetNode.class);

    /** How the node answers: as specified, or with one of a device's faults. */
    public enum Behaviour { NORMAL, SILENT, NOT_AVAILABLE, MALFORMED }

    private final DatagramSocket socket;
    private final Map<EchonetObject, EchonetDevice> devices = new LinkedHashMap<>();
    private final Thread thread;
    private final AtomicLong malformed = new AtomicLong();
    private volatile Behaviour behaviour = Behaviour.NORMAL;

    private EchonetNode(DatagramSocket socket, List<EchonetDevice> hosted) {
        this.socket = socket;
        for (EchonetDevice device : hosted) {
            if (devices.putIfAbsent(device.object(), device) != null) {
                throw new IllegalArgumentException("two devices at EOJ " + device.object());
            }
        }
        this.thread = new Thread(this::serve, "echonet-node-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** A node on 127.0.0.1:{@code port} (0: any free port) hosting these devices. */
    public static EchonetNode start(int port, List<EchonetDevice> devices) throws SocketException {
        if (devices.isEmpty() || devices.size() > 84) {
            throw new IllegalArgumentException("a node hosts 1 to 84 device objects (one instance list), was " + devices.size());
        }
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
                    : answer(request, now == Behaviour.NOT_AVAILABLE).map(Frame::encode).orElse(null);
            if (answer != null) {
                try {
                    socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                } catch (IOException e) {
                    LOG.debug("could not answer {}: {}", packet.getSocketAddress(), e.getMessage());
                }
            }
        }
    }

    /** The answer to a request, if it gets one (responses and notifications sent to the node get none). */
    Optional<Frame> answer(Frame request, boolean nothingAvailable) {
        EchonetObject target = request.destination();
        if (target.equals(EchonetObject.NODE_PROFILE) && request.esv() == Esv.GET) {
            List<Property> answered = new ArrayList<>();
            boolean all = true;
            for (Property asked : request.properties()) {
                if (asked.epc() == DeviceClasses.NODE_INSTANCE_LIST && !nothingAvailable) {
                    answered.add(new Property(asked.epc(), instanceList()));
                } else {
                    answered.add(Property.request(asked.epc()));
                    all = false;
                }
            }
            return Optional.of(new Frame(request.tid(), target, request.source(), all ? Esv.GET_RES : Esv.GET_SNA, answered));
        }
        EchonetDevice device = devices.get(target);
        if (device == null) {
            return Optional.empty();   // not an object of this node: a device stays silent
        }
        return switch (request.esv()) {
            case GET -> {
                List<Property> answered = new ArrayList<>();
                boolean all = true;
                for (Property asked : request.properties()) {
                    Optional<Property> value = nothingAvailable ? Optional.empty() : device.get(asked.epc());
                    answered.add(value.orElse(Property.request(asked.epc())));
                    all &= value.isPresent();
                }
                yield Optional.of(new Frame(request.tid(), target, request.source(), all ? Esv.GET_RES : Esv.GET_SNA, answered));
            }
            case SET_C -> Optional.of(new Frame(request.tid(), target, request.source(), Esv.SET_C_SNA, request.properties()));
            case SET_I -> Optional.of(new Frame(request.tid(), target, request.source(), Esv.SET_I_SNA, request.properties()));
            case INF_REQ -> Optional.of(new Frame(request.tid(), target, request.source(), Esv.INF_SNA, request.properties()));
            default -> Optional.empty();
        };
    }

    private byte[] instanceList() {
        byte[] list = new byte[1 + 3 * devices.size()];
        list[0] = (byte) devices.size();
        int at = 1;
        for (EchonetObject object : devices.keySet()) {
            list[at++] = (byte) object.classGroup();
            list[at++] = (byte) object.classCode();
            list[at++] = (byte) object.instance();
        }
        return list;
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
