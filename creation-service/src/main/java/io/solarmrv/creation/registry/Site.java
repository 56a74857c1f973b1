package io.solarmrv.creation.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Where devices stand; latitude and longitude place the sun for the night-generation rule; {@code
 * timeZone} (an IANA id such as {@code Asia/Tokyo}, optional) is the local time the pages show.
 */
@Serdeable
public record Site(String id, String name, Double latitude, Double longitude, @Nullable String timeZone) {
    /** A site whose pages show UTC. */
    public Site(String id, String name, Double latitude, Double longitude) {
        this(id, name, latitude, longitude, null);
    }

    /** Throws {@link IllegalArgumentException} naming the first field that is wrong. */
    void check() {
        Device.checkId("id", id);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("'name' is required");
        }
        if (latitude == null || latitude < -90 || latitude > 90) {
            throw new IllegalArgumentException("'latitude' must be between -90 and 90, was " + latitude);
        }
        if (longitude == null || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("'longitude' must be between -180 and 180, was " + longitude);
        }
        if (timeZone != null && !java.time.ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw new IllegalArgumentException("'timeZone' must be an IANA time zone such as Asia/Tokyo, was '" + timeZone + "'");
        }
    }
}
