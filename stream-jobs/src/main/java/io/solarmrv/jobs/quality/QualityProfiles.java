package io.solarmrv.jobs.quality;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Which devices the readings job checks, and how: one {@link DeviceQuality} per device, grouped by
 * project. The text form is a properties file, one block per project:
 * <pre>
 * project.tokyo-1.devices = inv-1:5000, inv-2:5500      # device id : AC nameplate in W
 * project.tokyo-1.latitude = 35.68                      # with longitude: night_generation, timestamp_shift
 * project.tokyo-1.longitude = 139.77
 * project.tokyo-1.poll-interval = PT1M                  # ISO-8601: after_gap, incomplete_day
 * project.tokyo-1.threshold.stale-run = 4               # any QualityThresholds, kebab case
 * </pre>
 * Project and device ids may hold dots and colons (the nameplate follows a device's last colon).
 * Unknown settings, a device in two projects and bad values are refused, naming the key. The
 * creation service writes this file from its registry ({@code GET /quality.properties}).
 */
public final class QualityProfiles implements Serializable {
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile(
            "project\\.(.+)\\.(devices|latitude|longitude|poll-interval|threshold\\.[^.]+)");
    private final HashMap<String, DeviceQuality> byDevice;

    private QualityProfiles(Map<String, DeviceQuality> byDevice) {
        this.byDevice = new HashMap<>(byDevice);
    }

    /** These devices, checked as described. */
    public static QualityProfiles of(Map<String, DeviceQuality> byDevice) {
        return new QualityProfiles(byDevice);
    }

    /** Devices known only by nameplate: default thresholds, no site, no poll interval. */
    public static QualityProfiles nameplatesOnly(Map<String, Long> nameplatesW) {
        Map<String, DeviceQuality> devices = new HashMap<>();
        nameplatesW.forEach((id, watts) -> devices.put(id,
                new DeviceQuality("", watts, null, null, null, QualityThresholds.defaults())));
        return new QualityProfiles(devices);
    }

    /** The profiles a properties text describes (see the class comment). */
    public static QualityProfiles parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a properties text: " + e.getMessage());
        }
        Map<String, Map<String, String>> projects = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            java.util.regex.Matcher parts = KEY.matcher(key);
            if (!parts.matches()) {
                throw new IllegalArgumentException("'" + key + "': expected project.<project id>.<setting>, the setting one of"
                        + " devices, latitude, longitude, poll-interval, threshold.<name>");
            }
            projects.computeIfAbsent(parts.group(1), p -> new LinkedHashMap<>()).put(parts.group(2), properties.getProperty(key).strip());
        }
        Map<String, DeviceQuality> devices = new HashMap<>();
        projects.forEach((projectId, settings) -> project(projectId, settings).forEach((deviceId, quality) -> {
            DeviceQuality earlier = devices.put(deviceId, quality);
            if (earlier != null) {
                throw new IllegalArgumentException("device " + deviceId + " is in projects " + earlier.projectId()
                        + " and " + projectId + ": a device belongs to one project");
            }
        }));
        return new QualityProfiles(devices);
    }

    private static Map<String, DeviceQuality> project(String projectId, Map<String, String> settings) {
        String prefix = "project." + projectId + ".";
        Map<String, String> thresholdChanges = new HashMap<>();
        Map<String, String> rest = new HashMap<>();
        settings.forEach((name, value) -> {
            if (name.startsWith("threshold.")) {
                thresholdChanges.put(name.substring("threshold.".length()), value);
            } else {
                rest.put(name, value);
            }
        });
        try {
            QualityThresholds thresholds = QualityThresholds.defaults().with(thresholdChanges);
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
            Map<String, DeviceQuality> devices = new LinkedHashMap<>();
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
                devices.put(id, new DeviceQuality(projectId, watts, latitude, longitude, pollInterval, thresholds));
            }
            return devices;
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(prefix) ? e : new IllegalArgumentException("project " + projectId + ": " + e.getMessage());
        }
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

    /** How the device is checked, or null if it is not. */
    public DeviceQuality forDevice(String deviceId) {
        return byDevice.get(deviceId);
    }

    public boolean isEmpty() {
        return byDevice.isEmpty();
    }

    public int size() {
        return byDevice.size();
    }
}
