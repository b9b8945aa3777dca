package org.unrestwatch.detect;

import java.time.Duration;
import java.util.Set;
import org.unrestwatch.stats.EventWindows;

/**
 * Every threshold of detection in one value, so that rules can be swapped as a whole (today from
 * {@code config/detector.properties}, later from a compacted rules topic).
 *
 * @param name                 rule-set name, carried in every alert
 * @param windows              tumbling event-time windows per region: size, grace (how late a post
 *                             may arrive and still count) and the early-evaluation tick
 * @param baseline             how baselines learn
 * @param openScore            burst score (residual in robust scales) at which an alert opens while the
 *                             region's own scores are too few to calibrate on (see {@code calibration})
 * @param sustainedOpenScore   the same for the sustained score (the last hour's residual in its own scales)
 * @param calibration          how each region's thresholds then follow its own recent scores
 * @param closeScore           score below which a closed window counts as calm (hysteresis)
 * @param minRatio             observed must also be at least this multiple of expected
 * @param minVolume            and at least this many protest-related posts
 * @param minDistinctAccounts  from at least this many distinct accounts
 * @param calmWindowsToResolve consecutive calm closed windows that resolve an alert
 * @param cooldown             after RESOLVED, no new OPEN in the region for this long (event time)
 * @param relearnAfter         an alert open this long lets the baseline learn again (a new level)
 * @param hyperactivePosts     posts by one account in one window that make it hyperactive
 * @param burstMinAccounts     hyperactive accounts in a region window that make an ACCOUNT_BURST
 * @param coordinatedNewShare  new-account share that, with a burst, makes a spike COORDINATED_ACTIVITY
 * @param copyPasteShare       share of the window's protest posts in coordinated copy-paste clusters that makes a spike COORDINATED_ACTIVITY
 * @param incitementShare      share of protest hits in incitement categories that makes an INCITEMENT_SURGE
 * @param incitementCategories lexicon categories that count as incitement
 * @param severityRatios       observed/expected at which severity becomes MEDIUM, HIGH, CRITICAL
 * @param alertOnUnknownRegion whether posts with no region can raise alerts
 * @param idleResolveAfter     wall-clock time without any post after which open windows close and
 *                             open alerts resolve (stream time stands still without records)
 * @param novelty              the novelty test and how it joins the count tests
 */
public record DetectionRules(
        String name,
        EventWindows windows,
        BaselineSettings baseline,
        double openScore,
        double sustainedOpenScore,
        Calibration calibration,
        double closeScore,
        double minRatio,
        long minVolume,
        long minDistinctAccounts,
        int calmWindowsToResolve,
        Duration cooldown,
        Duration relearnAfter,
        long hyperactivePosts,
        long burstMinAccounts,
        double coordinatedNewShare,
        double copyPasteShare,
        double incitementShare,
        Set<String> incitementCategories,
        double[] severityRatios,
        boolean alertOnUnknownRegion,
        Duration idleResolveAfter,
        Novelty novelty) {

    public Duration windowSize() {
        return Duration.ofMillis(windows.sizeMs());
    }

    public Duration grace() {
        return Duration.ofMillis(windows.graceMs());
    }

    public long windowMs() {
        return windows.sizeMs();
    }

    public long windowStartOf(long timestampMs) {
        return windows.startOf(timestampMs);
    }
}
