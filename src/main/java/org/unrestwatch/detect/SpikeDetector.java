package org.unrestwatch.detect;

import java.util.List;
import org.unrestwatch.alert.AlertType;
import org.unrestwatch.alert.Severity;
import org.unrestwatch.stats.RegionWindowStats;

/**
 * Decides whether a region window is a surge. The single detector of the product: the topology
 * and the offline {@code evaluate} command both call {@link #assess}.
 *
 * <p>Two tests on the baseline's log-count residuals, each in units of the region's own robust
 * scale, each against the region's own threshold ({@link Calibration}: a multiple of the tail of
 * the scores it has had, within bounds; {@code openScore} and {@code sustainedOpenScore} until it
 * has had enough): a <em>window</em> burst (this window alone is at least its threshold above
 * expectation, at least {@code minRatio} times the expected count and {@code minVolume} posts) or
 * a <em>sustained</em> rise (the last {@code sustainedWindows} windows together are at least
 * their threshold above their expectation, with {@code minVolume} posts between
 * them), from at least {@code minDistinctAccounts} accounts in the window, on a warm baseline. The
 * score reported is the larger of the two relative to its threshold, times {@code openScore}. A
 * window is calm when each test is below {@code closeScore} of its own scale (or its posts fall
 * short of {@code minVolume}) and no account burst is under way. An open window is assessed
 * against the expectation for the whole window, so a partial window can only under-state a surge:
 * alerts fire mid-window as soon as the evidence suffices, never early on noise.
 */
public final class SpikeDetector {
    /**
     * A count test at least this many times its threshold is never vetoed as familiar. The corpus
     * scores the same from 1.25 to no ceiling at all (its vetoed bursts are all marginal); a tenfold
     * burst at a quiet hour, smaller than the region's daytime record, needs it (SeriesFamiliesTest).
     */
    private static final double FAMILIAR_VETO_CEILING = 2.0;
    private final DetectionRules rules;
    private final boolean[] incitement;
    private final boolean[] protest;

    public SpikeDetector(DetectionRules rules, List<String> categories, java.util.Set<String> protestCategories) {
        this.rules = rules;
        this.incitement = new boolean[categories.size()];
        this.protest = new boolean[categories.size()];
        for (int i = 0; i < categories.size(); i++) {
            incitement[i] = rules.incitementCategories().contains(categories.get(i));
            protest[i] = protestCategories.contains(categories.get(i));
        }
    }

    public DetectionRules rules() {
        return rules;
    }

    public Assessment assess(RegionWindowStats w, Baseline baseline) {
        BaselineSettings s = rules.baseline();
        long observed = w.protestPosts();
        double expected = baseline.expected(w.windowStart(), s);
        double windowScore = baseline.windowScore(w.windowStart(), observed, s);
        double sustainedScore = baseline.sustainedScore(w.windowStart(), observed, s);
        Assessment.Thresholds thresholds = thresholds(baseline);
        double windowThreshold = thresholds.window();
        double sustainedThreshold = thresholds.sustained();
        // One number for gauges and evaluate: the larger test, in units where this region's
        // threshold for it sits at detect.open.score.
        double score = Math.max(0, rules.openScore() * Math.max(windowScore / windowThreshold, sustainedScore / sustainedThreshold));
        double ratio = observed / expected;
        // A young region (before the warm-up) can open on its window test alone, against a prior threshold (below).
        boolean warm = baseline.isWarm(s);
        boolean young = !warm && mayOpen(baseline);
        boolean windowTest = windowScore >= windowThreshold && ratio >= rules.minRatio() && observed >= rules.minVolume();
        long sustainedObserved = baseline.recentCount() + observed;
        boolean sustainedTest = baseline.isSustainedWarm(s) && sustainedScore >= sustainedThreshold
                && sustainedObserved >= rules.minVolume();
        Novelty n = rules.novelty();
        Novelty.Run run = baseline.mostNovelRun(observed, n, s);
        boolean countsFire = windowTest || sustainedTest;
        // New: a run beyond the region's record for its length, with the count floors and above expectation.
        boolean newRun = run.known() && run.score() >= n.openAbove() && observed >= rules.minVolume() && ratio >= 1;
        // Familiar: the region has had a run about this big; a count test far over its threshold is not vetoed (a burst at a
        // quiet hour can be smaller than the day's record and still be nothing like the region's routine).
        double countMargin = Math.max(windowScore / windowThreshold, sustainedScore / sustainedThreshold);
        boolean familiar = run.known() && run.score() < n.familiarBelow() && countMargin < FAMILIAR_VETO_CEILING;
        boolean opens = switch (n.method()) {
            case COUNTS -> countsFire;
            case NOVELTY -> run.known() ? newRun : countsFire; // until a region has records, the count tests decide
            case FUSION -> countsFire && !familiar || newRun;
        };
        boolean noveltyTest = opens && (!countsFire || n.method() == Novelty.Method.NOVELTY && run.known());
        boolean spike = (warm && opens || young && windowTest) && w.distinctProtestAccounts() >= rules.minDistinctAccounts();
        boolean burst = w.hyperactiveAccounts() >= rules.burstMinAccounts() && observed >= rules.minVolume();
        double incitementShare = incitementShare(w.categoryHits());
        AlertType type;
        if (spike && (burst && w.newAccountShare() >= rules.coordinatedNewShare() || copyPaste(w))) {
            type = AlertType.COORDINATED_ACTIVITY;
        } else if (spike && incitementShare >= rules.incitementShare()) {
            type = AlertType.INCITEMENT_SURGE;
        } else if (spike) {
            type = AlertType.VOLUME_SPIKE;
        } else if (burst) {
            type = AlertType.ACCOUNT_BURST;
        } else {
            type = null;
        }
        double sustainedExpected = baseline.sustainedExpected(w.windowStart(), s);
        // Calm: each test is below the close score, or could not reach the minimum volume anyway (a
        // near-silent region's few posts are "many scales" above its near-zero normal, not a surge).
        boolean windowCalm = windowScore < rules.closeScore() || observed < rules.minVolume();
        boolean sustainedCalm = sustainedScore < rules.closeScore() || sustainedObserved < rules.minVolume();
        // Under the novelty methods a run still new (detect.novelty.open over its record) is not calm either: a story a
        // new run opened does not resolve while the run goes on.
        boolean noveltyCalm = n.method() == Novelty.Method.COUNTS || !run.known() || run.score() < n.openAbove();
        boolean calm = windowCalm && sustainedCalm && noveltyCalm && !burst;
        // A young baseline learns fast enough to absorb a surge before it alerts: it skips windows
        // already three quarters of the way to an alert (noise alone hardly ever gets there).
        boolean learnable = !(warm && baseline.isYoung(s) && score >= 0.75 * rules.openScore());
        return new Assessment(observed, expected, score, windowScore, sustainedScore, sustainedObserved, sustainedExpected,
                thresholds, ratio, spike, windowTest, sustainedTest, burst, calm, learnable, incitementShare, type,
                severity(spike, type, ratio, observed), run, noveltyTest, familiar && n.method() == Novelty.Method.FUSION);
    }

    /**
     * Whether the region has enough history to open anything: its warm-up, or the young region's
     * detect.young.after (then on its window test alone, at the prior threshold).
     */
    public boolean mayOpen(Baseline baseline) {
        return baseline.isWarm(rules.baseline()) || baseline.learnedWindows() >= rules.calibration().young().afterWindows();
    }

    /** This region's threshold for each test: calibrated on its own scores once it has enough, the fixed ones until then. */
    private Assessment.Thresholds thresholds(Baseline baseline) {
        Calibration c = rules.calibration();
        double windowTail = baseline.windowTail(c);
        double sustainedTail = baseline.sustainedTail(c);
        if (!baseline.isWarm(rules.baseline())) {
            // Before its own warm-up a region is judged on a prior learned across series (Calibration.Young), in its scale.
            return new Assessment.Thresholds(c.young().windowResidual() / baseline.windowScaleUsed(), rules.sustainedOpenScore(),
                    Double.NaN, Double.NaN);
        }
        return new Assessment.Thresholds(
                Double.isNaN(windowTail) ? rules.openScore() : c.window().threshold(windowTail),
                Double.isNaN(sustainedTail) ? rules.sustainedOpenScore() : c.sustained().threshold(sustainedTail),
                windowTail, sustainedTail);
    }

    /**
     * Closes the window in the region's baseline: it always joins the sustained test's history. It
     * teaches the baseline when no alert was open and the verdict allows it (see {@code learnable});
     * while an alert is open the baseline is frozen, so that a surge does not become the new
     * normal, until the alert has been open for {@code relearnAfter}: a surge that lasts that long
     * is a new level (a permanent shift would otherwise hold its story open for ever and hide every
     * later surge), and the baseline follows it at its usual, clipped pace. Its scores join the
     * calibration history when no alert was open, and for the window that opened one: a story counts
     * once, so one protest does not deafen its region for weeks, while a region whose stories come
     * every few days still learns that they are routine. The topology and {@code evaluate} both
     * close windows through here.
     *
     * @param alertOpenForMs how long the open alert had been open when this window started (0: it
     *                       opened in this window); ignored when {@code alertWasOpen} is false
     * @param storyOpen      whether a story is open after this window's verdict (the novelty records
     *                       learn a story's opening window only once the story is over)
     */
    public void closeWindow(Baseline baseline, long windowStart, Assessment a, boolean alertWasOpen, long alertOpenForMs, boolean storyOpen) {
        if (!alertWasOpen || alertOpenForMs == 0) {
            baseline.rememberScores(a.windowScore(), a.sustainedScore(), rules.calibration(), rules.baseline());
        }
        boolean frozen = alertWasOpen && alertOpenForMs < rules.relearnAfter().toMillis();
        // A story open past relearn.after is a new level: its windows become the region's normal in the records too.
        // Runs the cooldown kept from opening are learned: on routine bursts that is what makes them familiar (not
        // learning them: busy family 6 -> 10 false positives, the shared five 70.8 -> 69.3).
        baseline.closeRuns(a.observed(), frozen, alertWasOpen && alertOpenForMs == 0, storyOpen, rules.novelty());
        baseline.close(windowStart, a.observed(), !frozen && a.learnable(), rules.baseline());
    }

    /**
     * How big the surge is: a step up for each severity ratio that observed/expected reaches,
     * provided the volume also reaches 2, 4, 8 times {@code minVolume} (a ratio alone is cheap on a
     * near-silent baseline). Incitement and coordination add a step. A burst without a volume
     * spike is at most MEDIUM.
     */
    private Severity severity(boolean spike, AlertType type, double ratio, long observed) {
        double[] steps = rules.severityRatios();
        int level = 0;
        while (level < steps.length && ratio >= steps[level] && observed >= (2L << level) * rules.minVolume()) {
            level++;
        }
        if (!spike) {
            level = Math.min(level, 1);
        } else if (type == AlertType.INCITEMENT_SURGE || type == AlertType.COORDINATED_ACTIVITY) {
            level = Math.min(level + 1, 3);
        }
        return Severity.values()[level];
    }

    /** Enough of the window's protest posts are copies posted by many accounts (coordination.escalate.share). */
    private boolean copyPaste(RegionWindowStats w) {
        return !w.coordination().isEmpty() && w.protestPosts() > 0
                && w.coordination().posts() >= rules.copyPasteShare() * w.protestPosts();
    }

    private double incitementShare(int[] hits) {
        long inc = 0;
        long all = 0;
        for (int i = 0; i < hits.length && i < protest.length; i++) {
            if (protest[i]) {
                all += hits[i];
                if (incitement[i]) {
                    inc += hits[i];
                }
            }
        }
        return all == 0 ? 0 : (double) inc / all;
    }
}
