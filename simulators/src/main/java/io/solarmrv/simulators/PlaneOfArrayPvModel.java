package io.solarmrv.simulators;

import io.solarmrv.attestation.SolarGeometry;
import java.time.Instant;
import java.time.ZoneId;

/**
 * AC power of a tilted PV array, step by step as PV modelling practice does it (pvlib's chain, in
 * its simplest published forms):
 * <ol>
 *   <li>clear-sky global horizontal irradiance (Haurwitz, {@link ClearSkyPvModel#clearSkyGhi}),
 *       times the {@link CloudCover}'s transmittance;</li>
 *   <li>split into beam and diffuse by the Erbs correlation on the clearness index;</li>
 *   <li>transposed to the plane of array with the isotropic sky (Liu and Jordan) and ground
 *       reflection at albedo 0.2;</li>
 *   <li>cell temperature by the NOCT model (45 C) from a daily ambient temperature curve, and DC
 *       power derated by -0.4 %/C from 25 C;</li>
 *   <li>AC: 96 % inverter efficiency, clipped at the AC nameplate.</li>
 * </ol>
 *
 * @param tiltDeg     the array's tilt from horizontal
 * @param azimuthDeg  the direction the array faces, clockwise from north (180 = south)
 * @param dcRatingW   the array's DC rating at 1,000 W/m2 and 25 C
 * @param nameplateW  the inverter's AC rating (clipping)
 * @param ambientMinC the day's lowest ambient temperature (at 05:00 local), C
 * @param ambientMaxC the day's highest (at 14:00 local), C
 */
public record PlaneOfArrayPvModel(SolarGeometry site, double tiltDeg, double azimuthDeg, long dcRatingW, long nameplateW,
                                  CloudCover clouds, double ambientMinC, double ambientMaxC, ZoneId zone) implements PowerProfile {
    static final double SOLAR_CONSTANT = 1367;
    static final double ALBEDO = 0.2;
    static final double NOCT_C = 45;
    static final double POWER_TEMPERATURE_COEFFICIENT = -0.004;
    static final double INVERTER_EFFICIENCY = 0.96;

    public PlaneOfArrayPvModel {
        if (tiltDeg < 0 || tiltDeg > 90 || azimuthDeg < 0 || azimuthDeg >= 360) {
            throw new IllegalArgumentException("tilt must be 0-90 and azimuth 0-360 degrees, were " + tiltDeg + " and " + azimuthDeg);
        }
        if (dcRatingW <= 0 || nameplateW <= 0 || ambientMaxC < ambientMinC) {
            throw new IllegalArgumentException("ratings must be > 0 W and the ambient range min <= max");
        }
    }

    /** Irradiance on the plane of the array, W/m2, before temperature effects. */
    public double planeOfArrayIrradiance(Instant instant) {
        double cosZenith = site.cosZenith(instant);
        if (cosZenith <= 0.01) {
            return 0;
        }
        double ghi = ClearSkyPvModel.clearSkyGhi(cosZenith) * clouds.transmittance(instant);
        double dhi = ghi * diffuseFraction(ghi / (SOLAR_CONSTANT * cosZenith));
        double dni = (ghi - dhi) / cosZenith;
        double tilt = Math.toRadians(tiltDeg);
        double sinZenith = Math.sqrt(1 - cosZenith * cosZenith);
        double cosIncidence = cosZenith * Math.cos(tilt)
                + sinZenith * Math.sin(tilt) * Math.cos(Math.toRadians(site.azimuthDegrees(instant) - azimuthDeg));
        return Math.max(0, dni * cosIncidence) + dhi * (1 + Math.cos(tilt)) / 2 + ghi * ALBEDO * (1 - Math.cos(tilt)) / 2;
    }

    /** Erbs et al. (1982): the diffuse share of global irradiance from the clearness index kt. */
    static double diffuseFraction(double kt) {
        if (kt <= 0.22) {
            return 1 - 0.09 * kt;
        }
        if (kt <= 0.80) {
            return 0.9511 - 0.1604 * kt + 4.388 * kt * kt - 16.638 * Math.pow(kt, 3) + 12.336 * Math.pow(kt, 4);
        }
        return 0.165;
    }

    /** Ambient temperature: a cosine between the day's low at 05:00 and its high at 14:00 local time. */
    public double ambientC(Instant instant) {
        var local = instant.atZone(zone);
        double hour = local.getHour() + local.getMinute() / 60.0;
        double mean = (ambientMinC + ambientMaxC) / 2;
        double swing = (ambientMaxC - ambientMinC) / 2;
        // Rising 05:00 -> 14:00 (9 h), falling 14:00 -> 05:00 (15 h).
        double phase = hour >= 5 && hour < 14 ? Math.PI * (hour - 5) / 9 : Math.PI + Math.PI * ((hour - 14 + 24) % 24) / 15;
        return mean - swing * Math.cos(phase);
    }

    /** NOCT model: the cell runs (NOCT - 20) / 800 C hotter than the air per W/m2 on the array. */
    public double cellTemperatureC(Instant instant, double poa) {
        return ambientC(instant) + (NOCT_C - 20) / 800 * poa;
    }

    @Override
    public double powerW(Instant instant) {
        double poa = planeOfArrayIrradiance(instant);
        if (poa <= 0) {
            return 0;
        }
        double dc = dcRatingW * poa / 1000 * (1 + POWER_TEMPERATURE_COEFFICIENT * (cellTemperatureC(instant, poa) - 25));
        return Math.min(nameplateW, Math.max(0, dc * INVERTER_EFFICIENCY));
    }
}
