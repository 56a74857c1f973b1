package io.solarmrv.edge;

import com.fazecast.jSerialComm.SerialPort;
import io.solarmrv.echonet.Frame;
import io.solarmrv.echonet.MalformedFrameException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * ECHONET Lite to a low-voltage smart meter over Route B: a Wi-SUN USB dongle on a serial line
 * (115200 8N1) driven with SKSTACK IP commands. Before the first exchange, and again after a link
 * failure, it joins the meter: echo off ({@code SKSREG SFE 0}), the B-route password and ID
 * ({@code SKSETPWD C}, {@code SKSETRBID}), an active scan for the meter's PAN ({@code SKSCAN}: its
 * channel, PAN id and MAC), {@code SKSREG S2}/{@code S3}, the meter's link-local address ({@code
 * SKLL64}) and the PANA join ({@code SKJOIN}, EVENT 25 joined, EVENT 24 refused). A request goes as
 * {@code SKSENDTO} to UDP port 3610 (0E1A); the answer comes back as an {@code ERXUDP} line in hex.
 *
 * <p>The B-route ID (32 characters) and password (12), which the utility issues per meter, are read
 * from a file of two lines that only its owner may read; they never appear in a message.
 */
final class RouteBLink implements EchonetTransport {
    private static final int SCAN_SECONDS = 30;

    private final String portName;
    private final Path credentials;
    private final int timeoutMillis;
    private SerialPort port;
    private String routeBId;
    private String password;
    private String meterAddress;

    /** A link over the dongle on {@code portName}; the port is opened and the credentials read on the first exchange. */
    RouteBLink(String portName, Path credentials, int timeoutMillis) {
        this.portName = portName;
        this.credentials = credentials;
        this.timeoutMillis = timeoutMillis;
    }

    /** Reads the credentials and opens the port; a failure is a device error, tried again at the next poll. */
    private void connect(String device) throws DeviceException {
        List<String> lines;
        try {
            if (GatewayKeyFile.othersMayRead(credentials)) {
                throw new DeviceException(device + ": Route B credentials " + credentials + " may be read by others than their owner:"
                        + " chmod 600 it");
            }
            lines = Files.readAllLines(credentials, StandardCharsets.US_ASCII).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new DeviceException(device + ": Route B credentials " + credentials + " cannot be read: " + e.getMessage(), e);
        }
        if (lines.size() != 2 || !lines.get(0).matches("[0-9A-Za-z]{32}") || !lines.get(1).matches("[0-9A-Za-z]{12}")) {
            throw new DeviceException(device + ": Route B credentials " + credentials + " must hold two lines: the 32-character"
                    + " B-route ID, then the 12-character password");
        }
        SerialPort opened = SerialPort.getCommPort(portName);
        opened.setComPortParameters(115_200, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        opened.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
        if (!opened.openPort()) {
            throw new DeviceException(device + ": the Route B dongle's serial port " + portName + " cannot be opened");
        }
        routeBId = lines.get(0);
        password = lines.get(1);
        port = opened;
    }

    @Override
    public synchronized Frame exchange(Frame request, String device) throws DeviceException {
        if (port == null) {
            connect(device);
        }
        try {
            if (meterAddress == null) {
                join(device);
            }
            byte[] frame = request.encode();
            OutputStream out = port.getOutputStream();
            out.write(String.format("SKSENDTO 1 %s 0E1A 1 0 %04X ", meterAddress, frame.length).getBytes(StandardCharsets.US_ASCII));
            out.write(frame);
            out.flush();
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            for (String line = readLine(deadline); line != null; line = readLine(deadline)) {
                if (line.startsWith("FAIL")) {
                    meterAddress = null;   // join again next time
                    throw new DeviceException(device + ": the dongle refused to send (" + line + ")");
                }
                if (!line.startsWith("ERXUDP ")) {
                    continue;   // EVENT 21 (sent), OK
                }
                String[] words = line.split(" ");
                if (words.length != 9 || !words[3].equals("0E1A")) {
                    continue;   // not ECHONET Lite
                }
                byte[] data;
                try {
                    data = HexFormat.of().parseHex(words[8]);
                } catch (IllegalArgumentException e) {
                    throw new DeviceException(device + ": the dongle's ERXUDP data is not hex");
                }
                Frame answer;
                try {
                    answer = Frame.decode(data, data.length);
                } catch (MalformedFrameException e) {
                    throw new DeviceException(device + " answered with a malformed frame: " + e.getMessage());
                }
                if (answer.tid() == request.tid() && answer.source().equals(request.destination())) {
                    return answer;
                }
            }
            throw new DeviceException(device + ": no answer in " + timeoutMillis + " ms");
        } catch (IOException e) {
            meterAddress = null;
            throw new DeviceException(device + ": Route B link on " + portName + " failed: " + e.getMessage(), e);
        }
    }

    private void join(String device) throws IOException, DeviceException {
        command("SKSREG SFE 0", device);
        command("SKSETPWD C " + password, device);
        command("SKSETRBID " + routeBId, device);
        send("SKSCAN 2 FFFFFFFF 6 0");
        long scanDeadline = System.nanoTime() + SCAN_SECONDS * 1_000_000_000L;
        String channel = null;
        String panId = null;
        String mac = null;
        for (String line = readLine(scanDeadline); line != null; line = readLine(scanDeadline)) {
            String field = line.strip();
            if (field.startsWith("Channel:")) {
                channel = field.substring("Channel:".length());
            } else if (field.startsWith("Pan ID:")) {
                panId = field.substring("Pan ID:".length());
            } else if (field.startsWith("Addr:")) {
                mac = field.substring("Addr:".length());
            } else if (field.startsWith("EVENT 22")) {
                break;
            }
        }
        if (channel == null || panId == null || mac == null) {
            throw new DeviceException(device + ": no smart meter answered the Route B active scan on " + portName);
        }
        command("SKSREG S2 " + channel, device);
        command("SKSREG S3 " + panId, device);
        send("SKLL64 " + mac);
        String address = readLine(System.nanoTime() + timeoutMillis * 1_000_000L);
        if (address == null || !address.matches("FE80(:[0-9A-F]{4}){7}")) {
            throw new DeviceException(device + ": the dongle gave no link-local address for meter " + mac);
        }
        command("SKJOIN " + address, device);
        long joinDeadline = System.nanoTime() + SCAN_SECONDS * 1_000_000_000L;
        for (String line = readLine(joinDeadline); line != null; line = readLine(joinDeadline)) {
            if (line.startsWith("EVENT 25")) {
                meterAddress = address;
                return;
            }
            if (line.startsWith("EVENT 24")) {
                throw new DeviceException(device + ": the meter refused the Route B join (EVENT 24): check the B-route ID and password");
            }
        }
        throw new DeviceException(device + ": the Route B join did not complete in " + SCAN_SECONDS + " s");
    }

    /** Sends a command and waits for its OK (skipping an echo); FAIL or silence is a device error naming the command's verb. */
    private void command(String command, String device) throws IOException, DeviceException {
        send(command);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        for (String line = readLine(deadline); line != null; line = readLine(deadline)) {
            if (line.equals("OK")) {
                return;
            }
            if (line.startsWith("FAIL")) {
                throw new DeviceException(device + ": the dongle answered " + command.split(" ")[0] + " with " + line);
            }
        }
        throw new DeviceException(device + ": the dongle did not answer " + command.split(" ")[0] + " in " + timeoutMillis + " ms");
    }

    private void send(String command) throws IOException {
        OutputStream out = port.getOutputStream();
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The next line from the dongle without its CRLF, or null at the deadline. */
    private String readLine(long deadline) throws IOException {
        InputStream in = port.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (System.nanoTime() < deadline) {
            int b;
            try {
                b = in.read();
            } catch (com.fazecast.jSerialComm.SerialPortTimeoutException e) {
                continue;
            }
            if (b < 0) {
                continue;
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
            if (line.size() > 4096) {
                throw new IOException("a line from the dongle is over 4,096 bytes");
            }
        }
        return null;
    }

    @Override
    public String where() {
        return "over Route B on " + portName;
    }

    @Override
    public synchronized void close() {
        if (port != null) {
            port.closePort();
        }
    }
}
