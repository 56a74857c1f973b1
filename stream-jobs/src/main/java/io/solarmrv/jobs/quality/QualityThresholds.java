package io.solarmrv.jobs.quality;

import io.solarmrv.attestation.methodology.VoidingRules;

/**
 * Per-project thresholds, as fractions of nameplate unless named otherwise. A project changes
 * any of them by name in kebab case ({@link #with}); docs/QUALITY.md lists them with their defaults.
 */
public record QualityThresholds(double tare, double overNameplate, double generating, int staleRun, int interpolationRun,
                                int hampelHalfWindow, double hampelSigmas, double spikeFloor, double clippingBand,
                                double clippingOfDailyMax, double clippingFloor, int clippingRun, double nightElevationDeg,
                                double mismatchOfLarger, double mismatchFloor, long mismatchMaxStepMillis,
                                double shiftMinutes, int shiftBaselineDays, double completeDayShare, long clockAheadMillis,
                                double irradianceMax, double irradiancePowerRatio, long jumpAllowanceWh,
                                double spikeIsolation, double spikeDropout)
        implements java.io.Serializable {
    public QualityThresholds {
        requireAtLeast("stale-run", staleRun, 2);
        requireAtLeast("interpolation-run", interpolationRun, 3);
        requireAtLeast("hampel-half-window", hampelHalfWindow, 1);
        requireAtLeast("clipping-run", clippingRun, 2);
        requireAtLeast("shift-baseline-days", shiftBaselineDays, 1);
        requireAtLeast("clock-ahead-millis", clockAheadMillis, 0);
        requireAtLeast("jump-allowance-wh", jumpAllowanceWh, 0);
        if (!(overNameplate > 0) || !(generating >= 0) || !(completeDayShare >= 0 && completeDayShare <= 1)) {
            throw new IllegalArgumentException("over-nameplate must be above 0, generating at least 0 and "
                    + "complete-day-share between 0 and 1; got " + overNameplate + ", " + generating + ", " + completeDayShare);
        }
    }

    public static QualityThresholds defaults() {
        return new QualityThresholds(VoidingRules.DEFAULT_TARE, VoidingRules.DEFAULT_OVER_NAMEPLATE, VoidingRules.DEFAULT_GENERATING,
                VoidingRules.DEFAULT_STALE_RUN, 4, 3, 3.0, 0.05, 0.005, 0.95, 0.50, 3, -3.0, 0.20, 0.05,
                3_600_000L, 30, 7, 0.90, 300_000L, 1_500, 1.5, 1_000L, 0.30, 0.20);
    }

    /**
     * These thresholds with some replaced, named in kebab case ({@code stale-run=4}); an unknown
     * name or a value that is not a number of the threshold's kind is refused, naming it.
     */
    public QualityThresholds with(java.util.Map<String, String> changes) {
        java.lang.reflect.RecordComponent[] components = QualityThresholds.class.getRecordComponents();
        java.util.Map<String, String> unused = new java.util.TreeMap<>(changes);
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            String name = kebabCase(components[i].getName());
            String text = unused.remove(name);
            try {
                values[i] = text == null ? components[i].getAccessor().invoke(this) : parse(types[i], text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("threshold " + name + ": expected " + (types[i] == double.class
                        ? "a number" : "a whole number") + ", got '" + text + "'");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("unknown threshold(s) " + unused.keySet() + "; known: "
                    + java.util.Arrays.stream(components).map(c -> kebabCase(c.getName())).toList());
        }
        try {
            return QualityThresholds.class.getDeclaredConstructor(types).newInstance(values);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof IllegalArgumentException bad ? bad : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object parse(Class<?> type, String text) {
        if (type == int.class) {
            return Integer.valueOf(text);
        }
        return type == long.class ? (Object) Long.valueOf(text) : (Object) Double.valueOf(text);
    }

    private static String kebabCase(String camelCase) {
        return camelCase.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }

    private static void requireAtLeast(String name, long value, long least) {
        if (value < least) {
            throw new IllegalArgumentException("threshold " + name + " must be at least " + least + ", got " + value);
        }
    }
}
