package io.solarmrv.simulators;

import com.fazecast.jSerialComm.SerialPort;
import io.solarmrv.echonet.EchonetObject;
import io.solarmrv.echonet.Frame;
import io.solarmrv.echonet.MalformedFrameException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Wi-SUN Route B USB dongle on a serial line, with a home's low-voltage smart meter behind it:
 * it answers the SKSTACK IP commands a HEMS controller uses to reach the meter over Route B (the
 * B-route password and ID, an active scan finding the meter's PAN, the channel and PAN id
 * registers, the meter's link-local address, the PANA join, UDP to port 3610 carrying ECHONET
 * Lite) as such dongles do: each command answered {@code OK} or {@code FAIL ERxx}, events as
 * {@code EVENT nn}, the meter's frames as {@code ERXUDP} lines in hex. Commands are echoed until
 * {@code SKSREG SFE 0}. A join with the wrong B-route ID or password fails ({@code EVENT 24}), as the
 * meter's PANA authentication would.
 */
public final class RouteBDongle implements AutoCloseable {
    private static final Pattern SENDTO = Pattern.compile("SKSENDTO 1 (\\S+) 0E1A 1 0 ([0-9A-F]{4}) ");
    private static final String CHANNEL = "21";
    private static final String PAN_ID = "8888";

    private final SerialPort port;
    private final String routeBId;
    private final String password;
    private final EchonetResponder meter;
    private final String meterMac;
    private final String meterAddress;
    private final String ownAddress = "FE80:0000:0000:0000:021D:1290:0000:0001";
    private final Thread thread;
    private volatile boolean running = true;
    private boolean echo = true;
    private String givenPassword;
    private String givenId;
    private boolean joined;

    /**
     * @param serialPort the dongle's end of the line (e.g. one end of a socat pty pair)
     * @param routeBId   the 32-character B-route ID the utility issued for this meter
     * @param password   its 12-character password
     * @param meterMac   the meter's 64-bit MAC, 16 hex digits
     */
    public RouteBDongle(String serialPort, String routeBId, String password, EchonetSmartMeter meter, String meterMac) {
        if (!meterMac.matches("[0-9A-F]{16}")) {
            throw new IllegalArgumentException("a meter's MAC is 16 upper-case hex digits, was " + meterMac);
        }
        this.routeBId = routeBId;
        this.password = password;
        this.meter = new EchonetResponder(List.of(meter));
        this.meterMac = meterMac;
        this.meterAddress = linkLocal(meterMac);
        this.port = SerialPort.getCommPort(serialPort);
        port.setComPortParameters(115_200, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 200, 0);
        if (!port.openPort()) {
            throw new IllegalStateException("cannot open the dongle's serial port " + serialPort);
        }
        this.thread = new Thread(this::serve, "route-b-dongle");
        thread.setDaemon(true);
        thread.start();
    }

    /** The IPv6 link-local address of a MAC, as SKLL64 answers it: fe80::/64 and the MAC with its universal/local bit flipped. */
    static String linkLocal(String mac) {
        byte[] b = HexFormat.of().parseHex(mac);
        b[0] ^= 0x02;
        StringBuilder address = new StringBuilder("FE80:0000:0000:0000");
        for (int i = 0; i < 8; i += 2) {
            address.append(':').append(String.format("%02X%02X", b[i], b[i + 1]));
        }
        return address.toString();
    }

    private void serve() {
        InputStream in = port.getInputStream();
        OutputStream out = port.getOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (running) {
            try {
                int b = in.read();
                if (b < 0) {
                    continue;
                }
                line.write(b);
                String text = line.toString(StandardCharsets.US_ASCII);
                Matcher sendTo = SENDTO.matcher(text);
                if (sendTo.matches()) {
                    byte[] data = in.readNBytes(Integer.parseInt(sendTo.group(2), 16));
                    line.reset();
                    sendTo(out, sendTo.group(1), data);
                } else if (text.endsWith("\r\n")) {
                    line.reset();
                    command(out, text.strip());
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    line.reset();
                }
            }
        }
    }

    private void command(OutputStream out, String command) throws IOException {
        if (command.isEmpty()) {
            return;
        }
        if (echo) {
            write(out, command);
        }
        String[] words = command.split(" ");
        switch (words[0]) {
            case "SKSREG" -> {
                if (words.length == 3 && words[1].equals("SFE")) {
                    echo = !words[2].equals("0");
                }
                write(out, words.length == 3 ? "OK" : "FAIL ER06");
            }
            case "SKSETPWD" -> {
                givenPassword = words.length == 3 ? words[2] : null;
                write(out, givenPassword != null ? "OK" : "FAIL ER06");
            }
            case "SKSETRBID" -> {
                givenId = words.length == 2 ? words[1] : null;
                write(out, givenId != null ? "OK" : "FAIL ER06");
            }
            case "SKSCAN" -> {
                write(out, "OK");
                write(out, "EVENT 20 " + meterAddress);
                write(out, "EPANDESC");
                write(out, "  Channel:" + CHANNEL);
                write(out, "  Channel Page:09");
                write(out, "  Pan ID:" + PAN_ID);
                write(out, "  Addr:" + meterMac);
                write(out, "  LQI:E1");
                write(out, "  PairID:00A1B2C3");
                write(out, "EVENT 22 " + ownAddress);
            }
            case "SKLL64" -> write(out, words.length == 2 && words[1].matches("[0-9A-F]{16}") ? linkLocal(words[1]) : "FAIL ER06");
            case "SKJOIN" -> {
                write(out, "OK");
                joined = words.length == 2 && words[1].equals(meterAddress) && routeBId.equals(givenId) && password.equals(givenPassword);
                write(out, (joined ? "EVENT 25 " : "EVENT 24 ") + meterAddress);
            }
            default -> write(out, "FAIL ER04");
        }
    }

    private void sendTo(OutputStream out, String address, byte[] data) throws IOException {
        if (!joined || !address.equals(meterAddress)) {
            write(out, "FAIL ER10");
            return;
        }
        write(out, "EVENT 21 " + meterAddress + " 00");
        write(out, "OK");
        Optional<Frame> answer;
        try {
            Frame request = Frame.decode(data, data.length);
            answer = request.destination().equals(EchonetObject.NODE_PROFILE) || request.destination().classId() == 0x0288
                    ? meter.answer(request, false) : Optional.empty();
        } catch (MalformedFrameException e) {
            return;   // the meter drops it
        }
        if (answer.isPresent()) {
            byte[] frame = answer.get().encode();
            write(out, "ERXUDP " + meterAddress + " " + ownAddress + " 0E1A 0E1A " + meterMac + " 1 "
                    + String.format("%04X", frame.length) + " " + HexFormat.of().withUpperCase().formatHex(frame));
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        port.closePort();
    }
}
