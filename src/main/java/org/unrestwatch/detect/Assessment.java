package org.unrestwatch.detect;

import org.unrestwatch.alert.AlertType;
import org.unrestwatch.alert.Severity;

/**
 * The verdict on one region window: observed protest-related posts against the baseline, the
 * score (and the two tests behind it: this window, and the sustained span ending with it, with its
 * posts and expectation), whether (and as what) it should alert, and whether it is calm enough to count towards
 * resolving an open story.
 */
public record Assessment(
        long observed,
        double expected,
        double score,
        double windowScore,
        double sustainedScore,
        long sustainedObserved,
        double sustainedExpected,
        Thresholds thresholds,
        double ratio,
        boolean spike,
        boolean windowTest,
        boolean sustainedTest,
        boolean burst,
        boolean calm,
        boolean learnable,
        double incitementShare,
        AlertType type,
        Severity severity,
        Novelty.Run run,
        boolean noveltyTest,
        boolean familiar) {

    /**
     * What each test had to reach in this region, and the region's own tail quantile of that test's
     * recent scores the threshold was calibrated from (NaN while the region is too new to calibrate).
     */
    public record Thresholds(double window, double sustained, double windowTail, double sustainedTail) {
    }

    public boolean fires() {
        return spike || burst;
    }

    /**
     * The score as the opening decision sees it: each test counts only when its own span holds
     * detect.min.volume posts, each relative to this region's threshold for it, times
     * detect.open.score. One post in a near-silent region is "many scales" above its normal but
     * can open nothing: this is 0 then, so that a gauge compared with detect.open.score means what
     * it says.
     */
    public double openingScore(DetectionRules rules) {
        double window = observed >= rules.minVolume() ? windowScore / thresholds.window() : 0;
        double sustained = sustainedObserved >= rules.minVolume() ? sustainedScore / thresholds.sustained() : 0;
        double counts = Math.max(window, sustained);
        Novelty n = rules.novelty();
        if (n.method() == Novelty.Method.COUNTS || !run.known()) {
            return Math.max(0, rules.openScore() * counts);
        }
        // The novelty test on the same scale, as the alert's score puts it: the run's ratio to its
        // record over detect.novelty.open. A familiar run cannot open on a count test.
        double novel = observed >= rules.minVolume() && ratio >= 1 ? noveltyRatio() / Math.exp(n.openAbove()) : 0;
        double opening = n.method() == Novelty.Method.NOVELTY || familiar ? novel : Math.max(counts, novel);
        return Math.max(0, rules.openScore() * opening);
    }

    /** A spike that the novelty test opened where no count test fired: its trigger is the run (novel_run). */
    public boolean reportsNovelty() {
        return spike && noveltyTest;
    }

    /**
     * How far the most novel run stands above the region's record for its length: the test's own
     * ratio, (posts + offset) / (record + offset) with the baseline's count offset (NaN while unknown).
     */
    public double noveltyRatio() {
        return Math.exp(run.score());
    }

    /** A spike that only the sustained test saw: no single window (this one included) would have alerted. */
    public boolean sustainedOnly() {
        return spike && sustainedTest && !windowTest;
    }

    /**
     * The test an alert reports (its trigger, its summary, its score): of the tests that fired, the
     * one furthest over its own threshold; true for the sustained test, false for the window's.
     */
    public boolean reportsSustained() {
        return spike && !noveltyTest && (!windowTest || sustainedTest && sustainedScore / thresholds.sustained() > windowScore / thresholds.window());
    }
}
