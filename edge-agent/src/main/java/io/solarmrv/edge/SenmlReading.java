package io.solarmrv.edge;

import io.solarmrv.attestation.internal.cbor.CborReader;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses a meter's SenML-CBOR reading (RFC 8428): records with base name {@code urn:dev:sn:<serial>:},
 * an {@code energy} record in Wh (the cumulative register) and a {@code power} record in W, values as
 * integers. Anything else missing or mistyped is refused, naming it.
 */
final class SenmlReading {
    private static final int BASE_NAME = -2;
    private static final int BASE_TIME = -3;
    private static final int NAME = 0;
    private static final int UNIT = 1;
    private static final int VALUE = 2;

    private SenmlReading() {
    }

    static DeviceReader.Measurement parse(String deviceId, byte[] payload) throws DeviceException {
        try {
            CborReader in = new CborReader(payload);
            String baseName = "";
            Map<String, Long> values = new HashMap<>();
            Map<String, String> units = new HashMap<>();
            int records = in.array();
            for (int r = 0; r < records; r++) {
                String name = null;
                String unit = null;
                Long value = null;
                int fields = in.map();
                for (int f = 0; f < fields; f++) {
                    int label = (int) in.integer();
                    switch (label) {
                        case BASE_NAME -> baseName = in.text();
                        case BASE_TIME -> in.integer();
                        case NAME -> name = in.text();
                        case UNIT -> unit = in.text();
                        case VALUE -> value = in.integer();
                        default -> throw new DeviceException(deviceId + ": SenML label " + label + " is not supported");
                    }
                }
                if (name != null && value != null) {
                    values.put(baseName + name, value);
                    units.put(baseName + name, unit);
                }
            }
            in.expectEnd("SenML pack");
            if (!baseName.startsWith("urn:dev:sn:") || !baseName.endsWith(":")) {
                throw new DeviceException(deviceId + ": SenML base name '" + baseName + "' is not urn:dev:sn:<serial>:");
            }
            long powerW = require(deviceId, values, units, baseName + "power", "W");
            long energyWh = require(deviceId, values, units, baseName + "energy", "Wh");
            if (energyWh < 0) {
                throw new DeviceException(deviceId + ": SenML record '" + baseName + "energy' is " + energyWh
                        + " Wh; a cumulative register is never negative");
            }
            return new DeviceReader.Measurement(baseName.substring("urn:dev:sn:".length(), baseName.length() - 1),
                    powerW, energyWh, null);
        } catch (RuntimeException e) {
            throw new DeviceException(deviceId + ": not a SenML-CBOR reading: " + e.getMessage(), e);
        }
    }

    private static long require(String deviceId, Map<String, Long> values, Map<String, String> units, String name, String unit)
            throws DeviceException {
        if (!values.containsKey(name)) {
            throw new DeviceException(deviceId + ": SenML reading has no '" + name + "' record");
        }
        if (!unit.equals(units.get(name))) {
            throw new DeviceException(deviceId + ": SenML record '" + name + "' is in '" + units.get(name) + "', expected " + unit);
        }
        return values.get(name);
    }
}
