package org.unrestwatch.evaluate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.detect.DetectionRules;
import org.unrestwatch.rules.FileRulesSource;

/**
 * Scores one configuration on labelled series: the topology's detector run online over each series
 * ({@link OnlineEvaluator}), with windows the size of the series' buckets, its alerts scored with
 * NAB's standard profile. The unit the leave-one-out protocol and the sensitivity table are built from.
 */
public final class SeriesScores {
    /**
     * A labelled series: its windows, those of them that are drops rather than surges, the family
     * it belongs to in a corpus (one table each) and its source: a series and its thinned copies
     * share one, so that leave-one-out holds them out together.
     */
    public record Labelled(NabSeries series, List<NabWindows.Window> windows, List<NabWindows.Window> drops, String family, String source) {
        public Labelled(NabSeries series, List<NabWindows.Window> windows) {
            this(series, windows, List.of(), "series", series.name());
        }

        /** The same labels on another series (a thinned copy) of another family. */
        public Labelled on(NabSeries other, String otherFamily) {
            return new Labelled(other, windows, drops, otherFamily, source);
        }
    }

    private SeriesScores() {
    }

    /** One result per series, in order, for {@code base} with {@code overrides} applied. */
    public static List<NabScorer.Result> score(DetectorConfig base, Map<String, String> overrides, List<Labelled> data) {
        return score(new BucketRules(overrides.isEmpty() ? base : base.with(overrides)), data);
    }

    /** One result per series, in order, for the rules of each series' bucket. */
    public static List<NabScorer.Result> score(BucketRules rules, List<Labelled> data) {
        List<NabScorer.Result> out = new ArrayList<>(data.size());
        for (Labelled d : data) {
            out.add(score(rules.evaluator(d.series()).run(d.series()), d));
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

    /**
     * The mean of each family's combined score ({@code families.get(i)} is the family of
     * {@code results.get(i)}): every family weighs the same, however many windows it holds. A
     * family without labelled windows has no score and is left out. With one family, its
     * combined score.
     */
    public static double familyBalanced(List<NabScorer.Result> results, List<String> families) {
        return byFamily(families).values().stream()
                .map(members -> combined(members.stream().map(results::get).toList()))
                .filter(r -> r.windows() > 0)
                .mapToDouble(NabScorer.Result::normalised).average().orElse(Double.NaN);
    }

    /** The positions of each family's members, families in order of first appearance. */
    public static Map<String, List<Integer>> byFamily(List<String> families) {
        Map<String, List<Integer>> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < families.size(); i++) {
            out.computeIfAbsent(families.get(i), f -> new ArrayList<>()).add(i);
        }
        return out;
    }

    /**
     * A configuration's rules for series of any bucket size: its own window size for series of
     * that bucket; for others, windows the size of the bucket (and the sustained span rounded up to
     * whole buckets). Settings counted in windows (baseline memories, warm-up) stay as they are.
     */
    public static final class BucketRules {
        private final DetectorConfig config;
        private final DetectionRules rules;
        private final Map<Long, OnlineEvaluator> byBucket = new HashMap<>();

        public BucketRules(DetectorConfig config) {
            this.config = config;
            this.rules = FileRulesSource.rulesFrom(config); // a bad configuration fails here, before any run
            byBucket.put(rules.windowMs(), new OnlineEvaluator(rules));
        }

        public OnlineEvaluator evaluator(NabSeries series) {
            return byBucket.computeIfAbsent(series.bucketMs(), this::forBucket);
        }

        private OnlineEvaluator forBucket(long bucketMs) {
            long sustained = rules.baseline().sustainedWindows() * rules.windowMs();
            long sustainedBuckets = Math.max(2, (sustained + bucketMs - 1) / bucketMs);
            return new OnlineEvaluator(FileRulesSource.rulesFrom(config.with(Map.of(
                    "window.size", bucketMs + "ms",
                    "detect.sustained.window", sustainedBuckets * bucketMs + "ms"))));
        }
    }
}
