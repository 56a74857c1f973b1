package io.solarmrv.attestation;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which gateway keys may sign for which device, and when; and which meter stands behind each
 * device. Text form, one binding per line:
 * <pre>
 * &lt;device-id&gt; &lt;ed25519|es256&gt;:&lt;public key hex&gt; [valid-from=&lt;ISO instant&gt;] [valid-until=&lt;ISO instant&gt;] [revoked-at=&lt;ISO instant&gt;]
 * &lt;device-id&gt; meter:&lt;serial, URL-encoded&gt; [from-sequence=&lt;n&gt;]
 * </pre>
 * A device may have several keys; during a rotation their validity overlaps and both sign.
 * {@code valid-until} ends a key by the time its readings carry (a rotation: a backlog signed
 * before it still counts). {@code revoked-at} ends it by the time the pipeline received them too (a
 * key stolen or lost: whoever holds it can stamp any time, so nothing received from then on counts,
 * whatever time it carries; see {@link #verify(SignedReading, long)}). A
 * device with {@code meter} lines has one meter at a time: the serial of the line with the highest
 * {@code from-sequence} (default 0) at or below a reading's sequence is the one its signed reading
 * must carry, so one device id cannot carry another meter's readings, and a replaced meter's
 * readings are told from its successor's. A device without {@code meter} lines is not checked (a
 * registry written by hand from registration statements). Blank lines and lines starting with
 * {@code #} are ignored.
 */
public final class DeviceRegistry {
    private final Map<String, List<DeviceKey>> keysByDevice;
    private final Map<String, List<MeterSerial>> metersByDevice;

    /** Why a signed reading is or is not evidence under this registry. */
    public enum Verdict {
        VALID, UNKNOWN_DEVICE, UNKNOWN_KEY, KEY_OUTSIDE_VALIDITY, KEY_REVOKED, BAD_SIGNATURE, WRONG_METER
    }

    /** For {@link #verify(SignedReading, long)}: when a reading was received is not known. */
    public static final long RECEIVED_UNKNOWN = Long.MIN_VALUE;

    /** The meter behind a device from reading {@code fromSequence} on, by the serial its readings carry. */
    public record MeterSerial(String deviceId, String serial, long fromSequence) {
        /** This meter as one registry line, the form {@link #parse} reads. */
        public String line() {
            return deviceId + " meter:" + URLEncoder.encode(serial, StandardCharsets.UTF_8)
                    + (fromSequence == 0 ? "" : " from-sequence=" + fromSequence);
        }
    }

    /**
     * A key bound to a device, valid in [validFrom, validUntil) by the readings' time (null:
     * unbounded), and if {@code revokedAt} is not null, for readings both stamped and received before it.
     */
    public record DeviceKey(String deviceId, CoseAlgorithm algorithm, byte[] publicKey, Instant validFrom, Instant validUntil,
                            Instant revokedAt) {
        /** A key that is not revoked. */
        public DeviceKey(String deviceId, CoseAlgorithm algorithm, byte[] publicKey, Instant validFrom, Instant validUntil) {
            this(deviceId, algorithm, publicKey, validFrom, validUntil, null);
        }

        public byte[] keyId() {
            return ReadingSigner.keyId(publicKey);
        }

        /** This binding as one registry line, the form {@link #parse} reads. */
        public String line() {
            return deviceId + " " + algorithm.registryName() + ":" + HexFormat.of().formatHex(publicKey)
                    + (validFrom == null ? "" : " valid-from=" + validFrom) + (validUntil == null ? "" : " valid-until=" + validUntil)
                    + (revokedAt == null ? "" : " revoked-at=" + revokedAt);
        }

        /** False if the key was revoked at or before the reading's time or the time it was received (if known). */
        public boolean unrevokedAt(long timestampMillis, long receivedMillis) {
            return revokedAt == null || (timestampMillis < revokedAt.toEpochMilli()
                    && (receivedMillis == RECEIVED_UNKNOWN || receivedMillis < revokedAt.toEpochMilli()));
        }

        public boolean validAt(long timestampMillis) {
            return (validFrom == null || timestampMillis >= validFrom.toEpochMilli())
                    && (validUntil == null || timestampMillis < validUntil.toEpochMilli());
        }
    }

    private DeviceRegistry(Map<String, List<DeviceKey>> keysByDevice, Map<String, List<MeterSerial>> metersByDevice) {
        this.keysByDevice = keysByDevice;
        this.metersByDevice = metersByDevice;
    }

    /**
     * The registry of {@code text}.
     *
     * @throws IllegalArgumentException naming the first line that is not a binding (a malformed
     *                                  line, or a key that is not one of its algorithm)
     */
    public static DeviceRegistry parse(String text) {
        return parse(text, reason -> {
            throw new IllegalArgumentException(reason);
        });
    }

    /**
     * The registry of {@code text} without the lines that are not bindings, each handed to {@code
     * refused} with the reason ({@code registry line 3: ...}): for a running job, one bad line must
     * not stop every device's readings. The left-out device's readings are then rejected as signed
     * by an unknown key or device, with that reason, and counted.
     */
    public static DeviceRegistry parse(String text, java.util.function.Consumer<String> refused) {
        Map<String, List<DeviceKey>> keys = new LinkedHashMap<>();
        Map<String, List<MeterSerial>> meters = new LinkedHashMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] firstTwo = line.split("\\s+", 3);
            boolean meterLine = firstTwo.length > 1 && firstTwo[1].startsWith("meter:");
            try {
                if (meterLine) {
                    MeterSerial meter = parseMeterLine(line);
                    List<MeterSerial> ofDevice = meters.computeIfAbsent(meter.deviceId(), id -> new ArrayList<>());
                    if (ofDevice.stream().anyMatch(m -> m.fromSequence() == meter.fromSequence())) {
                        throw new IllegalArgumentException("device " + meter.deviceId() + " has two meters from sequence "
                                + meter.fromSequence());
                    }
                    ofDevice.add(meter);
                    ofDevice.sort(Comparator.comparingLong(MeterSerial::fromSequence));
                } else {
                    DeviceKey key = parseLine(line);
                    keys.computeIfAbsent(key.deviceId(), id -> new ArrayList<>()).add(key);
                }
            } catch (IllegalArgumentException e) {
                if (meterLine) {
                    // fail closed: a device whose meter line was left out is checked against the meters that
                    // remain, or, with none, its readings carry no registered meter's serial
                    meters.computeIfAbsent(firstTwo[0], id -> new ArrayList<>());
                }
                refused.accept("registry line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new DeviceRegistry(keys, meters);
    }

    private static MeterSerial parseMeterLine(String line) {
        String[] parts = line.split("\\s+");
        String serial = URLDecoder.decode(parts[1].substring("meter:".length()), StandardCharsets.UTF_8);
        if (serial.isBlank()) {
            throw new IllegalArgumentException("a meter line names a serial: '<device-id> meter:<serial> [from-sequence=<n>]'");
        }
        long from = 0;
        for (int p = 2; p < parts.length; p++) {
            if (!parts[p].startsWith("from-sequence=")) {
                throw new IllegalArgumentException("unknown attribute '" + parts[p] + "'");
            }
            try {
                from = Long.parseLong(parts[p].substring("from-sequence=".length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("from-sequence must be a whole number, was '" + parts[p] + "'");
            }
            if (from < 0) {
                throw new IllegalArgumentException("from-sequence must be >= 0, was " + from);
            }
        }
        return new MeterSerial(parts[0], serial, from);
    }

    private static DeviceKey parseLine(String line) {
        String[] parts = line.split("\\s+");
        if (parts.length < 2 || !parts[1].contains(":")) {
            throw new IllegalArgumentException("expected '<device-id> <ed25519|es256>:<hex> [valid-from=..] [valid-until=..]'");
        }
        String[] typeAndKey = parts[1].split(":", 2);
        CoseAlgorithm algorithm = CoseAlgorithm.ofRegistryName(typeAndKey[0]);
        byte[] publicKey;
        try {
            publicKey = HexFormat.of().parseHex(typeAndKey[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key is not hex");
        }
        algorithm.checkPublicKey(publicKey);
        Instant from = null;
        Instant until = null;
        Instant revoked = null;
        for (int p = 2; p < parts.length; p++) {
            if (parts[p].startsWith("valid-from=")) {
                from = instant(parts[p].substring("valid-from=".length()));
            } else if (parts[p].startsWith("valid-until=")) {
                until = instant(parts[p].substring("valid-until=".length()));
            } else if (parts[p].startsWith("revoked-at=")) {
                revoked = instant(parts[p].substring("revoked-at=".length()));
            } else {
                throw new IllegalArgumentException("unknown attribute '" + parts[p] + "'");
            }
        }
        if (from != null && until != null && !until.isAfter(from)) {
            throw new IllegalArgumentException("valid-until must be after valid-from");
        }
        return new DeviceKey(parts[0], algorithm, publicKey, from, until, revoked);
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }

    /** The registration line an operator hands to the registry for one device behind a gateway. */
    public static String registrationLine(String deviceId, ReadingSigner key) {
        return deviceId + " " + key.algorithm().registryName() + ":" + HexFormat.of().formatHex(key.publicKey());
    }

    /** Every binding, devices in the order they first appear. */
    public List<DeviceKey> keys() {
        return keysByDevice.values().stream().flatMap(List::stream).toList();
    }

    /** Every meter line, devices in the order they first appear, each device's by sequence. */
    public List<MeterSerial> meters() {
        return metersByDevice.values().stream().flatMap(List::stream).toList();
    }

    /** The meter behind the device at reading {@code sequence}; empty if none is registered for it. */
    public Optional<MeterSerial> meterAt(String deviceId, long sequence) {
        MeterSerial current = null;
        for (MeterSerial meter : metersByDevice.getOrDefault(deviceId, List.of())) {
            if (meter.fromSequence() <= sequence) {
                current = meter;
            }
        }
        return Optional.ofNullable(current);
    }

    public List<DeviceKey> keysFor(String deviceId) {
        return keysByDevice.getOrDefault(deviceId, List.of());
    }

    /** True unless the device has meter lines and the reading's serial is not the one of its sequence. */
    private boolean carriesRegisteredMeter(Reading reading) {
        if (!metersByDevice.containsKey(reading.deviceId())) {
            return true;
        }
        return meterAt(reading.deviceId(), reading.sequence()).map(m -> m.serial().strip().equals(reading.meterSerial().strip()))
                .orElse(false);
    }

    /**
     * Whether a signed reading is evidence, judged by the time it carries only (a proof bundle's
     * readings, whose receipt the job already judged): {@link #verify(SignedReading, long)} with the
     * receipt unknown.
     */
    public Verdict verify(SignedReading signed) {
        return verify(signed, RECEIVED_UNKNOWN);
    }

    /**
     * Whether a signed reading is evidence: a key of its device, named by its key id, valid at the
     * reading's time and not revoked by then nor by {@code receivedMillis} (when the pipeline
     * received it, or {@link #RECEIVED_UNKNOWN}), signed it, and it carries the serial of the meter
     * registered behind the device at its sequence.
     */
    public Verdict verify(SignedReading signed, long receivedMillis) {
        Reading reading = signed.reading();
        List<DeviceKey> keys = keysFor(reading.deviceId());
        if (keys.isEmpty()) {
            return Verdict.UNKNOWN_DEVICE;
        }
        byte[] keyId = signed.keyId();
        Verdict verdict = Verdict.UNKNOWN_KEY;
        for (DeviceKey key : keys) {
            if (key.algorithm() != signed.algorithm() || !MessageDigest.isEqual(key.keyId(), keyId)) {
                continue;
            }
            if (!key.validAt(reading.timestampMillis())) {
                verdict = Verdict.KEY_OUTSIDE_VALIDITY;
                continue;
            }
            if (!key.unrevokedAt(reading.timestampMillis(), receivedMillis)) {
                verdict = Verdict.KEY_REVOKED;
                continue;
            }
            if (!signed.verify(key.publicKey())) {
                return Verdict.BAD_SIGNATURE;
            }
            return carriesRegisteredMeter(reading) ? Verdict.VALID : Verdict.WRONG_METER;
        }
        return verdict;
    }
}
