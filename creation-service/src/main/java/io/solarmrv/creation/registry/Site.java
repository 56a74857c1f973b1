package io.solarmrv.creation.registry;

import io.micronaut.serde.annotation.Serdeable;

/** Where devices stand; latitude and longitude place the sun for the night-generation rule. */
@Serdeable
public record Site(String id, String name, Double latitude, Double longitude) {
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
    }
}
