package org.unrestwatch.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unrestwatch.config.DetectorConfig;

/**
 * The leave-one-series-out protocol on the five NAB series, with a small grid so that it runs in
 * seconds: each fold's configuration is the best on the other four, the held-out series never
 * influences its own fold's choice, and the reported combined score is the held-out results'.
 */
class LeaveOneOutTest {
    private static final Path NAB = Path.of("src/test/resources/nab");
    private static final Map<String, List<String>> GRID = LeaveOneOut.grid("detect.open.margin", "1.0,1.5");
    private final DetectorConfig config = DetectorConfig.of(Path.of("config"), Map.of());

    private static List<SeriesScores.Labelled> series(NabWindows windows) {
        List<SeriesScores.Labelled> out = new ArrayList<>();
        for (String s : List.of("AAPL", "AMZN", "GOOG", "IBM", "KO")) {
            NabSeries series = NabSeries.read(NAB.resolve("Twitter_volume_" + s + ".csv"));
            out.add(new SeriesScores.Labelled(series, windows.forFile(series.name())));
        }
        return out;
    }

    @Test
    void eachFoldChoosesOnTheOtherSeriesAndScoresTheHeldOutOne() {
        List<SeriesScores.Labelled> data = series(NabWindows.read(NAB.resolve("combined_windows.json")));
        LeaveOneOut.Report report = LeaveOneOut.run(config, GRID, data);
        System.out.println(org.unrestwatch.app.EvaluateCommand.report(report, SeriesScores.score(config, Map.of(), data)));

        List<List<NabScorer.Result>> byCandidate = new ArrayList<>();
        for (String margin : GRID.get("detect.open.margin")) {
            byCandidate.add(SeriesScores.score(config, Map.of("detect.open.margin", margin), data));
        }
        List<NabScorer.Result> heldOut = new ArrayList<>();
        for (int h = 0; h < data.size(); h++) {
            LeaveOneOut.Fold fold = report.folds().get(h);
            int chosen = GRID.get("detect.open.margin").indexOf(fold.chosen().get("detect.open.margin"));
            for (List<NabScorer.Result> candidate : byCandidate) {
                assertTrue(withoutSeries(byCandidate.get(chosen), h) >= withoutSeries(candidate, h),
                        "fold " + fold.heldOut() + " chose the best candidate on the other series");
            }
            assertEquals(byCandidate.get(chosen).get(h).raw(), fold.result().raw(), 1e-12, "held-out result is that candidate's");
            heldOut.add(fold.result());
        }
        assertEquals(SeriesScores.combined(heldOut).normalised(), report.combined().normalised(), 1e-9);
        assertEquals(16, report.combined().windows());
    }

    @Test
    void theHeldOutSeriesLabelsDoNotInfluenceItsFoldsChoice() {
        List<SeriesScores.Labelled> data = series(NabWindows.read(NAB.resolve("combined_windows.json")));
        LeaveOneOut.Report report = LeaveOneOut.run(config, GRID, data);
        // Relabel IBM so that only the lower margin finds its windows: a choice that saw IBM would
        // now pick 1.0; IBM's own fold must pick as before, and only its score may change.
        SeriesScores.Labelled ibm = data.get(3);
        List<NabWindows.Window> favouringLowMargin = windowsOnlyFoundBy("1.0", "1.5", ibm.series());
        List<SeriesScores.Labelled> relabelled = new ArrayList<>(data);
        relabelled.set(3, new SeriesScores.Labelled(ibm.series(), favouringLowMargin));
        LeaveOneOut.Report other = LeaveOneOut.run(config, GRID, relabelled);
        assertEquals(Map.of("detect.open.margin", "1.0"), other.inSampleBest(), "precondition: with IBM the choice moves");
        assertEquals(report.folds().get(3).chosen(), other.folds().get(3).chosen(), "IBM's fold is chosen without IBM");
        assertTrue(report.folds().get(3).result().raw() != other.folds().get(3).result().raw(), "and scored on IBM's labels");
    }

    /**
     * Issue #24: the real series choose, the generated families only constrain. The five series
     * choose the higher margin. A stand-in "generated" family that scores at least 60 there (KO
     * again, with its own labels) leaves the choice alone; one that scores under 60 there (IBM,
     * relabelled so that only the lower margin finds its windows) vetoes it.
     */
    @Test
    void generatedFamiliesConstrainTheChoiceWithoutVotingInIt() {
        List<SeriesScores.Labelled> real = series(NabWindows.read(NAB.resolve("combined_windows.json")));
        assertEquals("1.5", LeaveOneOut.run(config, GRID, real).inSampleBest().get("detect.open.margin"), "precondition");

        SeriesScores.Labelled ko = real.get(4);
        SeriesScores.Labelled keeping = new SeriesScores.Labelled(ko.series(), ko.windows(), List.of(), "generated: KO again", "ko-again");
        assertTrue(score("1.5", keeping) >= LeaveOneOut.GENERATED_FLOOR, "precondition: " + score("1.5", keeping));
        assertEquals("1.5", withStandIn(real, keeping).inSampleBest().get("detect.open.margin"), "a family the choice keeps does not move it");

        SeriesScores.Labelled ibm = real.get(3);
        SeriesScores.Labelled vetoing = new SeriesScores.Labelled(ibm.series(), windowsOnlyFoundBy("1.0", "1.5", ibm.series()), List.of(),
                "generated: IBM relabelled", "ibm-relabelled");
        assertTrue(score("1.5", vetoing) < LeaveOneOut.GENERATED_FLOOR && score("1.0", vetoing) >= LeaveOneOut.GENERATED_FLOOR,
                "precondition: " + score("1.5", vetoing) + " at 1.5, " + score("1.0", vetoing) + " at 1.0");
        assertEquals("1.0", withStandIn(real, vetoing).inSampleBest().get("detect.open.margin"), "a choice that drops it below the floor is not taken");
    }

    private double score(String margin, SeriesScores.Labelled d) {
        return SeriesScores.score(config, Map.of("detect.open.margin", margin), List.of(d)).get(0).normalised();
    }

    private LeaveOneOut.Report withStandIn(List<SeriesScores.Labelled> real, SeriesScores.Labelled standIn) {
        List<SeriesScores.Labelled> all = new ArrayList<>(real);
        all.add(standIn);
        return LeaveOneOut.run(config, GRID, all);
    }

    /** Windows of 201 rows around alerts that margin {@code low} opens and {@code high} does not (none within the window). */
    private List<NabWindows.Window> windowsOnlyFoundBy(String low, String high, NabSeries series) {
        OnlineEvaluator.Row[] lo = new OnlineEvaluator(rules(low)).run(series);
        OnlineEvaluator.Row[] hi = new OnlineEvaluator(rules(high)).run(series);
        long[] t = series.timestamps();
        List<NabWindows.Window> windows = new ArrayList<>();
        int next = 1000; // after NAB's probationary rows
        for (int i = next; i < t.length - 100; i++) {
            if (i < next || !lo[i].alert()) {
                continue;
            }
            boolean highFinds = false;
            for (int j = i - 100; j <= i + 100; j++) {
                highFinds |= hi[j].alert();
            }
            if (!highFinds) {
                windows.add(new NabWindows.Window(t[i - 100], t[i + 100]));
                next = i + 201;
            }
        }
        assertTrue(windows.size() >= 3, "the lower margin opens alerts the higher one does not: " + windows.size());
        return windows;
    }

    private org.unrestwatch.detect.DetectionRules rules(String margin) {
        return org.unrestwatch.rules.FileRulesSource.rulesFrom(config.with(Map.of("detect.open.margin", margin)));
    }

    private static double withoutSeries(List<NabScorer.Result> results, int h) {
        List<NabScorer.Result> rest = new ArrayList<>(results);
        rest.remove(h);
        return SeriesScores.combined(rest).normalised();
    }
}
