package io.solarmrv.edge;

import io.solarmrv.echonet.CumulativeRegister;
import io.solarmrv.echonet.DeviceClasses;
import io.solarmrv.echonet.Esv;
import io.solarmrv.echonet.Frame;
import io.solarmrv.echonet.Property;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Reads a household device over ECHONET Lite (UDP, Get and Get_Res): a PV power conditioner (class
 * 0x0279: power 0xE0, generated energy 0xE1 in Wh); a low-voltage smart meter (0x0288: its
 * coefficient, unit and effective digits once, then net power 0xE7 and the bought and sold
 * registers 0xE0 and 0xE3, in Wh: the reading's energy and export registers); or a storage battery
 * (0x027D: power 0xD3, positive charging; the cumulative discharge 0xA8 as the reading's energy
 * register, what it delivered to the home, and the cumulative charge 0xA9 as its second register). Registers that roll over are extended across the rollover
 * ({@link CumulativeRegister}); any other decrease is a device error, never a smaller register.
 * Silence, a Get_SNA and a malformed frame are device errors naming the device and the reason. The
 * frames travel over UDP ({@link EchonetUdp}) or, for a smart meter behind a Wi-SUN dongle, Route B
 * ({@link RouteBLink}).
 *
 * <p>Across an agent restart the extension starts from what the agent last signed ({@link
 * #resumeFrom}): if the device reports the same production number, its registers continue from the
 * signed ones, so one that rolled over while the agent was down still reads higher. A device with
 * another production number (replaced) starts from what it shows.
 */
public final class EchonetLiteReader implements DeviceReader {
    private final DeviceEndpoint.EchonetLite endpoint;
    private final EchonetTransport transport;
    private int tid;
    private Long generatedWh;
    private Long dischargedWh;
    private Long chargedWh;
    private MeterScale scale;
    private Long boughtCounts;
    private Long soldCounts;
    private DeviceReader.LastSigned resume;

    /** A smart meter's fixed properties: one count in mWh, and the modulus its registers roll over at. */
    private record MeterScale(long countMilliWh, long modulus) {
    }

    /** A reader of the endpoint's object over UDP ({@code host:port}) or, for a serial port, over Route B. */
    public static EchonetLiteReader open(DeviceEndpoint.EchonetLite endpoint, int timeoutMillis) {
        requireReadClass(endpoint);
        return new EchonetLiteReader(endpoint, endpoint instanceof DeviceEndpoint.RouteB routeB
                ? new RouteBLink(routeB.serialPort(), routeB.credentials(), timeoutMillis)
                : new EchonetUdp(((DeviceEndpoint.EchonetUdp) endpoint).host(), ((DeviceEndpoint.EchonetUdp) endpoint).port(),
                        timeoutMillis));
    }

    private EchonetLiteReader(DeviceEndpoint.EchonetLite endpoint, EchonetTransport transport) {
        this.endpoint = endpoint;
        this.transport = transport;
    }

    private static void requireReadClass(DeviceEndpoint.EchonetLite endpoint) {
        int classId = endpoint.echonetObject().classId();
        if (classId != DeviceClasses.PV_POWER_CONDITIONER && classId != DeviceClasses.SMART_METER
                && classId != DeviceClasses.STORAGE_BATTERY) {
            throw new IllegalArgumentException(endpoint.deviceId() + ": EOJ " + endpoint.echonetObject() + " is not read here (a PV"
                    + " power conditioner 0279xx, a storage battery 027Dxx or a low-voltage smart meter 0288xx)");
        }
    }

    @Override
    public void resumeFrom(DeviceReader.LastSigned last) {
        this.resume = last;
    }

    /** The last signed reading to continue from, once, if this is the same device; null otherwise. */
    private DeviceReader.LastSigned resumingFor(String serial) {
        DeviceReader.LastSigned last = resume;
        resume = null;
        return last != null && last.meterSerial().equals(serial) ? last : null;
    }

    @Override
    public Measurement read() throws DeviceException {
        return switch (endpoint.echonetObject().classId()) {
            case DeviceClasses.PV_POWER_CONDITIONER -> readPvConditioner();
            case DeviceClasses.STORAGE_BATTERY -> readBattery();
            default -> readSmartMeter();
        };
    }

    private Measurement readBattery() throws DeviceException {
        Frame answer = get(DeviceClasses.BATTERY_INSTANTANEOUS_W, DeviceClasses.BATTERY_CUMULATIVE_DISCHARGE,
                DeviceClasses.BATTERY_CUMULATIVE_CHARGE, 0x8D);
        DeviceReader.LastSigned last = resumingFor(serial(answer));
        if (last != null && dischargedWh == null && last.exportRegisterWh() != null) {
            dischargedWh = continuing(last.energyRegisterWh(), value(answer, DeviceClasses.BATTERY_CUMULATIVE_DISCHARGE),
                    DeviceClasses.PV_REGISTER_MODULUS);
            chargedWh = continuing(last.exportRegisterWh(), value(answer, DeviceClasses.BATTERY_CUMULATIVE_CHARGE),
                    DeviceClasses.PV_REGISTER_MODULUS);
        }
        dischargedWh = extend(dischargedWh, value(answer, DeviceClasses.BATTERY_CUMULATIVE_DISCHARGE), DeviceClasses.PV_REGISTER_MODULUS,
                "discharged energy (0xA8)");
        chargedWh = extend(chargedWh, value(answer, DeviceClasses.BATTERY_CUMULATIVE_CHARGE), DeviceClasses.PV_REGISTER_MODULUS,
                "charged energy (0xA9)");
        return new Measurement(serial(answer), (int) value(answer, DeviceClasses.BATTERY_INSTANTANEOUS_W), dischargedWh, chargedWh);
    }

    private Measurement readPvConditioner() throws DeviceException {
        Frame answer = get(DeviceClasses.PV_INSTANTANEOUS_W, DeviceClasses.PV_CUMULATIVE_GENERATED, 0x8D);
        long shown = value(answer, DeviceClasses.PV_CUMULATIVE_GENERATED);
        DeviceReader.LastSigned last = resumingFor(serial(answer));
        if (last != null && generatedWh == null) {
            generatedWh = continuing(last.energyRegisterWh(), shown, DeviceClasses.PV_REGISTER_MODULUS);
        }
        generatedWh = extend(generatedWh, shown, DeviceClasses.PV_REGISTER_MODULUS, "generated energy (0xE1)");
        return new Measurement(serial(answer), value(answer, DeviceClasses.PV_INSTANTANEOUS_W), generatedWh, null);
    }

    private Measurement readSmartMeter() throws DeviceException {
        if (scale == null) {
            Frame fixed = get(DeviceClasses.METER_COEFFICIENT, DeviceClasses.METER_EFFECTIVE_DIGITS, DeviceClasses.METER_UNIT);
            long coefficient = value(fixed, DeviceClasses.METER_COEFFICIENT);
            long digits = value(fixed, DeviceClasses.METER_EFFECTIVE_DIGITS);
            if (coefficient < 1 || digits < 1 || digits > 8) {
                throw new DeviceException(name() + " reports coefficient " + coefficient + " (0xD3) and " + digits
                        + " effective digits (0xD7); expected 1 or more and 1 to 8");
            }
            long unitMilliWh;
            try {
                unitMilliWh = DeviceClasses.meterUnitMilliWh((int) value(fixed, DeviceClasses.METER_UNIT));
            } catch (IllegalArgumentException e) {
                throw new DeviceException(name() + ": " + e.getMessage());
            }
            scale = new MeterScale(Math.multiplyExact(unitMilliWh, coefficient), (long) Math.pow(10, digits));
        }
        Frame answer = get(DeviceClasses.METER_CUMULATIVE_NORMAL, DeviceClasses.METER_CUMULATIVE_REVERSE,
                DeviceClasses.METER_INSTANTANEOUS_W, 0x8D);
        DeviceReader.LastSigned last = resumingFor(serial(answer));
        if (last != null && boughtCounts == null) {
            // Counts from the signed Wh (Wh = counts x count / 1000, rounded down): at most one count
            // low, which changes no rollover decision away from the register's ends.
            boughtCounts = continuing(Math.multiplyExact(last.energyRegisterWh(), 1000) / scale.countMilliWh(),
                    value(answer, DeviceClasses.METER_CUMULATIVE_NORMAL), scale.modulus());
            soldCounts = last.exportRegisterWh() == null ? null : continuing(Math.multiplyExact(last.exportRegisterWh(), 1000)
                    / scale.countMilliWh(), value(answer, DeviceClasses.METER_CUMULATIVE_REVERSE), scale.modulus());
        }
        boughtCounts = extend(boughtCounts, value(answer, DeviceClasses.METER_CUMULATIVE_NORMAL), scale.modulus(), "bought energy (0xE0)");
        soldCounts = extend(soldCounts, value(answer, DeviceClasses.METER_CUMULATIVE_REVERSE), scale.modulus(), "sold energy (0xE3)");
        long netW = (int) value(answer, DeviceClasses.METER_INSTANTANEOUS_W);   // 4 bytes, signed
        return new Measurement(serial(answer), netW, Math.multiplyExact(boughtCounts, scale.countMilliWh()) / 1000,
                Math.multiplyExact(soldCounts, scale.countMilliWh()) / 1000);
    }

    /**
     * The signed register to continue from, if the shown value can follow it (the same, higher, or
     * rolled over); else null, so the register starts again from what the device shows and the
     * pipeline flags the decrease, as before restarts were carried over (a device reset, not a
     * rollover, must not stay refused for good).
     */
    private static Long continuing(long signed, long shown, long modulus) {
        return CumulativeRegister.next(signed, shown, modulus) instanceof CumulativeRegister.Next.Count ? signed : null;
    }

    private Long extend(Long previous, long shown, long modulus, String register) throws DeviceException {
        if (previous == null) {
            return shown;
        }
        CumulativeRegister.Next next = CumulativeRegister.next(previous, shown, modulus);
        if (next instanceof CumulativeRegister.Next.Refused refused) {
            throw new DeviceException(name() + " " + register + ": " + refused.reason());
        }
        return ((CumulativeRegister.Next.Count) next).extended();
    }

    /** Sends a Get for these properties and checks that the device answered it with a Get_Res. */
    private Frame get(int... epcs) throws DeviceException {
        tid = (tid + 1) & 0xFFFF;
        Frame answer = transport.exchange(Frame.get(tid, endpoint.echonetObject(), epcs), name());
        if (answer.esv() == Esv.GET_SNA) {
            throw new DeviceException(name() + " answered Get_SNA: not available " + answer.properties().stream()
                    .filter(p -> p.edt().length == 0).map(p -> String.format("0x%02X", p.epc())).collect(Collectors.joining(", ")));
        }
        if (answer.esv() != Esv.GET_RES) {
            throw new DeviceException(name() + " answered a Get with " + answer.esv());
        }
        return answer;
    }

    private long value(Frame answer, int epc) throws DeviceException {
        Property property = answer.property(epc).orElseThrow(() -> new DeviceException(String.format(
                "%s: its Get_Res lacks EPC 0x%02X", name(), epc)));
        try {
            return property.unsignedValue();
        } catch (IllegalStateException e) {
            throw new DeviceException(name() + ": " + e.getMessage());
        }
    }

    private String serial(Frame answer) throws DeviceException {
        byte[] edt = answer.property(0x8D).orElseThrow(() -> new DeviceException(name() + ": its Get_Res lacks the production"
                + " number (0x8D)")).edt();
        String serial = new String(edt, StandardCharsets.US_ASCII).strip();
        if (serial.isEmpty() || !serial.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new DeviceException(name() + ": production number (0x8D) is not printable ASCII");
        }
        return serial;
    }

    private String name() {
        return endpoint.deviceId() + " (ECHONET Lite " + endpoint.echonetObject() + " " + transport.where() + ")";
    }

    @Override
    public void close() {
        transport.close();
    }
}
