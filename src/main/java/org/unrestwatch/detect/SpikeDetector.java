package org.unrestwatch.detect;

import java.util.List;
import org.unrestwatch.alert.AlertType;
import org.unrestwatch.alert.Severity;
import org.unrestwatch.stats.RegionWindowStats;

/**
 * Decides whether a region window is a surge. The single detector of the product: the topology
 * and the offline {@code evaluate} command both call {@link #assess}.
 *
 * <p>A window is a spike when the baseline is warm and the protest-related count is improbable
 * under the baseline's negative binomial ({@link CountTest}, surprise at least {@code openScore}),
 * at least {@code minRatio} times the expectation, at least {@code minVolume} posts and from at
 * least {@code minDistinctAccounts} accounts. The count of an open window is compared with the
 * expectation for the whole window, so a partial window can only under-state a surge: alerts fire
 * mid-window as soon as the evidence suffices, never early on noise.
 */
public final class SpikeDetector {
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
        long observed = w.protestPosts();
        double expected = baseline.expected(w.windowStart(), rules.baseline());
        double score = CountTest.surprise(observed, expected, baseline.dispersion(w.windowStart(), rules.baseline()));
        double ratio = observed / expected;
        boolean warm = baseline.isWarm(rules.baseline());
        boolean spike = warm
                && score >= rules.openScore()
                && ratio >= rules.minRatio()
                && observed >= rules.minVolume()
                && w.distinctProtestAccounts() >= rules.minDistinctAccounts();
        boolean burst = w.hyperactiveAccounts() >= rules.burstMinAccounts() && observed >= rules.minVolume();
        double incitementShare = incitementShare(w.categoryHits());
        AlertType type;
        if (spike && burst && w.newAccountShare() >= rules.coordinatedNewShare()) {
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
        return new Assessment(observed, expected, score, ratio, warm, spike, burst, incitementShare, type,
                severity(spike, type, ratio, observed));
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
