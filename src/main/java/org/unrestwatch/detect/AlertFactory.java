package org.unrestwatch.detect;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.coordination.EmergingTerms;
import org.unrestwatch.coordination.WindowCoordination;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.alert.Pseudonymiser;
import org.unrestwatch.region.RegionCatalog;
import org.unrestwatch.stats.RegionWindowStats;

/** Builds the explained alert from a region window, its assessment and the alert story. */
public final class AlertFactory {
    private static final int TOP_N = 5;

    private final DetectionRules rules;
    private final List<String> categories;
    private final RegionCatalog regions;
    private final Pseudonymiser pseudonymiser;
    private final Alert.Rule rule;
    private final long sustainedMinutes;

    public AlertFactory(DetectionRules rules, List<String> categories, RegionCatalog regions, Pseudonymiser pseudonymiser) {
        this.rules = rules;
        this.categories = categories;
        this.regions = regions;
        this.pseudonymiser = pseudonymiser;
        this.sustainedMinutes = rules.windowSize().toMinutes() * rules.baseline().sustainedWindows();
        Calibration c = rules.calibration();
        this.rule = new Alert.Rule(rules.name(), String.format(java.util.Locale.ROOT,
                        "log-count residual in robust scales: window burst, or the last %d min, at or above the region's own"
                                + " threshold for that test (trigger.threshold): the burst test %.2f x, the sustained test %.2f x the"
                                + " region's %s of its recent scores (trigger.region_tail), within [%.1f, %.1f] and [%.1f, %.1f];"
                                + " %.1f and %.1f while the region has scored fewer than %d windows (before its warm-up, from %d windows, the"
                                + " window test alone at a residual of %.2f, a prior); score = the reported test (trigger)"
                                + " over its threshold, times open_score%s",
                        sustainedMinutes, c.window().margin(), c.sustained().margin(), percentile(c.quantile()),
                        c.window().min(), c.window().max(), c.sustained().min(), c.sustained().max(), rules.openScore(),
                        rules.sustainedOpenScore(), c.minWindows(), c.young().afterWindows(), c.young().windowResidual(),
                        noveltyRule(rules.novelty())),
                rules.openScore(), rules.closeScore(), rules.minRatio(), rules.minVolume(),
                rules.minDistinctAccounts(), rules.windowSize().toSeconds());
    }

    /** The baseline's count offset as the summary prints it (5, not 5.0). */
    private String offset() {
        return new java.math.BigDecimal(Double.toString(rules.baseline().countOffset())).stripTrailingZeros().toPlainString();
    }

    /** How the novelty test joins the count tests, in the rule's description. */
    private static String noveltyRule(Novelty n) {
        return switch (n.method()) {
            case COUNTS -> "";
            case NOVELTY -> String.format(java.util.Locale.ROOT, "; method novelty: only a run (1 window, 15 min, the sustained span) at"
                    + " least %.2f x the region's record for its length in its last %d days opens", Math.exp(n.openAbove()), n.memoryBlocks());
            case FUSION -> String.format(java.util.Locale.ROOT, "; method fusion: a count test opens only on a run at least %.2f x the"
                    + " region's record for its length in its last %d days (below: a familiar burst), and a run at least %.2f x its record"
                    + " opens above expectation (trigger novel_run)", Math.exp(n.familiarBelow()), n.memoryBlocks(), Math.exp(n.openAbove()));
        };
    }

    /** The same factory for a region's rules with a live rule's threshold overrides (its rule block and summary say them). */
    public AlertFactory withRules(DetectionRules overridden) {
        return overridden == rules ? this : new AlertFactory(overridden, categories, regions, pseudonymiser);
    }

    public Alert create(String region, AlertStatus status, AlertState story, RegionWindowStats w, Assessment a,
                        long evidenceThroughMs, long nowMs) {
        return create(region, status, story, w, a, evidenceThroughMs, nowMs, null);
    }

    /**
     * {@code evidenceThroughMs}: the event time before which the window's posts were counted when it
     * was assessed; {@code rulesVersion}: the live rules it was decided under (null: none kept).
     */
    public Alert create(String region, AlertStatus status, AlertState story, RegionWindowStats w, Assessment a,
                        long evidenceThroughMs, long nowMs, String rulesVersion) {
        Map<String, Integer> hits = new LinkedHashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            hits.put(categories.get(i), i < w.categoryHits().length ? w.categoryHits()[i] : 0);
        }
        List<Alert.KeywordCount> keywords = w.topTerms(TOP_N).stream()
                .map(e -> new Alert.KeywordCount(e.item(), e.count())).toList();
        List<Alert.AccountCount> accounts = w.topAccounts(TOP_N).stream()
                .map(e -> new Alert.AccountCount(pseudonymiser.apply(e.item()), e.count())).toList();
        return new Alert(Alert.SCHEMA, story.alertId(), story.type(), status, story.severity(),
                new Alert.RegionRef(region, regions.nameOf(region)),
                new Alert.Window(iso(w.windowStart()), iso(w.windowStart() + rules.windowMs())),
                a.observed(), round(a.expected()), round(alertScore(a)), round(a.ratio()), w.posts(),
                w.distinctAccounts(), round(w.newAccountShare()), w.hyperactiveAccounts(), hits, keywords, accounts,
                List.copyOf(w.samplePostIds()), iso(story.openedWindow()), iso(nowMs),
                summary(status, story, w, a), rule, iso(evidenceThroughMs), status == AlertStatus.RESOLVED ? null : tippedAt(w),
                status == AlertStatus.RESOLVED ? null : trigger(w, a), story.version(), rulesVersion, w.distinctProtestAccounts(),
                coordination(w), status == AlertStatus.RESOLVED ? null : round(a.incitementShare()));
    }

    /** A term suggested for the lexicon in {@code region}'s window at {@code windowStart}, with the command that would promote it. */
    public org.unrestwatch.alert.TermSuggestion suggestion(String region, long windowStart, EmergingTerms.Suggestion s, long nowMs) {
        String quoted = "'" + s.term().replace("'", "'\\''") + "'";
        return new org.unrestwatch.alert.TermSuggestion(org.unrestwatch.alert.TermSuggestion.SCHEMA,
                new Alert.RegionRef(region, regions.nameOf(region)), s.term(),
                new Alert.Window(iso(windowStart), iso(windowStart + rules.windowMs())), s.count(), round(s.expected()), round(s.score()),
                iso(s.firstSeenMs()), s.example(),
                "rules add-term --term " + quoted + " --category CATEGORY --lang any --region " + region
                        + " --author YOU --comment 'suggested: " + s.count() + " posts in " + iso(windowStart).substring(0, 16) + "Z'", iso(nowMs));
    }

    /** The window's copy-paste, with the largest cluster's accounts pseudonymised; null with none. */
    private Alert.Coordination coordination(RegionWindowStats w) {
        WindowCoordination c = w.coordination();
        if (c.isEmpty()) {
            return null;
        }
        WindowCoordination.Largest l = c.largest();
        return new Alert.Coordination(c.posts(), round(copyShare(w)), c.clusters(), new Alert.CopyCluster(l.posts(), l.accounts(),
                round(l.newAccountShare()), round(l.similarity()), l.text(), iso(l.firstSeenMs()),
                l.accountIds().stream().map(pseudonymiser::apply).toList()));
    }

    private static double copyShare(RegionWindowStats w) {
        return w.protestPosts() == 0 ? 0 : Math.min(1.0, (double) w.coordination().posts() / w.protestPosts());
    }

    /**
     * The latest protest post counted: the one that tipped the decision, to within a tick. Never
     * after {@code evidence_through}: the region stage applies ticks in event-time order, and a late
     * one as of its merged progress (kept across restarts), so a window holds no post past the tick
     * it is assessed at. Absent when unknown (none, or counted before the time was kept).
     */
    private static String tippedAt(RegionWindowStats w) {
        OptionalLong t = w.latestProtestEventMs();
        return t.isPresent() ? iso(t.getAsLong()) : null;
    }

    /**
     * The alert's score: the reported test's score over its threshold, times open_score, so that
     * it follows from the trigger beside it (an account burst, which has no score, keeps the
     * window's opening score).
     */
    private double alertScore(Assessment a) {
        if (!a.spike()) {
            return a.score();
        }
        if (a.reportsNovelty()) {
            return rules.openScore() * round(a.noveltyRatio()) / round(Math.exp(rules.novelty().openAbove()));
        }
        return a.reportsSustained() ? rules.openScore() * a.sustainedScore() / a.thresholds().sustained()
                : rules.openScore() * a.windowScore() / a.thresholds().window();
    }

    /** The test that fired, with its own numbers (the summary says the same in words). */
    private Alert.Trigger trigger(RegionWindowStats w, Assessment a) {
        long windowMinutes = rules.windowSize().toMinutes();
        if (a.reportsNovelty()) {
            Novelty.Run run = a.run();
            return new Alert.Trigger(Alert.Trigger.NOVEL_RUN, windowMinutes * run.span(), run.observed(), (double) run.record(),
                    round(a.noveltyRatio()), round(Math.exp(rules.novelty().openAbove())), null);
        }
        if (a.spike() && !a.reportsSustained()) {
            return new Alert.Trigger(Alert.Trigger.WINDOW_BURST, windowMinutes, a.observed(), round(a.expected()),
                    round(a.windowScore()), round(a.thresholds().window()), tail(a.thresholds().windowTail()));
        }
        if (a.spike()) {
            return new Alert.Trigger(Alert.Trigger.SUSTAINED_RISE, sustainedMinutes, a.sustainedObserved(),
                    round(a.sustainedExpected()), round(a.sustainedScore()), round(a.thresholds().sustained()),
                    tail(a.thresholds().sustainedTail()));
        }
        if (a.burst()) {
            return new Alert.Trigger(Alert.Trigger.ACCOUNT_BURST, windowMinutes, w.hyperactiveAccounts(), null, null,
                    rules.burstMinAccounts(), null);
        }
        return null;
    }

    /**
     * The alert in words. Every number in it is a field of the alert, named as that field: the
     * firing test's count, expectation, score and threshold are {@code trigger}'s; the alert score
     * is {@code score} (the reported test's score over its threshold, times open_score: not the same
     * number as the test score unless the threshold is open_score); "from P of the window's N accounts" are
     * {@code protest_accounts} and {@code distinct_accounts}.
     */
    private String summary(AlertStatus status, AlertState story, RegionWindowStats w, Assessment a) {
        if (status == AlertStatus.RESOLVED) {
            return String.format(Locale.ROOT, "%s resolved: %d protest-related posts vs %.1f expected after %d calm window(s)",
                    story.type(), a.observed(), round(a.expected()), rules.calmWindowsToResolve());
        }
        String evidence;
        if (a.reportsNovelty()) {
            Novelty.Run run = a.run();
            long minutes = rules.windowSize().toMinutes() * run.span();
            evidence = String.format(Locale.ROOT, "new run: %d protest-related posts in the last %d min, where this region's most in any %d min"
                            + " of its last %d days was %d (test score (%d + %s) / (%d + %s) = %.2f, opens at %.2f); this window %d vs %.1f expected",
                    run.observed(), minutes, minutes, rules.novelty().memoryBlocks(), run.record(), run.observed(), offset(), run.record(), offset(),
                    round(a.noveltyRatio()),
                    round(Math.exp(rules.novelty().openAbove())), a.observed(), round(a.expected()));
        } else if (a.spike() && a.reportsSustained()) {
            evidence = String.format(Locale.ROOT, "sustained rise: %d protest-related posts in the last %d min vs %.1f expected"
                            + " for those %d min (test score %.2f, opens at %.2f); this window %d vs %.1f", a.sustainedObserved(),
                    sustainedMinutes, round(a.sustainedExpected()), sustainedMinutes, round(a.sustainedScore()), round(a.thresholds().sustained()),
                    a.observed(), round(a.expected()));
        } else if (a.spike()) {
            evidence = String.format(Locale.ROOT, "burst: %d protest-related posts vs %.1f expected (x%.1f, test score %.2f, opens at %.2f)",
                    a.observed(), round(a.expected()), round(a.ratio()), round(a.windowScore()), round(a.thresholds().window()));
        } else {
            evidence = String.format(Locale.ROOT, "account burst: %d accounts posted at least %d times in this window (alerts at %d);"
                            + " %d protest-related posts vs %.1f expected", w.hyperactiveAccounts(), rules.hyperactivePosts(),
                    rules.burstMinAccounts(), a.observed(), round(a.expected()));
        }
        return String.format(Locale.ROOT, "%s; alert score %.2f (opens at %.1f) from %d of the window's %d accounts, %.0f%% new,"
                        + " %d hyperactive; incitement share %.0f%%%s", evidence, round(alertScore(a)), rules.openScore(), w.distinctProtestAccounts(),
                w.distinctAccounts(), 100 * round(w.newAccountShare()), w.hyperactiveAccounts(), 100 * round(a.incitementShare()), copyPaste(w));
    }

    /** Copy-paste in words, with coordination's own numbers; empty with none. */
    private static String copyPaste(RegionWindowStats w) {
        WindowCoordination c = w.coordination();
        if (c.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "; copy-paste: %d of the window's %d protest posts (share %.2f) in %d coordinated cluster(s),"
                        + " the largest %d accounts with texts at least %.2f alike: \"%s\"", c.posts(), w.protestPosts(), round(copyShare(w)),
                c.clusters(), c.largest().accounts(), round(c.largest().similarity()), c.largest().text());
    }

    /** The region's tail quantile behind a calibrated threshold; absent while it had too little history. */
    private static Double tail(double tail) {
        return Double.isNaN(tail) ? null : round(tail);
    }

    private static String percentile(double q) {
        return new java.math.BigDecimal(Double.toString(100 * q)).stripTrailingZeros().toPlainString() + "th percentile";
    }

    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
