package io.solarmrv.simulators;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus TCP server (MBAP framing, function 03 "read holding registers") on 127.0.0.1 that
 * serves several devices on one port by unit id. Other functions answer exception 01, unmapped
 * registers exception 02, unknown unit ids exception 0B (gateway target failed to respond).
 */
public final class ModbusTcpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusTcpServer.class);
    private static final int READ_HOLDING_REGISTERS = 0x03;
    private static final int MAX_REGISTERS_PER_READ = 125;

    private final Map<Integer, HoldingRegisters> units;
    private final ServerSocket serverSocket;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    public ModbusTcpServer(int port, Map<Integer, HoldingRegisters> units) throws IOException {
        this.units = Map.copyOf(units);
        this.serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.acceptor = new Thread(this::acceptLoop, "modbus-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                Thread handler = new Thread(() -> serve(socket), "modbus-conn-" + socket.getPort());
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    LOG.warn("accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
             DataInputStream in = new DataInputStream(socket.getInputStream());
             DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
            while (true) {
                int transactionId = in.readUnsignedShort();
                int protocolId = in.readUnsignedShort();
                int length = in.readUnsignedShort();
                if (protocolId != 0 || length < 2 || length > 256) {
                    LOG.warn("closing connection: bad MBAP header (protocol {}, length {})", protocolId, length);
                    return;
                }
                int unitId = in.readUnsignedByte();
                byte[] pdu = new byte[length - 1];
                in.readFully(pdu);
                byte[] response;
                try {
                    response = handle(unitId, pdu);
                } catch (FaultInjectingInverter.ProtocolFault fault) {
                    if (fault.kind() == Fault.Kind.OUTAGE) {
                        continue;   // silence: the client times out
                    }
                    response = new byte[] {0x03, 0x7F, 0x00};   // malformed: byte count beyond the frame
                }
                // One write per frame: split writes meet Nagle and delayed ACKs (40 ms a reply).
                ByteBuffer frame = ByteBuffer.allocate(7 + response.length)
                        .putShort((short) transactionId).putShort((short) 0).putShort((short) (response.length + 1))
                        .put((byte) unitId).put(response);
                out.write(frame.array());
                out.flush();
            }
        } catch (EOFException | SocketException e) {
            // client went away
        } catch (IOException e) {
            LOG.warn("modbus connection failed: {}", e.toString());
        } finally {
            connections.remove(socket);
        }
    }

    private byte[] handle(int unitId, byte[] pdu) {
        int function = pdu[0] & 0xFF;
        HoldingRegisters unit = units.get(unitId);
        if (unit == null) {
            return exception(function, 0x0B);
        }
        if (function != READ_HOLDING_REGISTERS) {
            return exception(function, 0x01);
        }
        if (pdu.length != 5) {
            return exception(function, 0x03);
        }
        int address = (pdu[1] & 0xFF) << 8 | (pdu[2] & 0xFF);
        int count = (pdu[3] & 0xFF) << 8 | (pdu[4] & 0xFF);
        if (count < 1 || count > MAX_REGISTERS_PER_READ) {
            return exception(function, 0x03);
        }
        short[] registers;
        try {
            registers = unit.read(address, count);
        } catch (IllegalArgumentException e) {
            return exception(function, 0x02);
        }
        byte[] response = new byte[2 + 2 * count];
        response[0] = (byte) function;
        response[1] = (byte) (2 * count);
        for (int i = 0; i < count; i++) {
            response[2 + 2 * i] = (byte) (registers[i] >> 8);
            response[3 + 2 * i] = (byte) registers[i];
        }
        return response;
    }

    private static byte[] exception(int function, int code) {
        return new byte[] {(byte) (function | 0x80), (byte) code};
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }
}
