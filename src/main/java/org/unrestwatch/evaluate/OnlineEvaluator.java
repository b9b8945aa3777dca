package org.unrestwatch.evaluate;

import java.util.List;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.detect.RegionDetector;
import org.unrestwatch.detect.DetectionRules;
import org.unrestwatch.detect.SpikeDetector;
import org.unrestwatch.enrich.EnrichedPost;
import org.unrestwatch.region.Resolution;
import org.unrestwatch.stats.RegionWindowStats;

/**
 * Runs the topology's detector over a count series, one bucket at a time, in the order the
 * topology does: assess the bucket as an open window (an alert may open), then close it (calm
 * counting, resolution) and close it in the baseline, through the same detector calls. Each unit of a
 * bucket's count is one protest-related post from a distinct account, as a replay through the
 * topology would send it. No look-ahead, no labels.
 */
public final class OnlineEvaluator {
    /**
     * One output row: the bucket, its count, a [0, 1] anomaly score, whether an alert opened, and
     * the opening score it came from (unclamped: {@code detect.open.score} at the region's threshold).
     */
    public record Row(long timestamp, long value, double anomalyScore, boolean alert, double openingScore) {
    }

    private static final String REGION = "series";
    private static final List<String> CATEGORIES = List.of("mobilisation");

    private final DetectionRules rules;
    private final SpikeDetector detector;

    /** The rules it runs (for a series of another bucket size, see {@link SeriesScores.BucketRules}). */
    public DetectionRules rules() {
        return rules;
    }

    public OnlineEvaluator(DetectionRules rules) {
        this.rules = rules;
        this.detector = new SpikeDetector(rules, CATEGORIES, java.util.Set.of("mobilisation"));
    }

    /** Each row is one window's count: added, assessed as of the window's end, then closed (the topology's life of a window). */
    public Row[] run(NabSeries series) {
        Row[] out = new Row[series.size()];
        RegionDetector region = null;
        for (int i = 0; i < series.size(); i++) {
            long windowStart = rules.windowStartOf(series.timestamps()[i]);
            if (region == null) {
                region = RegionDetector.fresh(REGION, detector, CATEGORIES.size(), true, windowStart);
            }
            long windowEnd = windowStart + rules.windowMs();
            region.add(bucket(windowStart, series.values()[i]));
            RegionDetector.Transition t = region.assess(windowStart, windowEnd);
            double score = region.currentOpeningScore();
            region.closeThrough(windowEnd + rules.grace().toMillis());
            out[i] = new Row(series.timestamps()[i], series.values()[i], anomalyScore(score),
                    t != null && t.status() == AlertStatus.OPEN, score);
        }
        return out;
    }

    /**
     * The opening score (the gauge's: 0 until the baseline is warm and while neither test's span
     * holds detect.min.volume posts) mapped onto [0, 1]: 0.5 at the region's opening threshold.
     */
    private double anomalyScore(double surprise) {
        return Math.min(1.0, surprise / (2 * rules.openScore()));
    }

    /**
     * A window holding {@code count} protest-related posts from as many accounts. Beyond
     * {@link #DISTINCT_POSTS} the rest are counted without being built one by one (a taxi series
     * has 30,000 a bucket): detection reads their number, and the distinct-account sketch is an
     * estimate that far up anyway.
     */
    public static RegionWindowStats bucket(long windowStart, long count) {
        RegionWindowStats w = new RegionWindowStats(windowStart, CATEGORIES.size());
        int[] hit = {1};
        List<String> terms = List.of("dharna");
        EnrichedPost post = null;
        for (long j = 0; j < Math.min(count, DISTINCT_POSTS); j++) {
            post = new EnrichedPost("p" + j, windowStart, windowStart, accountId(windowStart, j), false, REGION,
                    Resolution.EXPLICIT, hit, 2.0, true, terms);
            w.add(post);
        }
        w.addRepeats(post, count - DISTINCT_POSTS); // nothing when count fits
        return w;
    }

    /** Posts of a bucket built one by one, each from its own account (more than the distinct-account sketch keeps exactly). */
    static final long DISTINCT_POSTS = 300;

    /** The account of the j-th post of a bucket, shared with the topology replay so both see the same accounts. */
    public static String accountId(long windowStart, long j) {
        return "acct-" + windowStart + "-" + j;
    }
}
