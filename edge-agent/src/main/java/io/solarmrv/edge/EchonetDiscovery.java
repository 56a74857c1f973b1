package io.solarmrv.edge;

import io.solarmrv.echonet.DeviceClasses;
import io.solarmrv.echonet.EchonetObject;
import io.solarmrv.echonet.Esv;
import io.solarmrv.echonet.Frame;
import io.solarmrv.echonet.MalformedFrameException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a home's ECHONET Lite nodes and their device objects, for writing the agent's device lines:
 * a Get of the node profile's self-node instance list (0x0EF001, EPC 0xD6) sent to the ECHONET Lite
 * multicast group (224.0.23.0, port 3610, TTL 1: the home's LAN only) or to one node, and every
 * Get_Res that arrives within the wait, one per node. Datagrams that are not a well-formed answer to
 * this request are counted and skipped, never fatal.
 */
final class EchonetDiscovery {
    /** ECHONET Lite's multicast group. */
    static final String MULTICAST_GROUP = "224.0.23.0";
    /** The node profile's self-node instance list S (EPC 0xD6): a count, then 3 bytes per object. */
    static final int INSTANCE_LIST = 0xD6;

    /** A node that answered, where, with the device objects it lists. */
    record Node(InetSocketAddress address, List<EchonetObject> objects) {
    }

    /** What a discovery found, and how many datagrams it skipped. */
    record Result(List<Node> nodes, int skipped) {
    }

    private EchonetDiscovery() {
    }

    static Result discover(InetSocketAddress target, Duration wait) throws IOException {
        int tid = (int) (System.nanoTime() & 0xFFFF);
        byte[] request = Frame.get(tid, EchonetObject.NODE_PROFILE, INSTANCE_LIST).encode();
        Map<InetSocketAddress, Node> nodes = new LinkedHashMap<>();
        int skipped = 0;
        try (MulticastSocket socket = new MulticastSocket(0)) {
            socket.setTimeToLive(1);
            socket.send(new DatagramPacket(request, request.length, target));
            long deadline = System.nanoTime() + wait.toNanos();
            byte[] buffer = new byte[1500];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                List<EchonetObject> objects = instancesIn(packet, tid);
                if (objects == null) {
                    skipped++;
                } else {
                    InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
                    nodes.put(from, new Node(from, objects));
                }
            }
        }
        return new Result(List.copyOf(nodes.values()), skipped);
    }

    /** The objects a node's answer lists; null if the datagram is not a well-formed answer to this request. */
    static List<EchonetObject> instancesIn(DatagramPacket packet, int tid) {
        try {
            Frame answer = Frame.decode(packet.getData(), packet.getLength());
            if (answer.tid() != tid || answer.esv() != Esv.GET_RES || !answer.source().equals(EchonetObject.NODE_PROFILE)) {
                return null;
            }
            byte[] list = answer.property(INSTANCE_LIST).map(p -> p.edt()).orElse(null);
            if (list == null || list.length < 1 || list.length != 1 + 3 * (list[0] & 0xFF)) {
                return null;
            }
            List<EchonetObject> objects = new ArrayList<>();
            for (int i = 1; i < list.length; i += 3) {
                objects.add(new EchonetObject(list[i] & 0xFF, list[i + 1] & 0xFF, list[i + 2] & 0xFF));
            }
            return objects;
        } catch (MalformedFrameException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The agent's device lines for what was found: one per object of a class it reads (a PV power
     * conditioner, a storage battery, a low-voltage smart meter), named by class and address for the
     * operator to rename; the other objects as comments.
     */
    static List<String> deviceLines(Result result) {
        List<String> lines = new ArrayList<>();
        for (Node node : result.nodes()) {
            String host = node.address().getAddress().getHostAddress();
            for (EchonetObject object : node.objects()) {
                String where = host + ":" + node.address().getPort() + ":" + object;
                String kind = switch (object.classId()) {
                    case DeviceClasses.PV_POWER_CONDITIONER -> "pv";
                    case DeviceClasses.STORAGE_BATTERY -> "battery";
                    case DeviceClasses.SMART_METER -> "meter";
                    default -> null;
                };
                lines.add(kind == null ? "# " + where + ": class " + String.format("%04X", object.classId()) + " is not read by the agent"
                        : "device." + kind + "-" + host.replace('.', '-').replace(':', '-') + "-" + object + ".echonet=" + where);
            }
        }
        return lines;
    }

    /** The multicast group at ECHONET Lite's port, or one node. */
    static InetSocketAddress target(String host, int port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }
}
