package io.solarmrv.attestation;

import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which gateway keys may sign for which device, and when. Text form, one binding per line:
 * <pre>
 * &lt;device-id&gt; &lt;ed25519|es256&gt;:&lt;public key hex&gt; [valid-from=&lt;ISO instant&gt;] [valid-until=&lt;ISO instant&gt;]
 * </pre>
 * A device may have several keys; during a rotation their validity overlaps and both sign. Blank
 * lines and lines starting with {@code #} are ignored.
 */
public final class DeviceRegistry {
    private final Map<String, List<DeviceKey>> keysByDevice;

    /** Why a signed reading is or is not evidence under this registry. */
    public enum Verdict {
        VALID, UNKNOWN_DEVICE, UNKNOWN_KEY, KEY_OUTSIDE_VALIDITY, BAD_SIGNATURE
    }

    /** A key bound to a device, valid in [validFrom, validUntil) (null: unbounded). */
    public record DeviceKey(String deviceId, CoseAlgorithm algorithm, byte[] publicKey, Instant validFrom, Instant validUntil) {
        public byte[] keyId() {
            return ReadingSigner.keyId(publicKey);
        }

        /** This binding as one registry line, the form {@link #parse} reads. */
        public String line() {
            return deviceId + " " + algorithm.registryName() + ":" + HexFormat.of().formatHex(publicKey)
                    + (validFrom == null ? "" : " valid-from=" + validFrom) + (validUntil == null ? "" : " valid-until=" + validUntil);
        }

        public boolean validAt(long timestampMillis) {
            return (validFrom == null || timestampMillis >= validFrom.toEpochMilli())
                    && (validUntil == null || timestampMillis < validUntil.toEpochMilli());
        }
    }

    private DeviceRegistry(Map<String, List<DeviceKey>> keysByDevice) {
        this.keysByDevice = keysByDevice;
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
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                DeviceKey key = parseLine(line);
                keys.computeIfAbsent(key.deviceId(), id -> new ArrayList<>()).add(key);
            } catch (IllegalArgumentException e) {
                refused.accept("registry line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new DeviceRegistry(keys);
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
        for (int p = 2; p < parts.length; p++) {
            if (parts[p].startsWith("valid-from=")) {
                from = instant(parts[p].substring("valid-from=".length()));
            } else if (parts[p].startsWith("valid-until=")) {
                until = instant(parts[p].substring("valid-until=".length()));
            } else {
                throw new IllegalArgumentException("unknown attribute '" + parts[p] + "'");
            }
        }
        if (from != null && until != null && !until.isAfter(from)) {
            throw new IllegalArgumentException("valid-until must be after valid-from");
        }
        return new DeviceKey(parts[0], algorithm, publicKey, from, until);
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

    public List<DeviceKey> keysFor(String deviceId) {
        return keysByDevice.getOrDefault(deviceId, List.of());
    }

    /** Whether a signed reading is evidence: a key of its device, named by its key id and valid at its time, signed it. */
    public Verdict verify(SignedReading signed) {
        Reading reading = signed.reading();
        List<DeviceKey> keys = keysFor(reading.deviceId());
        if (keys.isEmpty()) {
            return Verdict.UNKNOWN_DEVICE;
        }
        byte[] keyId = signed.keyId();
        boolean known = false;
        for (DeviceKey key : keys) {
            if (key.algorithm() != signed.algorithm() || !MessageDigest.isEqual(key.keyId(), keyId)) {
                continue;
            }
            known = true;
            if (key.validAt(reading.timestampMillis())) {
                return signed.verify(key.publicKey()) ? Verdict.VALID : Verdict.BAD_SIGNATURE;
            }
        }
        return known ? Verdict.KEY_OUTSIDE_VALIDITY : Verdict.UNKNOWN_KEY;
    }
}
