package io.solarmrv.attestation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Metered efficient equipment (the JCM methodologies for high-efficiency chillers and inverter air
 * conditioners, e.g. TH_AM005 / ID_AM002 family), as a pure function. The project equipment's
 * metered electricity EC_PJ stands for the cooling it delivered; the reference equipment would
 * have needed EC_PJ x COP_PJ / COP_RE for the same cooling:
 * RE = EC_PJ x (COP_PJ / COP_RE) x EF, PE = EC_PJ x EF, ER = RE - PE, never negative.
 *
 * <p>Conservative treatment (ARCHITECTURE.md invariant 3): EC_PJ is the credited consumption
 * (quality exclusions lower it, and a lower EC_PJ lowers ER); the COP ratio is rounded down to
 * {@link #RATIO_SCALE} decimals, so the result never exceeds the exact one; the reference COP is
 * the methodology's conservative default (set above business-as-usual, which lowers RE).
 */
public final class MeteredEquipmentCop {
    /** Decimals kept of COP_PJ / COP_RE (rounded down). */
    public static final int RATIO_SCALE = 6;
    private static final BigDecimal WH_PER_MWH = BigDecimal.valueOf(1_000_000);

    private MeteredEquipmentCop() {
    }

    /**
     * The parameters, as data, from the project's registration.
     *
     * @param methodology        the methodology and version the project follows, e.g. "JCM TH_AM005 ver01.0"
     * @param projectCop         COP_PJ: the project equipment's rated COP (manufacturer's specification)
     * @param referenceCop       COP_RE: the reference equipment's COP, the methodology's default
     * @param emissionFactor     EF: tCO2/MWh of the electricity the equipment uses
     */
    public record Parameters(String methodology, BigDecimal projectCop, BigDecimal referenceCop, BigDecimal emissionFactor) {
        public Parameters {
            if (methodology == null || methodology.isBlank()) {
                throw new IllegalArgumentException("metered equipment: the methodology and its version are required");
            }
            if (projectCop == null || projectCop.signum() <= 0 || referenceCop == null || referenceCop.signum() <= 0) {
                throw new IllegalArgumentException(methodology + ": COP_PJ and COP_RE must be above 0, were "
                        + projectCop + " and " + referenceCop);
            }
            if (emissionFactor == null || emissionFactor.signum() < 0) {
                throw new IllegalArgumentException(methodology + ": the emission factor must be >= 0, was " + emissionFactor);
            }
        }

        /** COP_PJ / COP_RE, rounded down to {@link #RATIO_SCALE} decimals. */
        public BigDecimal copRatio() {
            return projectCop.divide(referenceCop, RATIO_SCALE, RoundingMode.FLOOR);
        }
    }

    /** ER in tCO2 for the credited consumption EC_PJ (Wh): exact given the rounded ratio, never negative. */
    public static BigDecimal tonnes(long creditedConsumptionWh, Parameters p) {
        if (creditedConsumptionWh < 0) {
            throw new IllegalArgumentException(p.methodology() + ": consumption must not be negative, was "
                    + creditedConsumptionWh + " Wh");
        }
        BigDecimal consumptionMwh = BigDecimal.valueOf(creditedConsumptionWh).divide(WH_PER_MWH);
        BigDecimal reference = consumptionMwh.multiply(p.copRatio()).multiply(p.emissionFactor());
        BigDecimal project = consumptionMwh.multiply(p.emissionFactor());
        BigDecimal reduction = reference.subtract(project);
        return (reduction.signum() < 0 ? BigDecimal.ZERO : reduction).stripTrailingZeros();
    }
}
