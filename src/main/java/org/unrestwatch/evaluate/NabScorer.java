package org.unrestwatch.evaluate;

import java.util.List;

/**
 * NAB's scoring, written from the published rules (Lavin and Ahmad 2015; NAB v1.1): the first
 * 15% of rows (at most 750) are probationary and not scored; inside a labelled window the best
 * detection scores the scaled sigmoid of its relative position (about 1 at the window's left
 * edge, 0 at its right edge) times the true-positive weight; a window without a detection costs
 * the false-negative weight; every detection outside windows costs the sigmoid of its distance
 * past the previous window's end (a full false-positive weight when there is none) times the
 * false-positive weight. Normalised, a detector that never fires scores 0 and a perfect one 100.
 */
public final class NabScorer {
    /** Weights of a NAB application profile. */
    public record Profile(String name, double tp, double fp, double fn) {
        public static final Profile STANDARD = new Profile("standard", 1.0, 0.11, 1.0);
        public static final Profile REWARD_LOW_FP = new Profile("reward_low_FP_rate", 1.0, 0.22, 1.0);
        public static final Profile REWARD_LOW_FN = new Profile("reward_low_FN_rate", 1.0, 0.11, 2.0);
    }

    /** A file's result: raw score, the null and perfect detectors' scores, and the counts behind it. */
    public record Result(String name, double raw, double nullScore, double perfect, int windows, int detected,
                         int falsePositives, double falsePositiveCost, double truePositiveCredit) {
        public double normalised() {
            return normalise(raw, nullScore, perfect);
        }

        public Result plus(Result o) {
            return new Result("combined", raw + o.raw, nullScore + o.nullScore, perfect + o.perfect, windows + o.windows,
                    detected + o.detected, falsePositives + o.falsePositives, falsePositiveCost + o.falsePositiveCost,
                    truePositiveCredit + o.truePositiveCredit);
        }
    }

    private NabScorer() {
    }

    public static double normalise(double raw, double nullScore, double perfect) {
        return 100 * (raw - nullScore) / (perfect - nullScore);
    }

    static double scaledSigmoid(double position) {
        return position >= 3.0 ? -1.0 : 2 / (1 + Math.exp(5 * position)) - 1.0;
    }

    static int probationaryLength(int rows) {
        return (int) Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
    }

    /** Scores detections ({@code alert[i]} true) on rows with {@code timestamps} against {@code windows}. */
    public static Result score(String name, long[] timestamps, boolean[] alert, List<NabWindows.Window> windows, Profile profile) {
        return score(name, timestamps, alert, windows, profile, probationaryLength(timestamps.length));
    }

    /** The same with {@code probation} rows unscored instead of NAB's 15% (0: every row counts). */
    public static Result score(String name, long[] timestamps, boolean[] alert, List<NabWindows.Window> windows, Profile profile,
                               int probation) {
        int n = timestamps.length;
        double maxTp = scaledSigmoid(-1.0);
        int[] windowOf = new int[n];
        java.util.Arrays.fill(windowOf, -1);
        int[] left = new int[windows.size()];
        int[] right = new int[windows.size()];
        for (int w = 0; w < windows.size(); w++) {
            left[w] = indexOf(timestamps, windows.get(w).start());
            right[w] = indexOf(timestamps, windows.get(w).end());
            for (int i = left[w]; i <= right[w]; i++) {
                windowOf[i] = w;
            }
        }
        double[] best = new double[windows.size()];
        java.util.Arrays.fill(best, Double.NaN);
        double fpCost = 0;
        int fps = 0;
        int prevRight = -1;
        double prevWidth = 0;
        for (int i = 0; i < n; i++) {
            int w = windowOf[i];
            if (alert[i] && i >= probation) {
                if (w >= 0) {
                    double width = right[w] - left[w] + 1;
                    double position = -(right[w] - i + 1) / width;
                    double s = scaledSigmoid(position) * profile.tp() / maxTp;
                    best[w] = Double.isNaN(best[w]) ? s : Math.max(best[w], s);
                } else {
                    double position = prevRight < 0 ? 3.0 : Math.abs(prevRight - i) / (prevWidth - 1);
                    fpCost += scaledSigmoid(position) * profile.fp();
                    fps++;
                }
            }
            if (w >= 0 && i == right[w]) {
                prevRight = i;
                prevWidth = right[w] - left[w] + 1;
            }
        }
        double tpCredit = 0;
        int detected = 0;
        int scoredWindows = 0;
        double raw = fpCost;
        for (int w = 0; w < windows.size(); w++) {
            if (right[w] < probation) {
                continue; // wholly probationary: NAB does not score it
            }
            scoredWindows++;
            if (Double.isNaN(best[w])) {
                raw -= profile.fn();
            } else {
                raw += best[w];
                tpCredit += best[w];
                detected++;
            }
        }
        return new Result(name, raw, -profile.fn() * scoredWindows, profile.tp() * scoredWindows, scoredWindows, detected,
                fps, fpCost, tpCredit);
    }

    private static int indexOf(long[] timestamps, long t) {
        int i = java.util.Arrays.binarySearch(timestamps, t);
        if (i < 0) {
            throw new IllegalArgumentException("window edge " + NabSeries.formatTime(t) + " is not a row timestamp");
        }
        return i;
    }
}
