package org.unrestwatch.stats;

import java.time.Duration;

/**
 * Event-time windows in one value: tumbling windows of {@code sizeMs}, open for posts until a
 * watermark passes their end plus {@code graceMs}, and evaluated early at every {@code tickMs}
 * (a whole divisor of the window). Every stage asks this value when a window starts, whether a
 * post is late and which windows a watermark closes, so that the rule is written once.
 */
public record EventWindows(long sizeMs, long graceMs, long tickMs) {
    public EventWindows {
        if (sizeMs <= 0 || graceMs < 0 || tickMs <= 0 || sizeMs % tickMs != 0) {
            throw new IllegalArgumentException("window " + sizeMs + " ms, grace " + graceMs + " ms, tick " + tickMs
                    + " ms: the tick must divide the window");
        }
    }

    public static EventWindows of(Duration size, Duration grace, Duration tick) {
        return new EventWindows(size.toMillis(), grace.toMillis(), tick.toMillis());
    }

    public long startOf(long timestampMs) {
        return timestampMs - Math.floorMod(timestampMs, sizeMs);
    }

    public long tickStartOf(long timestampMs) {
        return timestampMs - Math.floorMod(timestampMs, tickMs);
    }

    /** A window is closed once the watermark reaches its end plus grace: posts for it are late. */
    public boolean isClosed(long windowStart, long watermarkMs) {
        return windowStart + sizeMs + graceMs <= watermarkMs;
    }

    /** The start of the first window still open at {@code watermarkMs}: every window before it is closed. */
    public long firstOpenAt(long watermarkMs) {
        return watermarkMs == Long.MIN_VALUE ? Long.MIN_VALUE : startOf(watermarkMs - graceMs);
    }
}
