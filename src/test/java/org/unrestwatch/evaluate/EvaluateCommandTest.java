package org.unrestwatch.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unrestwatch.cli.Main;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.rules.FileRulesSource;
import org.unrestwatch.testutil.TestKeys;

class EvaluateCommandTest {
    private static final Path NAB = Path.of("src/test/resources/nab");
    private static final Path COUNTS = Path.of("src/test/resources/nab-counts");
    private static final List<String> SERIES = List.of("AAPL", "AMZN", "GOOG", "IBM", "KO");

    @TempDir
    Path out;

    @Test
    void writesOneRowPerInputRowAndPrintsTheScore() throws Exception {
        Path input = NAB.resolve("Twitter_volume_GOOG.csv");
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute("evaluate", input.toString(), "--out-dir", out.toString(),
                    "--windows", NAB.resolve("combined_windows.json").toString(), "--set", "alerts.pseudonym.key=" + TestKeys.PSEUDONYM);
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code);
        List<String> in = Files.readAllLines(input);
        List<String> result = Files.readAllLines(out.resolve("Twitter_volume_GOOG.results.csv"));
        assertEquals("timestamp,value,anomaly_score,alert", result.get(0));
        assertEquals(in.size(), result.size(), "one output row per input row");
        for (int i = 1; i < in.size(); i += 501) {
            String[] a = in.get(i).split(",");
            String[] b = result.get(i).split(",");
            assertEquals(a[0], b[0]);
            assertEquals(a[1], b[1]);
            double score = Double.parseDouble(b[2]);
            assertTrue(score >= 0 && score <= 1);
            assertTrue(b[3].equals("0") || b[3].equals("1"));
        }
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("Twitter_volume_GOOG.csv"));
    }

    /** Usage errors of the evaluation protocol are refused before anything runs, with exit 2 and the reason. */
    @Test
    void protocolUsageErrorsAreRefusedUpFront() {
        String ibm = NAB.resolve("Twitter_volume_IBM.csv").toString();
        String ko = NAB.resolve("Twitter_volume_KO.csv").toString();
        String windows = NAB.resolve("combined_windows.json").toString();
        assertRefused("--tune only applies to --leave-one-out", "evaluate", ibm, ko, "--windows", windows, "--tune", "detect.open.margin=1.5");
        assertRefused("needs at least two series", "evaluate", ibm, "--windows", windows, "--leave-one-out");
        assertRefused("need --windows", "evaluate", ibm, ko, "--leave-one-out");
        assertRefused("nothing to show: give --windows", "evaluate", ibm);
        assertRefused("--tune detect.open.score.min=70: detect.open.score.min (70", "evaluate", ibm, ko, "--windows", windows,
                "--leave-one-out", "--tune", "detect.open.score.min=4,70");
    }

    private static void assertRefused(String reason, String... args) {
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute(args);
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertTrue(text.contains(reason), text);
        assertTrue(!out.toString(StandardCharsets.UTF_8).contains("combined"), "refused before any series ran");
    }

    /**
     * A quality floor, not a result: the combined NAB standard score of the shipped configuration
     * on the development corpus (issue #16: the five Twitter series, each thinned to a tenth and a
     * fiftieth, the four NAB count series and the generated families) and on the five Twitter
     * series alone must not fall below what they reached when this test was written (64.1 and
     * 69.0; before the corpus and residual calibration 56.4 and 73.0). The number that says what
     * to expect on unseen series is the leave-one-out one (docs/detection.md).
     */
    @Test
    void corpusScoreDoesNotRegress() {
        var rules = new SeriesScores.BucketRules(DetectorConfig.of(Path.of("config"), java.util.Map.of()));
        NabWindows windows = NabWindows.read(NAB.resolve("combined_windows.json"));
        NabWindows countWindows = NabWindows.read(COUNTS.resolve("combined_windows.json"));
        NabWindows drops = NabWindows.read(COUNTS.resolve("drops.json"));
        List<SeriesScores.Labelled> given = new ArrayList<>();
        for (String s : SERIES) {
            NabSeries series = NabSeries.read(NAB.resolve("Twitter_volume_" + s + ".csv"));
            given.add(new SeriesScores.Labelled(series, windows.forFile(series.name()), List.of(), "nab", series.name()));
        }
        for (String name : List.of("nyc_taxi.csv", "elb_request_count_8c0756.csv", "art_load_balancer_spikes.csv", "art_increase_spike_density.csv")) {
            NabSeries series = NabSeries.read(COUNTS.resolve(name));
            given.add(new SeriesScores.Labelled(series, countWindows.forFile(name), drops.find(name).orElse(List.of()), "nab-counts", name));
        }
        List<SeriesScores.Labelled> corpus = Corpus.of(given);
        List<NabScorer.Result> results = SeriesScores.score(rules, corpus);
        NabScorer.Result all = SeriesScores.combined(results);
        NabScorer.Result twitter = SeriesScores.combined(results.subList(0, SERIES.size()));
        System.out.println(org.unrestwatch.app.EvaluateCommand.report(results));
        assertEquals(16, twitter.windows());
        assertEquals(129, all.windows());
        assertTrue(twitter.normalised() >= 68.5, "combined NAB standard score on the five Twitter series " + twitter.normalised());
        assertTrue(all.normalised() >= 63.0, "combined NAB standard score on the corpus " + all.normalised());
    }
}
