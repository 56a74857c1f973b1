package io.solarmrv.simulators;

import io.solarmrv.attestation.SolarGeometry;
import java.time.Instant;

/**
 * AC power of a PV system under a clear sky: Haurwitz global horizontal irradiance
 * (GHI = 1098 cos z exp(-0.057 / cos z) W/m2), scaled linearly so that 1000 W/m2 gives the
 * DC rating times the system derate, and clipped at the inverter's AC nameplate.
 */
public record ClearSkyPvModel(SolarGeometry site, long nameplateW, double derate) implements PowerProfile {

    private static final double STANDARD_IRRADIANCE = 1000.0;

    public ClearSkyPvModel {
        if (nameplateW <= 0) {
            throw new IllegalArgumentException("nameplateW must be > 0, was " + nameplateW);
        }
        if (derate <= 0 || derate > 1.2) {
            throw new IllegalArgumentException("derate must be in (0, 1.2], was " + derate);
        }
    }

    public static double clearSkyGhi(double cosZenith) {
        if (cosZenith <= 0) {
            return 0;
        }
        return 1098 * cosZenith * Math.exp(-0.057 / cosZenith);
    }

    @Override
    public double powerW(Instant instant) {
        double ghi = clearSkyGhi(site.cosZenith(instant));
        return Math.min(nameplateW, nameplateW * derate * ghi / STANDARD_IRRADIANCE);
    }
}
