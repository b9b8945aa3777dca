package org.unrestwatch.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.unrestwatch.config.DetectorConfig;

/**
 * Leave-one-series-out: for each series, the configuration is chosen on the other series alone
 * (the candidate with the best combined NAB score on them, from a grid of settings), then that
 * configuration scores the held-out series. The held-out results combine into the score to
 * expect on a series the configuration has never seen; the in-sample score of the same grid is
 * printed beside it, so that the gap between the two shows how much of it is fit.
 *
 * <p>Each candidate runs once over every series; the folds only choose among the results.
 * Ties go to the candidate with fewest changes from the base configuration, then to grid order.
 */
public final class LeaveOneOut {
    /**
     * The settings tuned per fold unless {@code --tune} says otherwise: the burst test's
     * calibration (margin and band), which decides how many alerts open in each region. A larger
     * grid fits the four series better and the fifth worse (docs/detection.md).
     */
    public static final Map<String, List<String>> DEFAULT_GRID = grid(
            "detect.open.margin", "1.25,1.5,1.75",
            "detect.open.score.max", "8.0,10.0,12.0",
            "detect.open.score.min", "4.0,5.0,6.0");

    /** One fold: the series held out, the settings chosen on the others, and both scores. */
    public record Fold(String heldOut, Map<String, String> chosen, NabScorer.Result training, NabScorer.Result result) {
    }

    /** The folds, their held-out results combined, and the best in-sample candidate for comparison. */
    public record Report(List<Fold> folds, NabScorer.Result combined, Map<String, String> inSampleBest,
                         NabScorer.Result inSampleBestResult, int candidates) {
    }

    private LeaveOneOut() {
    }

    public static Report run(DetectorConfig base, Map<String, List<String>> grid, List<SeriesScores.Labelled> data) {
        if (data.size() < 2) {
            throw new IllegalArgumentException("leave-one-out needs at least two series");
        }
        List<Map<String, String>> candidates = candidates(grid);
        List<List<NabScorer.Result>> results = new ArrayList<>();
        for (Map<String, String> c : candidates) {
            results.add(SeriesScores.score(base, c, data));
        }
        List<Fold> folds = new ArrayList<>();
        List<NabScorer.Result> heldOut = new ArrayList<>();
        for (int h = 0; h < data.size(); h++) {
            int best = best(base, candidates, results, h);
            List<NabScorer.Result> training = new ArrayList<>(results.get(best));
            NabScorer.Result held = training.remove(h);
            folds.add(new Fold(data.get(h).series().name(), candidates.get(best), SeriesScores.combined(training), held));
            heldOut.add(held);
        }
        int inSample = best(base, candidates, results, -1);
        return new Report(folds, SeriesScores.combined(heldOut), candidates.get(inSample),
                SeriesScores.combined(results.get(inSample)), candidates.size());
    }

    /** The candidate scoring best on every series but {@code heldOut} (-1: on all of them). */
    private static int best(DetectorConfig base, List<Map<String, String>> candidates, List<List<NabScorer.Result>> results, int heldOut) {
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestChanges = Integer.MAX_VALUE;
        for (int c = 0; c < candidates.size(); c++) {
            List<NabScorer.Result> training = new ArrayList<>(results.get(c));
            if (heldOut >= 0) {
                training.remove(heldOut);
            }
            double score = SeriesScores.combined(training).normalised();
            int changes = changes(base, candidates.get(c));
            if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && changes < bestChanges)) {
                best = c;
                bestScore = score;
                bestChanges = changes;
            }
        }
        return best;
    }

    private static int changes(DetectorConfig base, Map<String, String> candidate) {
        int n = 0;
        for (Map.Entry<String, String> e : candidate.entrySet()) {
            if (!sameValue(e.getValue(), base.get(e.getKey()))) {
                n++;
            }
        }
        return n;
    }

    private static boolean sameValue(String a, String b) {
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return a.strip().equals(b.strip());
        }
    }

    /** Every combination of the grid's values, the first key varying slowest. */
    static List<Map<String, String>> candidates(Map<String, List<String>> grid) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> e : grid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : e.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** "key", "v1,v2", ... as an ordered grid. */
    public static Map<String, List<String>> grid(String... keyValues) {
        Map<String, List<String>> g = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            g.put(keyValues[i], List.of(keyValues[i + 1].split(",")));
        }
        return g;
    }
}
