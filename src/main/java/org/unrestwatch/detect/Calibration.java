package org.unrestwatch.detect;

/**
 * How each region's opening thresholds follow its own recent scores. For each test, the threshold
 * is {@code margin} times the region's {@code quantile} of that test's scores over about the last
 * {@code spanWindows} closed windows, kept within [{@code min}, {@code max}]; until the region has
 * closed {@code minWindows} windows, the rules' fixed opening scores apply. A region whose bursts
 * are routine (its 99.9th percentile is high) asks more of the next one; a quiet, regular region
 * (a province with a few posts per window) asks less, down to {@code min}.
 */
public record Calibration(double quantile, int spanWindows, int minWindows, Band window, Band sustained, Young young) {

    /**
     * Before its own warm-up a region has no history to calibrate on: from {@code afterWindows}
     * closed windows its window test opens at {@code windowResidual} (log of observed over
     * expected), a prior learned across series: where mature regions' calibrated window tests open
     * (the median over the development corpus's real series, docs/detection.md). The sustained test
     * waits for the warm-up.
     */
    public record Young(int afterWindows, double windowResidual) {
    }

    /** One test's band: {@code margin} x the region's tail quantile, clamped to [min, max]. */
    public record Band(double margin, double min, double max) {
        public double threshold(double tail) {
            return Math.max(min, Math.min(max, margin * tail));
        }
    }
}
