package org.unrestwatch.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.detect.DetectionRules;
import org.unrestwatch.rules.FileRulesSource;

/**
 * Scores one configuration on labelled series: the topology's detector run online over each series
 * ({@link OnlineEvaluator}), its alerts scored with NAB's standard profile. The unit the
 * leave-one-out protocol and the sensitivity table are built from.
 */
public final class SeriesScores {
    /** A labelled series. */
    public record Labelled(NabSeries series, List<NabWindows.Window> windows) {
    }

    private SeriesScores() {
    }

    /** One result per series, in order, for {@code base} with {@code overrides} applied. */
    public static List<NabScorer.Result> score(DetectorConfig base, Map<String, String> overrides, List<Labelled> data) {
        return score(FileRulesSource.rulesFrom(overrides.isEmpty() ? base : base.with(overrides)), data);
    }

    /** One result per series, in order, for {@code rules}. */
    public static List<NabScorer.Result> score(DetectionRules rules, List<Labelled> data) {
        OnlineEvaluator evaluator = new OnlineEvaluator(rules);
        List<NabScorer.Result> out = new ArrayList<>(data.size());
        for (Labelled d : data) {
            out.add(score(evaluator.run(d.series()), d));
        }
        return out;
    }

    /** Scores the rows {@link OnlineEvaluator#run} gave for {@code d}: each OPEN is a detection. */
    public static NabScorer.Result score(OnlineEvaluator.Row[] rows, Labelled d) {
        boolean[] alerts = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            alerts[i] = rows[i].alert();
        }
        return NabScorer.score(d.series().name(), d.series().timestamps(), alerts, d.windows(), NabScorer.Profile.STANDARD);
    }

    /** NAB's combined score: raw, null and perfect scores summed over the series, then normalised. */
    public static NabScorer.Result combined(List<NabScorer.Result> results) {
        NabScorer.Result total = null;
        for (NabScorer.Result r : results) {
            total = total == null ? r : total.plus(r);
        }
        return total;
    }
}
