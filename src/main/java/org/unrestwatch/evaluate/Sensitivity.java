package org.unrestwatch.evaluate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.unrestwatch.config.ConfigException;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.config.Durations;
import org.unrestwatch.config.Setting;

/**
 * How the combined score moves when one detection default moves by -25% and +25%, the others
 * kept: a method worth shipping sits on a plateau, not a peak. Whole-number settings round to the
 * nearest whole number (a row that rounds back to the default says so), durations to whole
 * windows where they must be, and the calibration quantile moves its tail share (1 - q) instead,
 * so that its "-25%" is 0.99925 and its "+25%" 0.99875.
 */
public final class Sensitivity {
    /** The settings that change what the detector does on a count series (not accounts, regions or Kafka). */
    public static final List<String> KEYS = List.of(
            "detect.open.score", "detect.open.score.min", "detect.open.score.max", "detect.open.margin",
            "detect.sustained.window", "detect.sustained.score", "detect.sustained.score.min", "detect.sustained.score.max",
            "detect.sustained.margin", "detect.calibration.quantile", "detect.calibration.span", "detect.calibration.warmup",
            "detect.close.score", "detect.min.ratio", "detect.min.volume", "detect.calm.windows", "detect.cooldown", "detect.relearn.after",
            "baseline.span.windows", "baseline.scale.span.windows", "baseline.warmup.windows", "baseline.count.offset",
            "baseline.clip.scales", "baseline.seasonal.min.days");

    /** One row: the setting, its default, and the score at each side (null and a reason when that value is refused). */
    public record Row(String key, String value, Side lower, Side upper) {
    }

    /** One side of a row: the value tried and its combined result, or why it could not be tried. */
    public record Side(String value, NabScorer.Result result, String refused) {
        /** {@code refused} of a whole-number setting whose moved value rounds back to the default. */
        public static final String UNMOVED = "not moved: rounds back to the default";
    }

    private Sensitivity() {
    }

    public static List<Row> run(DetectorConfig base, List<String> keys, List<SeriesScores.Labelled> data) {
        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            rows.add(new Row(key, base.get(key), side(base, key, 0.75, data), side(base, key, 1.25, data)));
        }
        return rows;
    }

    private static Side side(DetectorConfig base, String key, double factor, List<SeriesScores.Labelled> data) {
        String value = moved(base, key, factor);
        if (sameValue(value, base.get(key))) {
            return new Side(value, null, Side.UNMOVED);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put(key, value);
        String shown = value + keepBandOrdered(base, key, value, overrides);
        try {
            return new Side(shown, SeriesScores.combined(SeriesScores.score(base, overrides, data)), null);
        } catch (ConfigException e) {
            return new Side(shown, null, e.getMessage());
        }
    }

    private static boolean sameValue(String a, String b) {
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return Durations.parse(a).equals(Durations.parse(b));
        }
    }

    /**
     * A band's edge moved past the other edge (the sustained band ships as [4, 4]) takes the other
     * edge with it, so the row measures the move rather than a refused configuration; says so.
     */
    private static String keepBandOrdered(DetectorConfig base, String key, String value, Map<String, String> overrides) {
        boolean isMin = key.endsWith(".score.min");
        if (!isMin && !key.endsWith(".score.max")) {
            return "";
        }
        String other = key.substring(0, key.length() - 3) + (isMin ? "max" : "min");
        double v = Double.parseDouble(value);
        double o = Double.parseDouble(base.get(other));
        if (isMin ? v > o : v < o) {
            overrides.put(other, value);
            return " (" + (isMin ? "max" : "min") + " too)";
        }
        return "";
    }

    /** The value of {@code key} times {@code factor}, in the form the setting declares (its default's form). */
    static String moved(DetectorConfig base, String key, double factor) {
        String value = base.get(key).strip();
        String form = Setting.byKey().get(key).defaultValue();
        if (key.equals("detect.calibration.quantile")) {
            double q = Double.parseDouble(value);
            return trim(1 - (1 - q) * factor);
        }
        if (Character.isLetter(form.charAt(form.length() - 1))) {
            long ms = Math.round(Durations.parse(value).toMillis() * factor);
            if (key.equals("detect.sustained.window")) {
                long window = Durations.parse(base.get("window.size")).toMillis();
                ms = Math.max(window, Math.round((double) ms / window) * window);
            }
            return Durations.format(Duration.ofMillis(ms));
        }
        double moved = Double.parseDouble(value) * factor;
        return form.contains(".") ? trim(moved) : Long.toString(Math.round(moved));
    }

    private static String trim(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
