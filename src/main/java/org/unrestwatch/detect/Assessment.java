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
        Severity severity) {

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
        return Math.max(0, rules.openScore() * Math.max(window, sustained));
    }

    /** A spike that only the sustained test saw: no single window (this one included) would have alerted. */
    public boolean sustainedOnly() {
        return spike && !windowTest;
    }

    /**
     * The test an alert reports (its trigger, its summary, its score): of the tests that fired, the
     * one furthest over its own threshold; true for the sustained test, false for the window's.
     */
    public boolean reportsSustained() {
        return spike && (!windowTest || sustainedTest && sustainedScore / thresholds.sustained() > windowScore / thresholds.window());
    }
}
