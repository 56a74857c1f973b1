package io.solarmrv.attestation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Cosine of the solar zenith angle for a site and instant, using the NOAA low-precision solar
 * position equations (fractional-year declination and equation of time; accuracy well under a
 * degree, enough for a clear-sky curve).
 */
public record SolarGeometry(double latitudeDeg, double longitudeDeg) {

    public SolarGeometry {
        if (latitudeDeg < -90 || latitudeDeg > 90) {
            throw new IllegalArgumentException("latitude must be in [-90, 90], was " + latitudeDeg);
        }
        if (longitudeDeg < -180 || longitudeDeg > 180) {
            throw new IllegalArgumentException("longitude must be in [-180, 180], was " + longitudeDeg);
        }
    }

    public double cosZenith(Instant instant) {
        double[] angles = declinationAndHourAngle(instant);
        double latitude = Math.toRadians(latitudeDeg);
        return Math.sin(latitude) * Math.sin(angles[0]) + Math.cos(latitude) * Math.cos(angles[0]) * Math.cos(angles[1]);
    }

    /**
     * The sun's azimuth in degrees clockwise from north (90 east, 180 south, 270 west), from the
     * same declination and hour angle as {@link #cosZenith}.
     */
    public double azimuthDegrees(Instant instant) {
        double[] angles = declinationAndHourAngle(instant);
        double latitude = Math.toRadians(latitudeDeg);
        double fromSouth = Math.atan2(Math.sin(angles[1]),
                Math.cos(angles[1]) * Math.sin(latitude) - Math.tan(angles[0]) * Math.cos(latitude));
        return (Math.toDegrees(fromSouth) + 180 + 360) % 360;
    }

    /** NOAA: the solar declination and the hour angle (radians) at the site and instant. */
    private double[] declinationAndHourAngle(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        double hours = utc.getHour() + utc.getMinute() / 60.0 + utc.getSecond() / 3600.0;
        double gamma = 2 * Math.PI / 365.0 * (utc.getDayOfYear() - 1 + (hours - 12) / 24.0);
        double equationOfTimeMin = 229.18 * (0.000075 + 0.001868 * Math.cos(gamma) - 0.032077 * Math.sin(gamma)
                - 0.014615 * Math.cos(2 * gamma) - 0.040849 * Math.sin(2 * gamma));
        double declination = 0.006918 - 0.399912 * Math.cos(gamma) + 0.070257 * Math.sin(gamma)
                - 0.006758 * Math.cos(2 * gamma) + 0.000907 * Math.sin(2 * gamma)
                - 0.002697 * Math.cos(3 * gamma) + 0.00148 * Math.sin(3 * gamma);
        double trueSolarMinutes = hours * 60 + equationOfTimeMin + 4 * longitudeDeg;
        double hourAngle = Math.toRadians(trueSolarMinutes / 4 - 180);
        return new double[] {declination, hourAngle};
    }

    /** The sun's elevation above the horizon in degrees (negative at night), without refraction. */
    public double elevationDegrees(Instant instant) {
        return 90 - Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cosZenith(instant)))));
    }
}
