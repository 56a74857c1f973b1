package io.solarmrv.edge;

import io.solarmrv.echonet.Frame;
import io.solarmrv.echonet.MalformedFrameException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * ECHONET Lite over UDP (port 3610 on a home's LAN): one socket, a request and its answer within the
 * timeout. Only datagrams from the device's own address and port are read; anything else a LAN sends
 * to the socket (a stranger's malformed frame, or a forged answer with the right TID) is ignored, so
 * it can neither fail a poll nor be taken for the device's answer.
 */
final class EchonetUdp implements EchonetTransport {
    private final InetSocketAddress address;
    private final int timeoutMillis;
    private final DatagramSocket socket;

    EchonetUdp(String host, int port, int timeoutMillis) {
        this.address = new InetSocketAddress(host, port);
        this.timeoutMillis = timeoutMillis;
        try {
            this.socket = new DatagramSocket();
        } catch (SocketException e) {
            throw new IllegalStateException("no UDP socket for ECHONET Lite: " + e.getMessage(), e);
        }
    }

    @Override
    public Frame exchange(Frame request, String device) throws DeviceException {
        byte[] bytes = request.encode();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, address));
            byte[] buffer = new byte[1500];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException();
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                if (!packet.getAddress().equals(address.getAddress()) || packet.getPort() != address.getPort()) {
                    continue;
                }
                Frame answer;
                try {
                    answer = Frame.decode(packet.getData(), packet.getLength());
                } catch (MalformedFrameException e) {
                    throw new DeviceException(device + " answered with a malformed frame: " + e.getMessage());
                }
                if (answer.tid() == request.tid() && answer.source().equals(request.destination())) {
                    return answer;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new DeviceException(device + ": no answer in " + timeoutMillis + " ms");
        } catch (IOException e) {
            throw new DeviceException(device + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String where() {
        return "at " + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
