package org.unrestwatch.detect;

import java.time.Duration;

/**
 * How baselines learn. {@code spanWindows} is the memory of the level (an exponentially weighted
 * mean with alpha = 2 / (span + 1)); {@code warmupWindows} closed windows are needed before any
 * alert; {@code minExpected} keeps near-silent regions from calling a handful of posts a surge;
 * observations beyond {@code winsorSigmas} standard deviations are clipped before learning so a
 * burst that did not alert does not drag the level up; hour-of-day factors are used once each hour
 * has been seen on {@code seasonalMinDays} days.
 */
public record BaselineSettings(
        Duration windowSize,
        int spanWindows,
        int warmupWindows,
        double minExpected,
        double winsorSigmas,
        int seasonalMinDays,
        double seasonalAlpha) {

    int windowsPerHour() {
        return (int) Math.max(1, Duration.ofHours(1).toMillis() / windowSize.toMillis());
    }
}
