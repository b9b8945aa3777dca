package org.unrestwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.rules.FileRulesSource;
import org.unrestwatch.evaluate.OnlineEvaluator;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;
import org.unrestwatch.stats.RegionWindowStats;

/** The two tests of the shipped rules on a region with a known, noisy normal of about 20 posts per window. */
class SpikeDetectorTest {
    private static final long W = 300_000;
    private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % (24 * 3_600_000L);
    private final DetectionRules rules = FileRulesSource.rulesFrom(DetectorConfig.defaults());
    private final SpikeDetector detector = new SpikeDetector(rules, List.of("mobilisation"), Set.of("mobilisation"));
    private final Random random = new Random(11);
    /** Every count closed into the baseline, in order: the test's own record of the last hour. */
    private final java.util.List<Long> closed = new java.util.ArrayList<>();

    /** Three days of normal traffic: Poisson-like noise around 20 per window. */
    private Baseline learnedBaseline() {
        Baseline b = new Baseline();
        for (int w = 0; w < 3 * 288; w++) {
            long count = normal();
            b.close(T0 + w * W, count, true, rules.baseline());
            closed.add(count);
        }
        return b;
    }

    private long normal() {
        return Math.round(20 + 4.5 * random.nextGaussian());
    }

    private Assessment assess(Baseline b, int window, long count) {
        return detector.assess(windowOf(T0 + window * W, count), b);
    }

    private static RegionWindowStats windowOf(long start, long count) {
        return OnlineEvaluator.bucket(start, count);
    }

    @Test
    void theGaugeScoreOfAQuietRegionsSinglePostIsZeroNotManyScales() {
        Baseline quiet = new Baseline();
        for (int w = 0; w < 3 * 288; w++) {
            quiet.close(T0 + w * W, w % 50 == 0 ? 1 : 0, true, rules.baseline());
        }
        Assessment one = assess(quiet, 3 * 288, 1);
        assertTrue(one.score() > 0, "one post is some scales above a near-silent normal: " + one.score());
        assertEquals(0.0, one.openingScore(rules), "but it can open nothing: the gauge shows 0");
        Baseline b = learnedBaseline();
        Assessment burst = assess(b, 3 * 288, 120);
        assertEquals(burst.score(), burst.openingScore(rules), 1e-9, "a burst with volume shows its score as before");
    }

    @Test
    void aBurstInOneWindowFiresTheWindowTest() {
        Baseline b = learnedBaseline();
        Assessment burst = assess(b, 3 * 288, 120);
        assertTrue(burst.spike() && burst.windowTest(), "6 times normal in one window fires on its own: " + burst.windowScore());
        assertFalse(burst.sustainedOnly());
        Assessment ordinary = assess(b, 3 * 288, 35);
        assertFalse(ordinary.spike() || ordinary.windowTest(), "a noisy but ordinary window does not fire: " + ordinary.windowScore());
    }

    @Test
    void aBuildUpNoSingleWindowShowsFiresTheSustainedTest() {
        Baseline b = learnedBaseline();
        int w = 3 * 288;
        Assessment fired = null;
        long hourSent = -1;
        int firedAt = -1;
        // An hour at 1.8 times normal: each window alone stays far below the window threshold.
        for (int i = 0; i < 12 && fired == null; i++, w++) {
            long count = Math.round(1.8 * normal());
            Assessment a = assess(b, w, count);
            assertTrue(a.windowScore() < rules.openScore(), "no window is a burst");
            if (a.spike()) {
                fired = a;
                firedAt = i;
                hourSent = count + closed.subList(closed.size() - 11, closed.size()).stream().mapToLong(Long::longValue).sum();
            }
            b.close(T0 + w * W, count, fired == null, rules.baseline());
            closed.add(count);
        }
        assertTrue(fired != null, "the sustained test sees the hour");
        assertTrue(firedAt >= 3, "but not on the first elevated window: " + firedAt);
        assertTrue(fired.sustainedOnly(), "the alert says it was the sustained test");
        assertEquals(hourSent, fired.sustainedObserved(), "the hour's posts: this window and the 11 before it");
    }

    @Test
    void calmNeedsBothTestsBackToNormal() {
        Baseline b = learnedBaseline();
        int w = 3 * 288;
        for (int i = 0; i < 6; i++, w++) {
            b.close(T0 + w * W, 100, false, rules.baseline()); // a surge the baseline does not learn
        }
        Assessment afterSurge = assess(b, w, 20);
        assertFalse(afterSurge.calm(), "a normal window right after a surge is not calm: the last hour was not");
        for (int i = 0; i < 12; i++, w++) {
            b.close(T0 + w * W, 20, false, rules.baseline());
        }
        assertTrue(assess(b, w, 20).calm(), "an hour later it is");
    }

    @Test
    void aBaselineSurvivesSerialisationWithIdenticalVerdicts() {
        Baseline b = learnedBaseline();
        BinaryWriter out = new BinaryWriter(Baseline.CODEC.sizeHint());
        Baseline.CODEC.write(b, out);
        Baseline copy = Baseline.CODEC.read(new BinaryReader(out.toByteArray()));
        for (int i = 0; i < 50; i++) {
            int w = 3 * 288 + i;
            long count = i % 7 == 0 ? 90 : normal();
            Assessment x = assess(b, w, count);
            Assessment y = assess(copy, w, count);
            assertEquals(x.score(), y.score(), 1e-12);
            assertEquals(x.spike(), y.spike());
            b.close(T0 + w * W, count, true, rules.baseline());
            copy.close(T0 + w * W, count, true, rules.baseline());
        }
    }
}
