package io.solarmrv.attestation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The figures of a monitoring report, as the pipeline, the service and {@code mrv verify} all compute
 * them. JCM solar PV (e.g. MN_AM003, ID_AM017, TH_AM001): RE_p = EG_p x EF_RE, PE_p = 0, ER_p = RE_p - PE_p,
 * with EG in MWh and EF in tCO2/MWh. Energy enters as whole Wh from meter registers; the result is
 * exact (no binary floating point). Credits are whole tCO2 rounded down, as issuance is
 * (ARCHITECTURE.md invariant 3).
 */
public final class JcmSolarPv {
    private static final BigDecimal WH_PER_MWH = BigDecimal.valueOf(1_000_000);

    private JcmSolarPv() {
    }

    /**
     * A meter's energy in a period (ARCHITECTURE.md invariant 2): the register at the last reading at
     * or before the end minus the register at the first at or after the start. A register that went
     * down (rollback, meter swap) gives zero rather than a negative or a guessed figure (invariant 3).
     */
    public static long periodEnergyWh(long firstRegisterWh, long lastRegisterWh) {
        return Math.max(0, lastRegisterWh - firstRegisterWh);
    }

    /** ER in tCO2, exact. */
    public static BigDecimal tonnes(long energyWh, BigDecimal emissionFactorTco2PerMwh) {
        if (energyWh < 0) {
            throw new IllegalArgumentException("energy must not be negative, was " + energyWh + " Wh");
        }
        if (emissionFactorTco2PerMwh.signum() < 0) {
            throw new IllegalArgumentException("emission factor must not be negative");
        }
        return BigDecimal.valueOf(energyWh).multiply(emissionFactorTco2PerMwh)
                .divide(WH_PER_MWH).stripTrailingZeros();
    }

    /** Whole credits: ER rounded down. */
    public static long credits(BigDecimal tonnes) {
        return tonnes.setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    public static BigDecimal kilowattHours(long energyWh) {
        return BigDecimal.valueOf(energyWh).movePointLeft(3);
    }
}
