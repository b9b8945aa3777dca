package org.unrestwatch.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import org.unrestwatch.detect.Calibration;
import org.unrestwatch.detect.DetectionRules;

/**
 * The thresholds an analyst may override for one region with a {@code set_threshold} rule, and
 * the range each must stay in. Only thresholds that say how much evidence opens a story: how a
 * baseline learns and how windows are cut stay the configuration's, so that a rule can never
 * corrupt a region's history.
 */
public final class ThresholdOverrides {
    /** A key an analyst may set, its documented range, and whether it takes whole numbers. */
    public record Key(String name, double min, double max, boolean whole, String meaning) {
        String range() {
            return whole ? String.format("%d to %d", (long) min, (long) max) : min + " to " + max;
        }
    }

    public static final Map<String, Key> KEYS = keys(
            new Key("detect.min.volume", 1, 100_000, true, "fewest protest-related posts that can alert"),
            new Key("detect.min.distinct.accounts", 1, 10_000, true, "fewest distinct accounts behind them"),
            new Key("detect.min.ratio", 1, 100, false, "a burst must be at least this multiple of the expected count"),
            new Key("detect.open.margin", 1, 5, false, "burst threshold: this many times the region's own tail of residuals"),
            new Key("detect.open.score.min", 0.5, 60, false, "least the region's burst threshold asks, in scales"),
            new Key("detect.sustained.margin", 1, 5, false, "sustained threshold: this many times the region's own tail"));

    private ThresholdOverrides() {
    }

    private static Map<String, Key> keys(Key... keys) {
        Map<String, Key> m = new LinkedHashMap<>();
        for (Key k : keys) {
            m.put(k.name(), k);
        }
        return Map.copyOf(m);
    }

    /** Null when {@code value} is allowed for {@code key}, else why not. */
    static String check(String key, double value) {
        Key k = KEYS.get(key);
        if (k == null) {
            String near = KEYS.keySet().stream().filter(known -> org.unrestwatch.config.DetectorConfig.editDistance(key, known) <= 3)
                    .min(java.util.Comparator.comparingInt(known -> org.unrestwatch.config.DetectorConfig.editDistance(key, known))).orElse(null);
            return "'" + key + "' cannot be set by a rule" + (near != null ? " (did you mean '" + near + "'?)" : "") + "; settable: "
                    + String.join(", ", new java.util.TreeSet<>(KEYS.keySet()));
        }
        if (!(value >= k.min() && value <= k.max()) || (k.whole() && value != Math.rint(value))) {
            return key + " must be " + (k.whole() ? "a whole number " : "") + "from " + k.range() + ", not " + value;
        }
        return null;
    }

    /** {@code base} with the overrides applied (keys already checked). */
    static DetectionRules apply(DetectionRules base, Map<String, Double> overrides) {
        if (overrides.isEmpty()) {
            return base;
        }
        long minVolume = base.minVolume();
        long minAccounts = base.minDistinctAccounts();
        double minRatio = base.minRatio();
        Calibration c = base.calibration();
        Calibration.Band window = c.window();
        Calibration.Band sustained = c.sustained();
        for (Map.Entry<String, Double> e : overrides.entrySet()) {
            double v = e.getValue();
            switch (e.getKey()) {
                case "detect.min.volume" -> minVolume = (long) v;
                case "detect.min.distinct.accounts" -> minAccounts = (long) v;
                case "detect.min.ratio" -> minRatio = v;
                case "detect.open.margin" -> window = new Calibration.Band(v, window.min(), window.max());
                case "detect.open.score.min" -> window = new Calibration.Band(window.margin(), Math.min(v, window.max()), window.max());
                case "detect.sustained.margin" -> sustained = new Calibration.Band(v, sustained.min(), sustained.max());
                default -> throw new IllegalArgumentException("unchecked threshold key " + e.getKey());
            }
        }
        return new DetectionRules(base.name(), base.windows(), base.baseline(), base.openScore(), base.sustainedOpenScore(),
                new Calibration(c.quantile(), c.spanWindows(), c.minWindows(), window, sustained, c.young()), base.closeScore(), minRatio,
                minVolume, minAccounts, base.calmWindowsToResolve(), base.cooldown(), base.relearnAfter(), base.hyperactivePosts(),
                base.burstMinAccounts(), base.coordinatedNewShare(), base.copyPasteShare(), base.incitementShare(), base.incitementCategories(),
                base.severityRatios(), base.alertOnUnknownRegion(), base.idleResolveAfter(), base.novelty());
    }
}
