package org.unrestwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.unrestwatch.evaluate.RandomCounts;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.evaluate.OnlineEvaluator;
import org.unrestwatch.rules.FileRulesSource;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/** Each region's burst threshold follows its own recent scores, within the configured band. */
class CalibrationTest {
    private static final long W = 300_000;
    private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % (24 * 3_600_000L);
    private final DetectionRules rules = FileRulesSource.rulesFrom(DetectorConfig.defaults());
    private final SpikeDetector detector = new SpikeDetector(rules, List.of("mobilisation"), Set.of("mobilisation"));

    @Test
    void theHistogramQuantileMatchesTheSortedScoresToABin() {
        Random r = new Random(5);
        ResidualHistory h = new ResidualHistory();
        double[] scores = new double[20_000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Math.abs(r.nextGaussian()) * 0.8;
            h.add(scores[i], Integer.MAX_VALUE); // no decay: the plain empirical quantile
        }
        Arrays.sort(scores);
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            double exact = scores[(int) Math.ceil(q * scores.length) - 1];
            double binned = h.quantile(q);
            assertTrue(binned >= exact && binned <= exact + ResidualHistory.BIN + 1e-9, q + ": " + binned + " vs " + exact);
        }
    }

    @Test
    void oldScoresAreForgottenOverTheSpan() {
        ResidualHistory h = new ResidualHistory();
        for (int i = 0; i < 2_000; i++) {
            h.add(i % 100 == 0 ? 2.5 : 0.3, 500); // a burst every 100 windows
        }
        assertTrue(h.quantile(0.995) >= 2.5, "bursts make the tail: " + h.quantile(0.995));
        for (int i = 0; i < 5_000; i++) {
            h.add(0.3, 500); // ten spans without any
        }
        assertTrue(h.quantile(0.995) <= 0.3 + ResidualHistory.BIN, "forgotten: " + h.quantile(0.995));
    }

    @Test
    void aRegularRegionAsksLittleAndARegionOfRoutineBurstsMuchMore() {
        Random r = new Random(7);
        Baseline regular = new Baseline();
        Baseline bursty = new Baseline();
        Assessment regularLast = null;
        Assessment burstyLast = null;
        for (int w = 0; w < 4 * 288; w++) {
            long normal = RandomCounts.poisson(r, 20);
            regularLast = closeWindow(regular, w, normal);
            burstyLast = closeWindow(bursty, w, w % 97 == 0 ? 8 * normal : normal); // a burst every eight hours
        }
        Calibration c = rules.calibration();
        Assessment.Thresholds calm = regularLast.thresholds();
        Assessment.Thresholds routine = burstyLast.thresholds();
        assertEquals(c.window().threshold(calm.windowTail()), calm.window(), 1e-9, "regular: margin x its tail, within the band: " + calm);
        assertEquals(c.window().threshold(routine.windowTail()), routine.window(), 1e-9, "bursty: " + routine);
        assertTrue(calm.window() < 5, "a regular region opens a few scales up: " + calm);
        assertTrue(routine.window() > 2 * calm.window(), "a region of routine bursts asks far more: " + routine + " vs " + calm);

        // The same sixfold window: a burst in the regular region, routine in the bursty one.
        int next = 4 * 288;
        Assessment inRegular = detector.assess(OnlineEvaluator.bucket(T0 + next * W, 120), regular);
        Assessment inBursty = detector.assess(OnlineEvaluator.bucket(T0 + next * W, 120), bursty);
        assertTrue(inRegular.spike() && inRegular.windowTest(), "regular region opens: " + inRegular);
        assertTrue(inBursty.windowScore() > inRegular.thresholds().window(), "the bursty region's score would open the regular one");
        assertFalse(inBursty.windowTest(), "but not its own: " + inBursty.windowScore() + " < " + inBursty.thresholds().window());
    }

    @Test
    void aNewRegionUsesThePriorThenTheFixedScoresUntilItHasADayOfItsOwn() {
        Baseline b = new Baseline();
        Random r = new Random(3);
        int warm = rules.baseline().warmupWindows();
        int firstCalibrated = -1;
        for (int w = 0; w < warm + 2 * rules.calibration().minWindows() && firstCalibrated < 0; w++) {
            boolean young = !b.isWarm(rules.baseline());
            double scale = b.windowScaleUsed();
            Assessment a = closeWindow(b, w, RandomCounts.poisson(r, 20));
            if (young) {
                // Before the warm-up: the prior residual (detect.young.window.residual) in the region's current scale.
                assertEquals(rules.calibration().young().windowResidual() / scale, a.thresholds().window(), 1e-9, "window " + w);
            } else if (Double.isNaN(a.thresholds().windowTail())) {
                assertEquals(rules.openScore(), a.thresholds().window(), "window " + w);
                assertEquals(rules.sustainedOpenScore(), a.thresholds().sustained(), "window " + w);
            } else {
                firstCalibrated = w;
            }
        }
        // Scores count from the first warm window on; a day of them calibrates the next window.
        assertEquals(warm + rules.calibration().minWindows(), firstCalibrated);
        assertEquals(288, rules.calibration().minWindows(), "detect.calibration.warmup=1d of 5-minute windows");
    }

    @Test
    void theScoreHistoriesSurviveTheStore() {
        Random r = new Random(9);
        Baseline b = new Baseline();
        for (int w = 0; w < 2 * 288; w++) {
            closeWindow(b, w, w % 50 == 0 ? 200 : RandomCounts.poisson(r, 20));
        }
        BinaryWriter out = new BinaryWriter(Baseline.CODEC.sizeHint());
        Baseline.CODEC.write(b, out);
        Baseline copy = Baseline.CODEC.read(new BinaryReader(out.toByteArray()));
        assertEquals(b.windowTail(rules.calibration()), copy.windowTail(rules.calibration()));
        assertEquals(b.sustainedTail(rules.calibration()), copy.sustainedTail(rules.calibration()));
        for (int w = 2 * 288; w < 3 * 288; w++) {
            long count = w % 50 == 0 ? 200 : RandomCounts.poisson(r, 20);
            Assessment x = closeWindow(b, w, count);
            Assessment y = closeWindow(copy, w, count);
            // The codec rebuilds the sustained ring's sums in another order: equal to rounding.
            assertEquals(x.thresholds().window(), y.thresholds().window(), 1e-9);
            assertEquals(x.thresholds().sustained(), y.thresholds().sustained(), 1e-9);
            assertEquals(x.score(), y.score(), 1e-9);
        }
    }

    @Test
    void stateWrittenBeforeTheHistogramsExistedStillLoads() {
        Random r = new Random(13);
        Baseline b = new Baseline();
        for (int w = 0; w < 2 * 288; w++) {
            b.close(T0 + w * W, RandomCounts.poisson(r, 20), true, rules.baseline()); // learns without remembering scores
        }
        BinaryWriter out = new BinaryWriter(Baseline.CODEC.sizeHint());
        Baseline.CODEC.write(b, out);
        byte[] v5 = out.toByteArray();
        // Version 2 is version 5 without the two histograms, which are 10 bytes each when empty, and
        // the run records, 6 bytes when empty.
        byte[] v2 = Arrays.copyOf(v5, v5.length - 20 - 6);
        v2[0] = 2;
        Baseline old = Baseline.CODEC.read(new BinaryReader(v2));
        Assessment x = detector.assess(OnlineEvaluator.bucket(T0 + 2 * 288 * W, 60), b);
        Assessment y = detector.assess(OnlineEvaluator.bucket(T0 + 2 * 288 * W, 60), old);
        assertEquals(x.windowScore(), y.windowScore(), 1e-9);
        assertTrue(Double.isNaN(y.thresholds().windowTail()), "its scores are relearned");
    }

    /**
     * Version 3 kept histograms of scores in scales (bins of 0.05): they load converted to
     * residuals at the scales read, so a region keeps a calibrated threshold across the upgrade
     * instead of the fixed one for a day.
     */
    @Test
    void stateWithScoreHistogramsLoadsWithItsTailConverted() {
        Random r = new Random(17);
        Baseline b = new Baseline();
        for (int w = 0; w < 2 * 288; w++) {
            closeWindow(b, w, RandomCounts.poisson(r, 20));
        }
        BinaryWriter out = new BinaryWriter(Baseline.CODEC.sizeHint());
        Baseline.CODEC.write(b, out);
        byte[] v3 = out.toByteArray(); // version 3 had this layout, its bins holding scores
        v3[0] = 3;
        Baseline old = Baseline.CODEC.read(new BinaryReader(v3));
        assertFalse(Double.isNaN(old.windowTail(rules.calibration())), "still calibrated after the upgrade");
        assertFalse(Double.isNaN(old.sustainedTail(rules.calibration())));

        ResidualHistory scores = new ResidualHistory();
        for (int i = 0; i < 10_000; i++) {
            scores.add(i % 1000 == 0 ? 4.0 : 1.0, Integer.MAX_VALUE); // read as version 3: bins of 0.02 hold scores 0.05 wide
        }
        double scoreTail = scores.quantile(0.999) / ResidualHistory.BIN * 0.05; // the score those bins meant
        ResidualHistory residuals = ResidualHistory.fromScores(scores, 0.05, 0.3);
        assertEquals(scoreTail * 0.3, residuals.quantile(0.999), ResidualHistory.BIN + 1e-9, "tail score x scale = tail residual");
        assertEquals(scores.samples(), residuals.samples());
    }

    /** Assesses a window of {@code count} posts as closed and closes it, as the topology does. */
    private Assessment closeWindow(Baseline b, int w, long count) {
        Assessment a = detector.assess(OnlineEvaluator.bucket(T0 + w * W, count), b);
        detector.closeWindow(b, T0 + w * W, a, false, 0, false);
        return a;
    }
}
