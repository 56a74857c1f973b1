package io.solarmrv.attestation;

/**
 * A storage battery's energy over a period, and the energy it withholds from the PV electricity a
 * site is credited with. The meters cannot tell PV-charged energy from grid-charged energy, nor
 * whose energy the battery held when the period began, so the rule is the lower bound that holds
 * whatever the mix:
 *
 * <pre>
 *   withheld = C - X + S
 * </pre>
 *
 * where C is the energy charged into the battery in the period, X the energy it discharged and S its
 * rated capacity (the most it could have held, from any source, when the period began). With G the
 * PV generation and E the site's export, G = D + E_pv + C_pv (direct use, PV exported, PV charged)
 * and the battery's discharge not from PV in the period is at most S + C_grid; so the PV
 * electricity used on site, directly or through the battery, is at least G - E - (C - X) - S. The
 * grid-charged energy, the battery's losses, what is left in it and what it held before the period
 * are all inside that bound; none of it can count. docs/METHODOLOGIES.md derives it step by step.
 *
 * <p>Withheld is never below zero: a battery cannot give out more than it took in and held
 * ({@code X > C + S}); readings that say it did are refused, naming the battery, never credited.
 *
 * <p>Measured conservatively from signed cumulative registers: the charge outward (from the last
 * reading at or before the start to the first at or after the end, never understated) and the
 * discharge inward (first to last reading inside the period, never overstated).
 *
 * @param battery     the battery's device id, for messages
 * @param chargeWh    energy charged in the period (the charge register, measured outward)
 * @param dischargeWh energy discharged in the period (the discharge register, measured inward)
 * @param capacityWh  the battery's rated capacity, from the registry
 */
public record BatteryEnergy(String battery, long chargeWh, long dischargeWh, long capacityWh) {
    public BatteryEnergy {
        if (chargeWh < 0 || dischargeWh < 0) {
            throw new IllegalArgumentException("battery " + battery + ": charge and discharge must not be negative, were "
                    + chargeWh + " and " + dischargeWh + " Wh");
        }
        if (capacityWh <= 0) {
            throw new IllegalArgumentException("battery " + battery + " needs its rated capacity (Wh > 0), was " + capacityWh);
        }
        if (dischargeWh > chargeWh + capacityWh) {
            throw new IllegalArgumentException("battery " + battery + " discharged " + dischargeWh + " Wh, more than it charged ("
                    + chargeWh + " Wh) plus its rated capacity (" + capacityWh + " Wh): its registers or its capacity are wrong,"
                    + " and nothing is credited through it");
        }
    }

    /** C - X + S: the energy subtracted from generation for this battery, never below zero. */
    public long withheldWh() {
        return chargeWh - dischargeWh + capacityWh;
    }

    /**
     * The charge over a period from the charge register, outward: both readings must exist and the
     * register must not go down.
     *
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    public static long chargeWh(String battery, Long registerAtOrBeforeStartWh, Long registerAtOrAfterEndWh) {
        if (registerAtOrBeforeStartWh == null || registerAtOrAfterEndWh == null) {
            throw new IllegalArgumentException("battery " + battery + " needs a charge reading at or before the period's start"
                    + " and one at or after its end (charge is measured outward, never understated); "
                    + (registerAtOrBeforeStartWh == null ? "none at or before the start" : "none at or after the end yet"));
        }
        if (registerAtOrAfterEndWh < registerAtOrBeforeStartWh) {
            throw new IllegalArgumentException("the charge register of battery " + battery + " went down from "
                    + registerAtOrBeforeStartWh + " to " + registerAtOrAfterEndWh + " Wh; the charge cannot be bounded");
        }
        return registerAtOrAfterEndWh - registerAtOrBeforeStartWh;
    }

    /**
     * The discharge over a period from the discharge register, inward: 0 without two readings in the
     * period (nothing is credited that no reading shows), refused where the register went down.
     */
    public static long dischargeWh(String battery, Long firstInPeriodWh, Long lastInPeriodWh) {
        if (firstInPeriodWh == null || lastInPeriodWh == null) {
            return 0;
        }
        if (lastInPeriodWh < firstInPeriodWh) {
            throw new IllegalArgumentException("the discharge register of battery " + battery + " went down from "
                    + firstInPeriodWh + " to " + lastInPeriodWh + " Wh in the period");
        }
        return lastInPeriodWh - firstInPeriodWh;
    }
}
