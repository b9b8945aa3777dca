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
 * <p>Every candidate is built (and its settings checked) before any runs; each then runs once
 * over every series, and the folds only choose among the results. Ties go to the candidate
 * nearest the middle of the grid, then to grid order: never to the configuration given, which
 * may itself have been chosen on all the series. Settings outside the grid keep the values given:
 * the protocol holds out only what it tunes.
 */
public final class LeaveOneOut {
    /**
     * The settings tuned per fold unless {@code --tune} says otherwise: the burst test's
     * calibration margin and floor, which decide how many alerts open in each region. The margin
     * starts at 1.2: below it ordinary variation opens more than one alert in five weeks in some
     * series families (SeriesFamiliesTest), a promise NAB's cheap false positives do not price in
     * (docs/detection.md, "Leave-one-series-out").
     */
    public static final Map<String, List<String>> DEFAULT_GRID = grid(
            "detect.open.margin", "1.2,1.3,1.4",
            "detect.open.score.min", "1.5,2.0,3.0");

    /** One held-out series: its family, the settings chosen without its source, and both scores. */
    public record Fold(String heldOut, String family, Map<String, String> chosen, NabScorer.Result training, NabScorer.Result result) {
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
        List<SeriesScores.BucketRules> rules = new ArrayList<>();
        for (Map<String, String> c : candidates) {
            rules.add(new SeriesScores.BucketRules(base.with(c))); // a bad combination fails here, before a minute of runs
        }
        List<List<NabScorer.Result>> results = new ArrayList<>();
        for (SeriesScores.BucketRules r : rules) {
            results.add(SeriesScores.score(r, data));
        }
        // A series and its thinned copies are held out together: each source is one fold.
        Map<String, Integer> chosen = new LinkedHashMap<>();
        for (SeriesScores.Labelled d : data) {
            chosen.computeIfAbsent(d.source(), source -> best(grid, candidates, results, data, source));
        }
        List<Fold> folds = new ArrayList<>(data.size());
        List<NabScorer.Result> heldOut = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            String source = data.get(i).source();
            int best = chosen.get(source);
            List<NabScorer.Result> training = outside(data, source).stream().map(results.get(best)::get).toList();
            NabScorer.Result held = results.get(best).get(i);
            folds.add(new Fold(data.get(i).series().name(), data.get(i).family(), candidates.get(best), SeriesScores.combined(training), held));
            heldOut.add(held);
        }
        int inSample = best(grid, candidates, results, data, null);
        return new Report(folds, SeriesScores.combined(heldOut), candidates.get(inSample),
                SeriesScores.combined(results.get(inSample)), candidates.size());
    }

    /** The candidate scoring best on every series not from {@code heldOut} (null: on all of them). */
    private static int best(Map<String, List<String>> grid, List<Map<String, String>> candidates, List<List<NabScorer.Result>> results,
                            List<SeriesScores.Labelled> data, String heldOut) {
        int best = best(grid, candidates, results, data, heldOut, true);
        // When no candidate keeps every generated family above the floor, the constraint is dropped for this fold
        // (the best on the real series is chosen, as if there were no generated families).
        return best >= 0 ? best : best(grid, candidates, results, data, heldOut, false);
    }

    private static int best(Map<String, List<String>> grid, List<Map<String, String>> candidates, List<List<NabScorer.Result>> results,
                            List<SeriesScores.Labelled> data, String heldOut, boolean constrained) {
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        double bestDistance = Double.POSITIVE_INFINITY;
        List<Integer> training = outside(data, heldOut);
        List<Integer> real = training.stream().filter(i -> !isGenerated(data.get(i))).toList();
        List<Integer> generated = training.stream().filter(i -> isGenerated(data.get(i))).toList();
        boolean realWindows = real.stream().anyMatch(i -> data.get(i).windows().size() > 0);
        List<Integer> chooseOn = realWindows ? real : training;
        for (int c = 0; c < candidates.size(); c++) {
            if (constrained && !keepsConstraints(results.get(c), data, generated)) {
                continue;
            }
            double score = SeriesScores.familyBalanced(chooseOn.stream().map(results.get(c)::get).toList(),
                    chooseOn.stream().map(i -> data.get(i).family()).toList());
            double distance = distanceFromMiddle(grid, candidates.get(c));
            if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && distance < bestDistance)) {
                best = c;
                bestScore = score;
                bestDistance = distance;
            }
        }
        if (best < 0 && !constrained) {
            throw new IllegalArgumentException("no labelled window outside " + (heldOut == null ? "the series" : heldOut)
                    + " to choose a configuration on");
        }
        return best;
    }

    /**
     * The generated families are constraints, not part of the score a fold maximises (issue #24: in
     * #16 they pulled the choice towards a sensitivity that cost the real series): a candidate is
     * admissible only while each generated family it is tried on scores at least
     * {@value #GENERATED_FLOOR}. The real series and their thinned copies choose among the rest.
     */
    static final double GENERATED_FLOOR = 60.0;

    static boolean isGenerated(SeriesScores.Labelled d) {
        return d.family().startsWith("generated");
    }

    private static boolean keepsConstraints(List<NabScorer.Result> results, List<SeriesScores.Labelled> data, List<Integer> generated) {
        for (List<Integer> members : SeriesScores.byFamily(generated.stream().map(i -> data.get(i).family()).toList()).values()) {
            NabScorer.Result family = SeriesScores.combined(members.stream().map(m -> results.get(generated.get(m))).toList());
            if (family.windows() > 0 && family.normalised() < GENERATED_FLOOR) {
                return false;
            }
        }
        return true;
    }

    /** The positions of the series not from {@code heldOut} (null: all): what a fold chooses on. */
    static List<Integer> outside(List<SeriesScores.Labelled> data, String heldOut) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            if (!data.get(i).source().equals(heldOut)) {
                out.add(i);
            }
        }
        return out;
    }

    /** How far, in grid steps, a candidate lies from the middle value of each setting. */
    private static double distanceFromMiddle(Map<String, List<String>> grid, Map<String, String> candidate) {
        double d = 0;
        for (Map.Entry<String, List<String>> e : grid.entrySet()) {
            d += Math.abs(e.getValue().indexOf(candidate.get(e.getKey())) - (e.getValue().size() - 1) / 2.0);
        }
        return d;
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
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            pairs.put(keyValues[i], keyValues[i + 1]);
        }
        return grid(pairs);
    }

    /** Each key's comma-separated values, in order: {@code --tune KEY=V1,V2}. */
    public static Map<String, List<String>> grid(Map<String, String> values) {
        Map<String, List<String>> g = new LinkedHashMap<>();
        values.forEach((key, list) -> g.put(key, List.of(list.split(","))));
        return g;
    }
}
