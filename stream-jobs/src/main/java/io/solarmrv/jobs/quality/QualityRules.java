package io.solarmrv.jobs.quality;

import io.solarmrv.attestation.methodology.QualityRule;
import io.solarmrv.attestation.SolarGeometry;
import io.solarmrv.attestation.methodology.VoidingRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Quality flags for a regularly sampled AC power series, after the checks PV monitoring practice
 * uses (NREL PVAnalytics; IEC 61724-1 data quality). Flags never delete: each point gets the names
 * of the rules it trips. Pure functions over arrays, so the stream job and {@code mrv qc} share them.
 *
 * <ul>
 * <li>{@code out_of_range}: below the tare (-2% of nameplate) or above nameplate x 1.1;</li>
 * <li>{@code stale}: 3 or more identical consecutive values while generating (above 1% of nameplate);
 *     where the energy register is known, only if it did not move either: a register that advances
 *     under a repeated power value is a meter quantising a smooth curve, not a frozen device;</li>
 * <li>{@code interpolated}: interior points of 4 or more consecutive points on one straight,
 *     non-flat line while generating (the signature of gap filling); for a device reporting on a
 *     grid of R W (SunSpec 10^W_SF, read from its values: {@link #reportingGrid}), only runs with a
 *     point off that grid, since a smooth curve read every minute on a 100 W grid is locally a
 *     straight line of equal steps;</li>
 * <li>{@code spike}: a single point that no cloud explains. Hampel filter, window +-3 points: further
 *     than 3 scaled MADs and 5% of nameplate from the window median; isolated: more than 30% of
 *     nameplate from both neighbours, the same way (a ramp or a step is clouds coming or going); and
 *     implausible: upward, above every other point of its day (a sun break between clouds never
 *     beats the day's clear spells); downward, negative or under 20% of the lower neighbour (a
 *     dropout: a cloud's diffuse light keeps more). PVAnalytics' outlier checks look at a point
 *     against its day's profile, not its neighbours alone, for the same reason;</li>
 * <li>{@code clipping} (tag only): at least 3 consecutive points within 0.5% of nameplate of each
 *     other, at or above 95% of the day's maximum and above 50% of nameplate;</li>
 * <li>{@code night_generation} (needs timestamps and the site): generating (above 1% of nameplate)
 *     while the sun is more than 3 degrees below the horizon (NOAA solar position; the margin
 *     absorbs twilight and the equations' error, so a clock shifted by more than about 15 minutes
 *     shows up at dawn or dusk);</li>
 * <li>{@code timestamp_shift} (needs timestamps and the site; {@code mrv qc} over several days): a
 *     day whose dawn and dusk generation both moved the same way by more than 30 minutes from the
 *     previous 7 days' medians (a clock that jumped);</li>
 * <li>{@code incomplete_day} (needs the poll interval): every point of a day holding under 90% of
 *     the points it should; {@code after_gap}: a point more than 1.5 poll intervals after the one
 *     before it;</li>
 * <li>{@code irradiance_out_of_range} (needs a plane-of-array irradiance sensor): irradiance below
 *     -4 W/m2, above 1,500 W/m2, or above 50 W/m2 with the sun more than 3 degrees below the horizon;
 *     {@code power_above_irradiance}: more power than the irradiance can give, above
 *     nameplate x (1.5 x G / 1,000 W/m2 + 5%), where G passed its own bounds;</li>
 * <li>{@code clock_ahead} (the stream job, which knows when each reading arrived): stamped more than
 *     5 minutes after the pipeline received it;</li>
 * <li>{@code clock_backwards} (the stream job, which sees a device's readings in sequence order):
 *     stamped before a reading the device signed earlier (a clock set back). Its time cannot be
 *     trusted, and it would put register already counted in one period into the one before; the
 *     flag voids the steps touching it, in whichever period its time falls;</li>
 * <li>{@code register_decrease} (needs the register): the cumulative energy register went down
 *     (rollback, meter replacement or reset);</li>
 * <li>{@code register_jump} (needs the register and timestamps; {@link #registerJumps}): the register
 *     rose by more than the device could deliver at nameplate x 1.1 since it first showed its previous
 *     value, plus {@code jump-allowance-wh} (default 1 kWh, a register's coarsest resolution): a meter
 *     swapped for one whose register starts higher, or a register written to. It voids the steps
 *     touching the reading, so the jump is never counted as generation;</li>
 * <li>{@code register_power_mismatch} (needs the register and timestamps): over a step of at most
 *     one hour, the register's increase lies outside what the lower and the higher of the two power
 *     samples deliver over the step (power that moves once between samples, as at a cloud's edge,
 *     stays within that range) by more than 20% of the larger and by more than 5% of nameplate x the
 *     step's duration (samples miss what clouds do between them, so the tolerance is wide: the rule
 *     is for meters that disagree grossly, e.g. a register that counts while power reads zero).</li>
 * </ul>
 * Thresholds are {@link QualityThresholds} (documented defaults), configurable per project.
 */
public final class QualityRules {
    private QualityRules() {
    }

    /**
     * @param power      AC power per interval, W (NaN for a missing value, which trips nothing)
     * @param dayIndex   the local day each point belongs to (for the clipping rule's daily maximum)
     */
    public static List<TreeSet<String>> flag(double[] power, int[] dayIndex, double nameplateW, QualityThresholds t) {
        return flag(power, null, dayIndex, nameplateW, t);
    }

    /**
     * The same, with the cumulative energy register at each point ({@code null} if unknown), which
     * the stale rule uses to tell a frozen device from a coarse but live one.
     */
    public static List<TreeSet<String>> flag(double[] power, double[] registerWh, int[] dayIndex, double nameplateW,
                                             QualityThresholds t) {
        return flag(power, registerWh, null, dayIndex, nameplateW, null, t);
    }

    /**
     * All rules: with the time of each point ({@code null} if unknown: the register-vs-power rule
     * is then skipped) and the site ({@code null} if unknown: the night rule is then skipped).
     * Power may be NaN where only the register is known, and the register NaN where unknown.
     */
    public static List<TreeSet<String>> flag(double[] power, double[] registerWh, long[] epochMillis, int[] dayIndex,
                                             double nameplateW, SolarGeometry site, QualityThresholds t) {
        return flag(power, registerWh, epochMillis, dayIndex, nameplateW, site, t, new ArrayList<>());
    }

    /**
     * All rules, continuing a series whose earlier days' dawn and dusk are in {@code shiftHistory}
     * (minutes from solar noon, oldest first; the stream job keeps them per device between days).
     * The days of this input are appended to it.
     */
    public static List<TreeSet<String>> flag(double[] power, double[] registerWh, long[] epochMillis, int[] dayIndex,
                                             double nameplateW, SolarGeometry site, QualityThresholds t,
                                             List<double[]> shiftHistory) {
        if (registerWh != null && registerWh.length != power.length) {
            throw new IllegalArgumentException("one register value per power value");
        }
        if (epochMillis != null && epochMillis.length != power.length) {
            throw new IllegalArgumentException("one timestamp per power value");
        }
        List<TreeSet<String>> flags = new ArrayList<>();
        for (int i = 0; i < power.length; i++) {
            flags.add(new TreeSet<>());
        }
        outOfRange(power, nameplateW, t, flags);
        stale(power, registerWh, nameplateW, t, flags);
        interpolated(power, nameplateW, t, flags);
        spikes(power, dayIndex, nameplateW, t, flags);
        clipping(power, dayIndex, nameplateW, t, flags);
        if (epochMillis != null && site != null) {
            nightGeneration(power, epochMillis, site, nameplateW, t, flags);
            timestampShifts(power, epochMillis, dayIndex, site, nameplateW, t, flags, shiftHistory);
        }
        if (registerWh != null) {
            registerDecrease(registerWh, flags);
            if (epochMillis != null) {
                registerPowerMismatch(power, registerWh, epochMillis, nameplateW, t, flags);
            }
        }
        return flags;
    }

    static void nightGeneration(double[] p, long[] epochMillis, SolarGeometry site, double nameplate, QualityThresholds t,
                                List<TreeSet<String>> flags) {
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i]) && p[i] > t.generating() * nameplate
                    && site.elevationDegrees(Instant.ofEpochMilli(epochMillis[i])) < t.nightElevationDeg()) {
                flags.get(i).add(QualityRule.NIGHT_GENERATION.id());
            }
        }
    }

    /**
     * {@code timestamp_shift}: a day whose first and last generating points (dawn and dusk as the
     * device saw them, relative to solar noon) both moved the same way by more than
     * {@code shiftMinutes} from the medians of the previous {@code shiftBaselineDays} days (after
     * PVAnalytics' daily solar-noon shift detection). A clock that jumps moves dawn and dusk
     * together; clouds move one of them, or both inward. Comparing with the device's own recent
     * days, not with the sun, keeps an east- or west-facing array from being flagged for its
     * orientation; a change of clock (a gateway clock that jumped, a time zone or daylight-saving
     * error) is flagged from the day it happens until the baseline has moved with it. A day counts
     * only with at least 8 generating points.
     */
    static void timestampShifts(double[] p, long[] epochMillis, int[] dayIndex, SolarGeometry site, double nameplate,
                                QualityThresholds t, List<TreeSet<String>> flags, List<double[]> history) {
        java.util.LinkedHashMap<Integer, List<Integer>> days = new java.util.LinkedHashMap<>();
        for (int i = 0; i < p.length; i++) {
            days.computeIfAbsent(dayIndex[i], d -> new ArrayList<>()).add(i);
        }
        for (List<Integer> points : days.values()) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            int generating = 0;
            for (int i : points) {
                if (!Double.isNaN(p[i]) && p[i] > t.generating() * nameplate) {
                    first = Math.min(first, epochMillis[i]);
                    last = Math.max(last, epochMillis[i]);
                    generating++;
                }
            }
            if (generating < 8) {
                continue;
            }
            long noon = solarNoonNear(site, (first + last) / 2);
            double[] today = {(first - noon) / 60_000.0, (last - noon) / 60_000.0};
            if (history.size() >= 3) {
                List<double[]> recent = history.subList(Math.max(0, history.size() - t.shiftBaselineDays()), history.size());
                double dawnMoved = today[0] - median(recent, 0);
                double duskMoved = today[1] - median(recent, 1);
                if (Math.abs(dawnMoved) > t.shiftMinutes() && Math.abs(duskMoved) > t.shiftMinutes()
                        && Math.signum(dawnMoved) == Math.signum(duskMoved)) {
                    for (int i : points) {
                        flags.get(i).add(QualityRule.TIMESTAMP_SHIFT.id());
                    }
                }
            }
            history.add(today);
        }
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    /** The instant within 6 hours of {@code around} at which the sun is highest, to the minute. */
    static long solarNoonNear(SolarGeometry site, long around) {
        long best = around;
        double highest = -2;
        for (long m = around - 6 * 3_600_000L; m <= around + 6 * 3_600_000L; m += 60_000) {
            double cos = site.cosZenith(Instant.ofEpochMilli(m));
            if (cos > highest) {
                highest = cos;
                best = m;
            }
        }
        return best;
    }

    /**
     * {@code incomplete_day} (daily completeness, IEC 61724-1's data availability): every point of a
     * day that holds fewer than {@code completeDayShare} (default 90 %) of the points a day of
     * {@code intervalMillis} steps should. The first and last day of the input are left alone: a
     * file or a window starts and ends mid-day by construction, not because data went missing.
     */
    public static void incompleteDays(long[] epochMillis, int[] dayIndex, long intervalMillis, QualityThresholds t,
                                      List<TreeSet<String>> flags) {
        if (epochMillis.length == 0) {
            return;
        }
        java.util.LinkedHashMap<Integer, List<Integer>> days = new java.util.LinkedHashMap<>();
        for (int i = 0; i < epochMillis.length; i++) {
            days.computeIfAbsent(dayIndex[i], d -> new ArrayList<>()).add(i);
        }
        int first = dayIndex[0];
        int last = dayIndex[dayIndex.length - 1];
        days.forEach((day, points) -> {
            if (day != first && day != last && incompleteDay(points.size(), intervalMillis, t)) {
                for (int i : points) {
                    flags.get(i).add(QualityRule.INCOMPLETE_DAY.id());
                }
            }
        });
    }

    /**
     * {@code clock_ahead} (the stream job; IEC 61724-1 time stamps): a reading stamped more than
     * {@code clockAheadMillis} (default 5 minutes) after the pipeline received it. A device or
     * gateway clock that runs ahead puts energy into the wrong interval; one behind is
     * indistinguishable from a backlog and is not flagged. Receipt times unknown
     * ({@link Long#MIN_VALUE}) trip nothing.
     */
    public static void clockAhead(long[] epochMillis, long[] receivedMillis, QualityThresholds t, List<TreeSet<String>> flags) {
        for (int i = 0; i < epochMillis.length; i++) {
            if (receivedMillis[i] != Long.MIN_VALUE && epochMillis[i] - receivedMillis[i] > t.clockAheadMillis()) {
                flags.get(i).add(QualityRule.CLOCK_AHEAD.id());
            }
        }
    }

    /**
     * The irradiance rules, for a series that carries a plane-of-array irradiance sensor (W/m2; NaN
     * where missing), after PVAnalytics' QCRad limits and IEC 61724-1's irradiance checks.
     * {@code irradiance_out_of_range}: below -4 W/m2 (the QCRad lower limit: a sensor's night
     * offset is a few W/m2), above {@code irradianceMax} (cloud enhancement briefly reaches about
     * 1,400 W/m2 on the plane of array, nothing natural 1,500), or, where the site is known, above
     * 50 W/m2 while the sun is below the night elevation. {@code power_above_irradiance}: AC power
     * above nameplate x ({@code irradiancePowerRatio} x G / 1,000 + {@code spikeFloor}). An array's
     * AC power per AC nameplate per kW/m2 is its DC/AC ratio x its efficiency, about 1.1-1.3 for
     * usual designs; 1.5 leaves room for cold cells and a sensor that lags the array under moving
     * clouds. More power than that is a meter reading high or a sensor reading low: both matter,
     * since a meter that reads high overstates. Less power than the irradiance promises (soiling,
     * shading, an outage) costs credits, never adds them, and is not flagged.
     */
    public static void irradiance(double[] power, double[] irradianceWm2, long[] epochMillis, SolarGeometry site,
                                  double nameplate, QualityThresholds t, List<TreeSet<String>> flags) {
        for (int i = 0; i < power.length; i++) {
            double g = irradianceWm2[i];
            if (Double.isNaN(g)) {
                continue;
            }
            boolean dark = site != null && g > 50
                    && site.elevationDegrees(Instant.ofEpochMilli(epochMillis[i])) < t.nightElevationDeg();
            if (g < -4 || g > t.irradianceMax() || dark) {
                flags.get(i).add(QualityRule.IRRADIANCE_OUT_OF_RANGE.id());
            } else if (!Double.isNaN(power[i])
                    && power[i] > nameplate * (t.irradiancePowerRatio() * Math.max(0, g) / 1_000 + t.spikeFloor())) {
                flags.get(i).add(QualityRule.POWER_ABOVE_IRRADIANCE.id());
            }
        }
    }

    /** Whether a whole day holding {@code points} readings taken every {@code intervalMillis} is incomplete. */
    public static boolean incompleteDay(int points, long intervalMillis, QualityThresholds t) {
        return points < t.completeDayShare() * (86_400_000.0 / intervalMillis);
    }

    /**
     * {@code after_gap}: a point more than 1.5 intervals after the one before it (the first point
     * is compared with {@code previousMillis}, or with nothing if that is {@link Long#MIN_VALUE}).
     */
    public static void afterGaps(long[] epochMillis, long previousMillis, long intervalMillis, List<TreeSet<String>> flags) {
        long before = previousMillis;
        for (int i = 0; i < epochMillis.length; i++) {
            if (before != Long.MIN_VALUE && epochMillis[i] - before > intervalMillis * 3 / 2) {
                flags.get(i).add(QualityRule.AFTER_GAP.id());
            }
            before = epochMillis[i];
        }
    }

    /**
     * {@code clock_backwards}: a reading, in sequence order, stamped before the latest time any
     * earlier reading of the device carried ({@code previousMillis}: the latest of the days before,
     * or {@link Long#MIN_VALUE} if none). Sequence numbers are the agent's, one per poll, so only a
     * clock set back makes time run against them; IEC 61724-1 asks for monotonic time stamps.
     */
    public static void clockBackwards(long[] epochMillis, long previousMillis, List<TreeSet<String>> flags) {
        long latest = previousMillis;
        for (int i = 0; i < epochMillis.length; i++) {
            if (latest != Long.MIN_VALUE && epochMillis[i] < latest) {
                flags.get(i).add(QualityRule.CLOCK_BACKWARDS.id());
            }
            latest = Math.max(latest, epochMillis[i]);
        }
    }

    static void registerDecrease(double[] register, List<TreeSet<String>> flags) {
        double last = Double.NaN;
        for (int i = 0; i < register.length; i++) {
            if (Double.isNaN(register[i])) {
                continue;
            }
            if (register[i] < last) {
                flags.get(i).add(QualityRule.REGISTER_DECREASE.id());
            }
            last = register[i];
        }
    }

    /**
     * Where a register stood before a series: its value and the time of the first reading that
     * showed it (a register that sits still while energy accrues below its resolution is allowed all
     * of that time when it moves on). The job keeps one per device from one day to the next.
     */
    public record RegisterRun(double registerWh, long sinceMillis) implements java.io.Serializable {
    }

    /**
     * {@code register_jump}: a rise from a register's previous value R to R' at time t such that
     * R' - R > overNameplate x nameplate x (t - s) + jumpAllowanceWh, where s is when R was first
     * shown. No meter can count more than its generator delivers: the true register at s is below
     * R + resolution and at most nameplate x 1.1 x (t - s) higher at t, so with the allowance at least
     * the register's resolution a healthy meter never trips it, however coarse or slow its polling.
     * A decrease starts a new run (it is {@code register_decrease}'s to flag).
     *
     * @param before where the register stood before the first point (null: unknown, the first point starts a run)
     * @return where it stands after the last point, to carry into the next series
     */
    public static RegisterRun registerJumps(double[] register, long[] epochMillis, double nameplate, QualityThresholds t,
                                            RegisterRun before, List<TreeSet<String>> flags) {
        RegisterRun run = before;
        for (int i = 0; i < register.length; i++) {
            if (Double.isNaN(register[i])) {
                continue;
            }
            if (run == null || register[i] < run.registerWh()) {
                run = new RegisterRun(register[i], epochMillis[i]);
                continue;
            }
            if (register[i] == run.registerWh()) {
                continue;
            }
            double hours = Math.max(0, epochMillis[i] - run.sinceMillis()) / 3_600_000.0;
            if (register[i] - run.registerWh() > t.overNameplate() * nameplate * hours + t.jumpAllowanceWh()) {
                flags.get(i).add(QualityRule.REGISTER_JUMP.id());
            }
            run = new RegisterRun(register[i], epochMillis[i]);
        }
        return run;
    }

    static void registerPowerMismatch(double[] p, double[] register, long[] epochMillis, double nameplate, QualityThresholds t,
                                      List<TreeSet<String>> flags) {
        for (int i = 1; i < p.length; i++) {
            long stepMillis = epochMillis[i] - epochMillis[i - 1];
            if (stepMillis <= 0 || stepMillis > t.mismatchMaxStepMillis() || Double.isNaN(p[i]) || Double.isNaN(p[i - 1])
                    || Double.isNaN(register[i]) || Double.isNaN(register[i - 1]) || register[i] < register[i - 1]) {
                continue;
            }
            double hours = stepMillis / 3_600_000.0;
            double fromRegister = register[i] - register[i - 1];
            // Power that moves once between the samples (a cloud's edge) delivers between the lower and
            // the higher sample's power over the step: only a register outside that range disagrees.
            double low = Math.max(0, Math.min(p[i], p[i - 1])) * hours;
            double high = Math.max(0, Math.max(p[i], p[i - 1])) * hours;
            double difference = fromRegister < low ? low - fromRegister : Math.max(0, fromRegister - high);
            if (difference > t.mismatchOfLarger() * Math.max(fromRegister, high)
                    && difference > t.mismatchFloor() * nameplate * hours) {
                flags.get(i).add(QualityRule.REGISTER_POWER_MISMATCH.id());
            }
        }
    }

    static void outOfRange(double[] p, double nameplate, QualityThresholds t, List<TreeSet<String>> flags) {
        mark(VoidingRules.outOfRange(p, nameplate, t.tare(), t.overNameplate()), QualityRule.OUT_OF_RANGE.id(), flags);
    }

    static void stale(double[] p, double[] register, double nameplate, QualityThresholds t, List<TreeSet<String>> flags) {
        mark(VoidingRules.stale(p, register, nameplate, t.generating(), t.staleRun()), QualityRule.STALE.id(), flags);
    }

    private static void mark(boolean[] flagged, String rule, List<TreeSet<String>> flags) {
        for (int i = 0; i < flagged.length; i++) {
            if (flagged[i]) {
                flags.get(i).add(rule);
            }
        }
    }

    static void interpolated(double[] p, double nameplate, QualityThresholds t, List<TreeSet<String>> flags) {
        double tolerance = 1e-6 * nameplate;
        double grid = reportingGrid(p);
        int start = 0;   // first point of the current straight run
        for (int i = 2; i <= p.length; i++) {
            boolean straight = i < p.length && !Double.isNaN(p[i]) && !Double.isNaN(p[i - 1]) && !Double.isNaN(p[i - 2])
                    && Math.abs((p[i] - p[i - 1]) - (p[i - 1] - p[i - 2])) <= tolerance
                    && Math.abs(p[i] - p[i - 1]) > tolerance;
            if (!straight) {
                int end = i - 1;   // last point of the run
                if (end - start + 1 >= t.interpolationRun() && (grid <= 1 || offGrid(p, start + 1, end, grid))) {
                    for (int j = start + 1; j < end; j++) {
                        if (p[j] > t.generating() * nameplate) {
                            flags.get(j).add(QualityRule.INTERPOLATED.id());
                        }
                    }
                }
                start = i - 1;
            }
        }
    }

    /**
     * The step a device reports its power in (SunSpec: 10^W_SF W), as its values show it: the
     * largest power of ten, 1 W to 1 MW, that 95 % of the non-zero values are whole multiples of (a
     * few filled or glitched values do not hide it); 0 where values are not whole W (already scaled
     * or averaged).
     * A smooth curve read on a grid of 100 W is locally a straight line of equal 100 W multiples, so
     * a straight run is taken for gap filling there only if it leaves the grid ({@link #offGrid}).
     */
    static double reportingGrid(double[] p) {
        int nonZero = 0;
        int[] multiples = new int[7];   // multiples[k]: values that are whole multiples of 10^k (k = 0: whole W)
        for (double v : p) {
            if (Double.isNaN(v) || v == 0) {
                continue;
            }
            nonZero++;
            if (v != Math.rint(v) || Math.abs(v) > 1e15) {
                continue;
            }
            long w = Math.abs((long) v);
            for (int k = 0, step = 1; k < multiples.length; k++, step *= 10) {
                if (w % step == 0) {
                    multiples[k]++;
                }
            }
        }
        for (int k = multiples.length - 1, step = 1_000_000; k >= 0; k--, step /= 10) {
            if (nonZero > 0 && multiples[k] >= GRID_SHARE * nonZero) {
                return step;
            }
        }
        return 0;
    }

    /** The share of a series' non-zero values on a grid for the series to be read as reported on it. */
    static final double GRID_SHARE = 0.95;

    /** Whether some point of {@code p[from, to)} is not a whole multiple of {@code grid}: a value the device did not report. */
    private static boolean offGrid(double[] p, int from, int to, double grid) {
        for (int j = from; j < to; j++) {
            if (Math.IEEEremainder(p[j], grid) != 0) {
                return true;
            }
        }
        return false;
    }

    static void spikes(double[] p, int[] day, double nameplate, QualityThresholds t, List<TreeSet<String>> flags) {
        int k = t.hampelHalfWindow();
        DailyTop top = DailyTop.of(p, day);
        for (int i = 1; i < p.length - 1; i++) {
            if (Double.isNaN(p[i]) || Double.isNaN(p[i - 1]) || Double.isNaN(p[i + 1])) {
                continue;
            }
            double[] window = Arrays.stream(Arrays.copyOfRange(p, Math.max(0, i - k), Math.min(p.length, i + k + 1)))
                    .filter(v -> !Double.isNaN(v)).toArray();
            double median = median(window);
            double mad = median(Arrays.stream(window).map(v -> Math.abs(v - median)).toArray());
            double deviation = Math.abs(p[i] - median);
            if (!(deviation > t.hampelSigmas() * 1.4826 * mad && deviation > t.spikeFloor() * nameplate)) {
                continue;
            }
            double fromBefore = p[i] - p[i - 1];
            double fromAfter = p[i] - p[i + 1];
            boolean isolated = Math.abs(fromBefore) > t.spikeIsolation() * nameplate && Math.abs(fromAfter) > t.spikeIsolation() * nameplate
                    && (fromBefore > 0) == (fromAfter > 0);
            if (!isolated) {
                continue;   // a ramp or a step: clouds coming or going
            }
            boolean up = fromBefore > 0;
            boolean implausible = up ? p[i] > top.maxOfOthers(day[i], p[i])
                    : p[i] < 0 || p[i] < t.spikeDropout() * Math.min(p[i - 1], p[i + 1]);
            if (implausible) {
                flags.get(i).add(QualityRule.SPIKE.id());
            }
        }
    }

    /** Each day's largest and second-largest value, so the largest of a day's other points is O(1). */
    private record DailyTop(java.util.Map<Integer, double[]> top) {
        static DailyTop of(double[] p, int[] day) {
            java.util.Map<Integer, double[]> top = new java.util.HashMap<>();
            for (int i = 0; i < p.length; i++) {
                if (Double.isNaN(p[i])) {
                    continue;
                }
                double[] t = top.computeIfAbsent(day[i], d -> new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY});
                if (p[i] > t[0]) {
                    t[1] = t[0];
                    t[0] = p[i];
                } else if (p[i] > t[1]) {
                    t[1] = p[i];
                }
            }
            return new DailyTop(top);
        }

        /** The day's largest value other than one point holding {@code value} (its second-largest if that point is the top). */
        double maxOfOthers(int day, double value) {
            double[] t = top.get(day);
            return value == t[0] ? t[1] : t[0];
        }
    }

    static void clipping(double[] p, int[] day, double nameplate, QualityThresholds t, List<TreeSet<String>> flags) {
        java.util.Map<Integer, Double> dailyMax = new java.util.HashMap<>();
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                dailyMax.merge(day[i], p[i], Math::max);
            }
        }
        int start = 0;
        for (int i = 1; i <= p.length; i++) {
            boolean continues = i < p.length && candidate(p, day, i, nameplate, t, dailyMax)
                    && candidate(p, day, i - 1, nameplate, t, dailyMax)
                    && Math.abs(p[i] - p[i - 1]) <= t.clippingBand() * nameplate;
            if (!continues) {
                if (i - start >= t.clippingRun()) {
                    for (int j = start; j < i; j++) {
                        flags.get(j).add(QualityRule.CLIPPING.id());
                    }
                }
                start = i;
            }
        }
    }

    private static boolean candidate(double[] p, int[] day, int i, double nameplate, QualityThresholds t,
                                     java.util.Map<Integer, Double> dailyMax) {
        return !Double.isNaN(p[i]) && p[i] >= t.clippingFloor() * nameplate
                && p[i] >= t.clippingOfDailyMax() * dailyMax.getOrDefault(day[i], Double.MAX_VALUE);
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
