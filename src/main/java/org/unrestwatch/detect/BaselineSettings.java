package org.unrestwatch.detect;

import java.time.Duration;

/**
 * How baselines learn. The model works on log(count + {@code countOffset}): the offset damps the
 * noise of near-empty windows. {@code spanWindows} is the memory of the level (exponentially
 * weighted, alpha = 2 / (span + 1)); {@code scaleSpanWindows} the memory of the residual scale;
 * {@code warmupWindows} closed windows are needed before any alert; residuals beyond
 * {@code clipScales} scales are clipped before learning, so a burst that did not alert does not
 * drag the level up; hour-of-day offsets apply once each hour has been seen on
 * {@code seasonalMinDays} days and then move by about {@code seasonalAlpha} per day;
 * {@code sustainedWindows} windows (ending with the current one) make the sustained test's span;
 * {@code minExpected} floors the expected count used for ratios.
 */
public record BaselineSettings(
        Duration windowSize,
        int spanWindows,
        int scaleSpanWindows,
        int warmupWindows,
        double countOffset,
        double minExpected,
        double clipScales,
        int seasonalMinDays,
        double seasonalAlpha,
        int sustainedWindows) {

    int windowsPerHour() {
        return (int) Math.max(1, Duration.ofHours(1).toMillis() / windowSize.toMillis());
    }
}
