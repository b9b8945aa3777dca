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
        // Label IBM's quietest stretch instead of its real anomalies: only IBM's own fold score may change.
        List<SeriesScores.Labelled> relabelled = new ArrayList<>(data);
        SeriesScores.Labelled ibm = data.get(3);
        long[] t = ibm.series().timestamps();
        relabelled.set(3, new SeriesScores.Labelled(ibm.series(), List.of(new NabWindows.Window(t[3000], t[3400]))));
        LeaveOneOut.Report other = LeaveOneOut.run(config, GRID, relabelled);
        assertEquals(report.folds().get(3).chosen(), other.folds().get(3).chosen(), "IBM's fold is chosen without IBM");
        assertTrue(report.folds().get(3).result().raw() != other.folds().get(3).result().raw(), "and scored on IBM's labels");
    }

    private static double withoutSeries(List<NabScorer.Result> results, int h) {
        List<NabScorer.Result> rest = new ArrayList<>(results);
        rest.remove(h);
        return SeriesScores.combined(rest).normalised();
    }
}
