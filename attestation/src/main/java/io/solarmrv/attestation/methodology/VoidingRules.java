package io.solarmrv.attestation.methodology;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The two quality rules that void energy and depend on nothing but one device's readings of one
 * day and its nameplate (docs/QUALITY.md, with the precision and recall measured for each):
 * {@code stale} (the same non-zero power and register repeated: a frozen meter, as PVAnalytics'
 * stale-value masks find it) and {@code out_of_range} (power below the meter's tare or above its
 * nameplate with margin: the range checks IEC 61724-1 asks of monitoring data). Both void the energy
 * of the register steps they touch ({@code JcmSolarPv.VOIDING_RULES}, the conservative treatment of
 * flagged data). The stream job flags readings with them ({@code QualityRules}), and a
 * verifier re-runs them on a bundle's sampled device-days: every reading they flag must be voided in
 * the claim, or the claim counts energy the rules exclude.
 *
 * @param nameplateW    the meter's AC nameplate as registered
 * @param tare          the least plausible power, as a share of the nameplate (negative: a small
 *                      night draw is plausible)
 * @param overNameplate the greatest plausible power, as a share of the nameplate
 * @param generating    a stale run counts only where its power exceeds this share of the nameplate
 *                      (a meter at zero at night repeats itself legitimately)
 * @param staleRun      how many equal readings in a row make a stale run
 */
public record VoidingRules(long nameplateW, double tare, double overNameplate, double generating, int staleRun) {
    /** The project defaults (docs/QUALITY.md); the stream job's thresholds start from them. */
    public static final double DEFAULT_TARE = -0.02;
    public static final double DEFAULT_OVER_NAMEPLATE = 1.10;
    public static final double DEFAULT_GENERATING = 0.01;
    public static final int DEFAULT_STALE_RUN = 3;

    public VoidingRules {
        if (nameplateW <= 0) {
            throw new IllegalArgumentException("nameplate must be above 0 W, got " + nameplateW);
        }
        if (!(overNameplate > 0) || !(generating >= 0) || !(tare < overNameplate) || staleRun < 2) {
            throw new IllegalArgumentException("over-nameplate must be above 0 and above tare, generating at least 0 and"
                    + " stale-run at least 2; got tare " + tare + ", over-nameplate " + overNameplate + ", generating "
                    + generating + ", stale-run " + staleRun);
        }
    }

    /** The rules with the project defaults for a meter of this nameplate. */
    public static VoidingRules defaults(long nameplateW) {
        return new VoidingRules(nameplateW, DEFAULT_TARE, DEFAULT_OVER_NAMEPLATE, DEFAULT_GENERATING, DEFAULT_STALE_RUN);
    }

    /** Which points are in a stale run: {@code run} or more equal powers (and registers, if given) above {@code generating} x nameplate. */
    public static boolean[] stale(double[] power, double[] register, double nameplateW, double generating, int run) {
        boolean[] flagged = new boolean[power.length];
        int start = 0;
        for (int i = 1; i <= power.length; i++) {
            boolean same = i < power.length && !Double.isNaN(power[i]) && power[i] == power[i - 1]
                    && (register == null || register[i] == register[i - 1]);
            if (!same) {
                if (i - start >= run && power[start] > generating * nameplateW) {
                    for (int j = start; j < i; j++) {
                        flagged[j] = true;
                    }
                }
                start = i;
            }
        }
        return flagged;
    }

    /** Which points lie below {@code tare} x nameplate or above {@code overNameplate} x nameplate. */
    public static boolean[] outOfRange(double[] power, double nameplateW, double tare, double overNameplate) {
        boolean[] flagged = new boolean[power.length];
        for (int i = 0; i < power.length; i++) {
            flagged[i] = !Double.isNaN(power[i]) && (power[i] < tare * nameplateW || power[i] > overNameplate * nameplateW);
        }
        return flagged;
    }

    /**
     * The sequences among a device's consecutive readings of one day (in sequence order) that these
     * rules flag.
     */
    public SortedSet<Long> flagged(List<io.solarmrv.attestation.Reading> day) {
        double[] power = new double[day.size()];
        double[] register = new double[day.size()];
        for (int i = 0; i < day.size(); i++) {
            power[i] = day.get(i).powerW();
            register[i] = day.get(i).energyRegisterWh();
        }
        boolean[] stale = stale(power, register, nameplateW, generating, staleRun);
        boolean[] outOfRange = outOfRange(power, nameplateW, tare, overNameplate);
        SortedSet<Long> flagged = new TreeSet<>();
        for (int i = 0; i < day.size(); i++) {
            if (stale[i] || outOfRange[i]) {
                flagged.add(day.get(i).sequence());
            }
        }
        return flagged;
    }
}
