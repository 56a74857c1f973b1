package io.solarmrv.jobs.quality;

import io.solarmrv.results.QualityProfileFile;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Which devices the readings job checks, and how: one {@link DeviceQuality} per device, grouped by
 * project. The text form is the quality-profile file ({@link QualityProfileFile}, in results, which
 * owns the format), one block per project:
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

    /** The profiles a quality-profile file describes ({@link QualityProfileFile}). */
    public static QualityProfiles parse(String text) {
        Map<String, DeviceQuality> devices = new HashMap<>();
        for (QualityProfileFile.Block block : QualityProfileFile.read(text)) {
            QualityThresholds thresholds;
            try {
                thresholds = QualityThresholds.defaults().with(block.thresholds());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("project " + block.name() + ": " + e.getMessage());
            }
            block.nameplatesW().forEach((deviceId, watts) -> {
                DeviceQuality earlier = devices.put(deviceId, new DeviceQuality(block.name(), watts, block.latitude(), block.longitude(),
                        block.pollInterval(), thresholds));
                if (earlier != null) {
                    throw new IllegalArgumentException("device " + deviceId + " is in projects " + earlier.projectId()
                            + " and " + block.name() + ": a device belongs to one project");
                }
            });
        }
        return new QualityProfiles(devices);
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
