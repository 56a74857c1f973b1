package io.solarmrv.creation.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * Devices from CSV for bulk onboarding: a header line naming the columns (any order)
 * {@code id,site_id,gateway_id,kind,meter_serial,nameplate_w,accuracy_class} and, where batteries are
 * onboarded, {@code capacity_wh} (empty for other kinds), then one device per line. Plain
 * comma-separated values; quoting is not supported and is refused.
 */
final class DeviceCsv {
    static final List<String> COLUMNS = List.of("id", "site_id", "gateway_id", "kind", "meter_serial", "nameplate_w",
            "accuracy_class");
    /** The optional column: a battery's rated capacity in Wh. */
    static final String CAPACITY = "capacity_wh";

    private DeviceCsv() {
    }

    /** The devices, each checked; an {@link IllegalArgumentException} names the line and what is wrong. */
    static List<Device> parse(String text) {
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new IllegalArgumentException("line 1: expected the header " + String.join(",", COLUMNS));
        }
        List<String> header = List.of(lines[0].strip().split(",", -1));
        int[] column = new int[COLUMNS.size()];
        for (int c = 0; c < COLUMNS.size(); c++) {
            column[c] = header.indexOf(COLUMNS.get(c));
            if (column[c] < 0) {
                throw new IllegalArgumentException("line 1: the header has no column '" + COLUMNS.get(c) + "'");
            }
        }
        List<Device> devices = new ArrayList<>();
        int capacityColumn = header.indexOf(CAPACITY);
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                devices.add(device(lines[i], header.size(), column, capacityColumn));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return devices;
    }

    private static Device device(String line, int width, int[] column, int capacityColumn) {
        if (line.indexOf('"') >= 0) {
            throw new IllegalArgumentException("quoted fields are not supported");
        }
        String[] fields = line.split(",", -1);
        if (fields.length != width) {
            throw new IllegalArgumentException("expected " + width + " fields, found " + fields.length);
        }
        String nameplate = field(fields, column, "nameplate_w");
        Long nameplateW;
        try {
            nameplateW = Long.parseLong(nameplate);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'nameplate_w' must be whole watts, was '" + nameplate + "'");
        }
        String capacity = capacityColumn < 0 ? "" : fields[capacityColumn].strip();
        Long capacityWh;
        try {
            capacityWh = capacity.isEmpty() ? null : Long.parseLong(capacity);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + CAPACITY + "' must be whole Wh or empty, was '" + capacity + "'");
        }
        Device device = new Device(field(fields, column, "id"), field(fields, column, "site_id"),
                field(fields, column, "gateway_id"), field(fields, column, "kind"), field(fields, column, "meter_serial"),
                nameplateW, field(fields, column, "accuracy_class"), capacityWh);
        device.check();
        return device;
    }

    private static String field(String[] fields, int[] column, String name) {
        return fields[column[COLUMNS.indexOf(name)]].strip();
    }
}
