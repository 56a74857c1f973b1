package io.solarmrv.jobs.quality;

import io.solarmrv.attestation.SolarGeometry;
import java.io.Serializable;
import java.time.Duration;

/**
 * How the quality rules see one device: the project it belongs to, its AC nameplate, where it is
 * (null if unknown: the solar-position rules are then skipped), how often it is read (null if
 * unknown: the gap and completeness rules are then skipped) and its project's thresholds.
 */
public record DeviceQuality(String projectId, long nameplateW, Double latitude, Double longitude, Duration pollInterval,
                            QualityThresholds thresholds) implements Serializable {
    public DeviceQuality {
        if (nameplateW <= 0) {
            throw new IllegalArgumentException("nameplate must be above 0 W, got " + nameplateW);
        }
        if ((latitude == null) != (longitude == null)) {
            throw new IllegalArgumentException("latitude and longitude go together: give both or neither");
        }
        if (latitude != null) {
            new SolarGeometry(latitude, longitude);   // refuses coordinates off the globe, naming them
        }
        if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
            throw new IllegalArgumentException("poll interval must be above zero, got " + pollInterval);
        }
    }

    /** The site, or null where the device's position is unknown. */
    public SolarGeometry site() {
        return latitude == null ? null : new SolarGeometry(latitude, longitude);
    }
}
