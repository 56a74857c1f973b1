package io.solarmrv.attestation;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which gateway public key may sign for which device. Text form, one binding per line:
 * {@code <device-id> ed25519:<64 hex digits>}; blank lines and lines starting with {@code #} are
 * ignored. Validity intervals and key rotation come with the full registry (issue 3).
 */
public final class DeviceRegistry {
    private final Map<String, byte[]> keysByDevice;

    private DeviceRegistry(Map<String, byte[]> keysByDevice) {
        this.keysByDevice = keysByDevice;
    }

    public static DeviceRegistry parse(String text) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2 || !parts[1].startsWith("ed25519:")) {
                throw new IllegalArgumentException("registry line " + (i + 1)
                        + ": expected '<device-id> ed25519:<hex>', got '" + line + "'");
            }
            byte[] key;
            try {
                key = HexFormat.of().parseHex(parts[1].substring("ed25519:".length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("registry line " + (i + 1) + ": key is not hex", e);
            }
            if (key.length != 32) {
                throw new IllegalArgumentException("registry line " + (i + 1) + ": Ed25519 key must be 32 bytes");
            }
            if (keys.put(parts[0], key) != null) {
                throw new IllegalArgumentException("registry line " + (i + 1) + ": device " + parts[0] + " bound twice");
            }
        }
        return new DeviceRegistry(keys);
    }

    /** The registration line an operator hands to the registry for one device behind a gateway. */
    public static String registrationLine(String deviceId, GatewayKey key) {
        return deviceId + " ed25519:" + key.publicKeyHex();
    }

    public Optional<byte[]> keyFor(String deviceId) {
        byte[] key = keysByDevice.get(deviceId);
        return key == null ? Optional.empty() : Optional.of(key.clone());
    }
}
