package org.unrestwatch.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unrestwatch.cli.Main;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.testutil.TestKeys;

/** The development corpus (issue #16): thinned copies, series at their own bucket size, drops set aside, folds by source. */
class CorpusTest {
    private static final Path NAB = Path.of("src/test/resources/nab");
    private static final Path COUNTS = Path.of("src/test/resources/nab-counts");

    @Test
    void aSeriesBucketIsInferredFromItsTimestamps() {
        assertEquals(1_800_000L, NabSeries.read(COUNTS.resolve("nyc_taxi.csv")).bucketMs());
        assertEquals(300_000L, NabSeries.read(NAB.resolve("Twitter_volume_IBM.csv")).bucketMs());
        assertEquals(300_000L, NabSeries.read(COUNTS.resolve("elb_request_count_8c0756.csv")).bucketMs(), "rows at :04, :09, ... are still five minutes apart");
    }

    @Test
    void thinningKeepsAboutTheShareAskedForRowByRow() {
        NabSeries full = NabSeries.read(NAB.resolve("Twitter_volume_AAPL.csv"));
        NabSeries tenth = full.thinned(10, 1);
        assertEquals("Twitter_volume_AAPL.csv@1/10", tenth.name());
        assertEquals(full.size(), tenth.size());
        long fullSum = 0;
        long kept = 0;
        for (int i = 0; i < full.size(); i++) {
            assertEquals(full.timestamps()[i], tenth.timestamps()[i]);
            assertTrue(tenth.values()[i] <= full.values()[i], "a thinned bucket never holds more than the original");
            fullSum += full.values()[i];
            kept += tenth.values()[i];
        }
        assertEquals(0.1, (double) kept / fullSum, 0.002);
        assertEquals(java.util.Arrays.toString(tenth.values()), java.util.Arrays.toString(full.thinned(10, 1).values()), "seeded: the same copy every run");
    }

    /** A taxi series of 30-minute buckets is judged in 30-minute windows, and its 30,000 passengers a bucket take seconds, not an hour. */
    @Test
    void aSeriesRunsInWindowsOfItsOwnBucket() {
        NabSeries taxi = NabSeries.read(COUNTS.resolve("nyc_taxi.csv"));
        var rules = new SeriesScores.BucketRules(DetectorConfig.of(Path.of("config"), Map.of()));
        OnlineEvaluator evaluator = rules.evaluator(taxi);
        assertEquals(1_800_000L, evaluator.rules().windowMs(), "windows of the series' own bucket");
        assertEquals(2, evaluator.rules().baseline().sustainedWindows(), "the sustained hour in whole buckets");
        OnlineEvaluator.Row[] rows = evaluator.run(taxi);
        assertEquals(taxi.size(), rows.length);
        long alerts = java.util.Arrays.stream(rows).filter(OnlineEvaluator.Row::alert).count();
        assertTrue(alerts > 0 && alerts < 50, "alerts on the taxi series: " + alerts);
    }

    @Test
    void detectionsInsideADropNeitherEarnNorCost() {
        long[] t = new long[2000];
        long[] v = new long[2000];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * 300_000L;
        }
        NabWindows.Window surge = new NabWindows.Window(t[1000], t[1100]);
        NabWindows.Window drop = new NabWindows.Window(t[1500], t[1600]);
        SeriesScores.Labelled d = new SeriesScores.Labelled(new NabSeries("s", t, v), List.of(surge, drop), List.of(drop), "f", "s");
        OnlineEvaluator.Row[] rows = new OnlineEvaluator.Row[t.length];
        for (int i = 0; i < t.length; i++) {
            rows[i] = new OnlineEvaluator.Row(t[i], 0, 0, i == 1000 || i == 1550, 0);
        }
        NabScorer.Result withDrops = SeriesScores.score(rows, d);
        NabScorer.Result surgesOnly = Corpus.scoreWithoutDrops(rows, d);
        assertEquals(2, withDrops.windows());
        assertEquals(1, surgesOnly.windows());
        assertEquals(1, surgesOnly.detected());
        assertEquals(0, surgesOnly.falsePositives(), "the detection inside the drop is ignored, not a false positive");
        assertEquals(100.0, surgesOnly.normalised(), 1.0);
    }

    /** Leave-one-out holds a series out together with its thinned copies: no fold chooses on a copy of what it is judged on. */
    @Test
    void aFoldNeverSeesACopyOfItsHeldOutSeries() {
        NabWindows windows = NabWindows.read(NAB.resolve("combined_windows.json"));
        List<SeriesScores.Labelled> given = new ArrayList<>();
        for (String s : List.of("IBM", "KO")) {
            NabSeries series = NabSeries.read(NAB.resolve("Twitter_volume_" + s + ".csv"));
            given.add(new SeriesScores.Labelled(series, windows.forFile(series.name())));
        }
        List<SeriesScores.Labelled> data = new ArrayList<>(given);
        for (SeriesScores.Labelled d : given) {
            data.add(d.on(d.series().thinned(10, 3), "thinned"));
        }
        LeaveOneOut.Report report = LeaveOneOut.run(DetectorConfig.of(Path.of("config"), Map.of()),
                LeaveOneOut.grid("detect.open.margin", "1.25,1.5"), data);
        assertEquals(4, report.folds().size());
        int all = data.stream().mapToInt(d -> d.windows().size()).sum();
        for (int i = 0; i < data.size(); i++) {
            String source = data.get(i).source();
            int sameSource = data.stream().filter(d -> d.source().equals(source)).mapToInt(d -> d.windows().size()).sum();
            assertEquals(all - sameSource, report.folds().get(i).training().windows(),
                    data.get(i).series().name() + " was chosen on series other than its own source's");
        }
    }

    @Test
    void theCorpusCommandPrintsATablePerFamily() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute("evaluate", NAB.resolve("Twitter_volume_IBM.csv").toString(), COUNTS.resolve("nyc_taxi.csv").toString(),
                    "--windows", NAB.resolve("combined_windows.json").toString(), "--windows", COUNTS.resolve("combined_windows.json").toString(),
                    "--drops", COUNTS.resolve("drops.json").toString(), "--corpus", "--set", "alerts.pseudonym.key=" + TestKeys.PSEUDONYM);
        } finally {
            System.setOut(old);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        for (String family : List.of("| nab |", "| nab 1/10 |", "| nab 1/50 |", "| nab-counts |", "| nab-counts 1/50 |", "| generated: quiet",
                "| generated: busy", "| **corpus combined** |")) {
            assertTrue(text.contains(family), "no line for " + family + " in\n" + text);
        }
        String[] countsLine = text.lines().filter(l -> l.startsWith("| nab-counts | 1 |")).findFirst().orElseThrow().split("\\|");
        assertEquals("3", countsLine[7].trim(), "the taxi series' three drops are counted in the drops column:\n" + text);
        assertFalse(text.contains("Exception"), text);
    }
}
