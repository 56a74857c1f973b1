package io.solarmrv.results;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The quality-profile file, written by the creation service ({@code GET /quality.properties}) and
 * read by the readings job ({@code mrv jobs --quality FILE}): one owner of its format. A properties
 * text, one block per project (or per site of a project, named {@code <project>@<site>}):
 * <pre>
 * project.tokyo-1.devices = inv-1:5000, inv-2:5500      # device id : AC nameplate in W
 * project.tokyo-1.latitude = 35.68                      # with longitude: the site's position
 * project.tokyo-1.longitude = 139.77
 * project.tokyo-1.poll-interval = PT1M                  # ISO-8601
 * project.tokyo-1.threshold.stale-run = 4               # any of the job's thresholds, kebab case
 * </pre>
 * Block and device ids may hold dots and colons (the nameplate follows a device's last colon).
 * Unknown settings and bad values are refused, naming the key; what the thresholds mean is the
 * job's business (docs/QUALITY.md).
 */
public final class QualityProfileFile {
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile(
            "project\\.(.+)\\.(devices|latitude|longitude|poll-interval|threshold\\.[^.]+)");

    private QualityProfileFile() {
    }

    /**
     * One block: its name, its devices' nameplates (W, in order), its site's position and poll
     * interval where known, and threshold changes by kebab-case name.
     */
    public record Block(String name, Map<String, Long> nameplatesW, Double latitude, Double longitude, Duration pollInterval,
                        Map<String, String> thresholds) {
        public Block {
            nameplatesW = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nameplatesW));
            thresholds = Map.copyOf(thresholds);
        }
    }

    /** The text of these blocks, after a comment line {@code header}, then {@code notes} (comment lines) if any. */
    public static String write(String header, List<Block> blocks, String notes) {
        StringBuilder text = new StringBuilder("# ").append(header).append('\n');
        for (Block block : blocks) {
            String prefix = "project." + block.name() + ".";
            text.append('\n').append(prefix).append("devices = ").append(String.join(", ", block.nameplatesW().entrySet().stream()
                    .map(d -> d.getKey() + ":" + d.getValue()).toList())).append('\n');
            if (block.latitude() != null && block.longitude() != null) {
                text.append(prefix).append("latitude = ").append(block.latitude()).append('\n')
                        .append(prefix).append("longitude = ").append(block.longitude()).append('\n');
            }
            if (block.pollInterval() != null) {
                text.append(prefix).append("poll-interval = ").append(block.pollInterval()).append('\n');
            }
            new TreeMap<>(block.thresholds()).forEach((name, value) -> text.append(prefix).append("threshold.").append(name)
                    .append(" = ").append(value).append('\n'));
        }
        if (notes != null && !notes.isEmpty()) {
            text.append('\n').append(notes);
        }
        return text.toString();
    }

    /** The blocks a text describes, in name order. */
    public static List<Block> read(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a properties text: " + e.getMessage());
        }
        Map<String, Map<String, String>> blocks = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            java.util.regex.Matcher parts = KEY.matcher(key);
            if (!parts.matches()) {
                throw new IllegalArgumentException("'" + key + "': expected project.<project id>.<setting>, the setting one of"
                        + " devices, latitude, longitude, poll-interval, threshold.<name>");
            }
            blocks.computeIfAbsent(parts.group(1), p -> new LinkedHashMap<>()).put(parts.group(2), properties.getProperty(key).strip());
        }
        List<Block> read = new ArrayList<>();
        blocks.forEach((name, settings) -> read.add(block(name, settings)));
        return read;
    }

    private static Block block(String name, Map<String, String> settings) {
        String prefix = "project." + name + ".";
        Map<String, String> thresholds = new LinkedHashMap<>();
        Map<String, String> rest = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith("threshold.")) {
                thresholds.put(key.substring("threshold.".length()), value);
            } else {
                rest.put(key, value);
            }
        });
        String deviceList = rest.remove("devices");
        Double latitude = number(rest.remove("latitude"), prefix + "latitude");
        Double longitude = number(rest.remove("longitude"), prefix + "longitude");
        String poll = rest.remove("poll-interval");
        Duration pollInterval = null;
        if (poll != null) {
            try {
                pollInterval = Duration.parse(poll);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(prefix + "poll-interval: expected an ISO-8601 duration such as PT1M, got '" + poll + "'");
            }
        }
        if (deviceList == null || deviceList.isBlank()) {
            throw new IllegalArgumentException(prefix + "devices is missing: list them as id:nameplateW, ...");
        }
        Map<String, Long> nameplates = new LinkedHashMap<>();
        for (String entry : deviceList.split(",")) {
            int colon = entry.lastIndexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon).strip();
            long watts;
            try {
                watts = colon < 0 ? -1 : Long.parseLong(entry.substring(colon + 1).strip());
            } catch (NumberFormatException e) {
                watts = -1;
            }
            if (watts <= 0 || id.isEmpty()) {
                throw new IllegalArgumentException(prefix + "devices: expected id:nameplateW with W above 0, got '" + entry.strip() + "'");
            }
            nameplates.put(id, watts);
        }
        return new Block(name, nameplates, latitude, longitude, pollInterval, thresholds);
    }

    private static Double number(String text, String key) {
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected a number, got '" + text + "'");
        }
    }
}
