package org.unrestwatch.streams;

import java.time.Duration;
import org.unrestwatch.config.ConfigException;
import org.unrestwatch.config.DetectorConfig;

/**
 * How the two stages exchange partial aggregates and progress.
 *
 * @param flushIntervalMs     wall-clock time between flushes of the posts stage (0: at every tick)
 * @param idleTimeoutMs       a posts partition silent this long stops holding windows back
 * @param maxJumpMs           a post further ahead of its partition's progress needs the next post to confirm the jump
 * @param accountsRepartition re-key posts by account before the posts stage
 */
public record DataPathSettings(long flushIntervalMs, long idleTimeoutMs, long maxJumpMs, boolean accountsRepartition) {

    public static DataPathSettings from(DetectorConfig config) {
        Duration grace = config.getDuration("window.grace");
        Duration jump = config.getDuration("watermark.max.jump");
        if (jump.isNegative() || jump.isZero() || jump.compareTo(grace) > 0 && !grace.isZero()) {
            throw ConfigException.atKey(config.source("watermark.max.jump"), "watermark.max.jump",
                    "must be positive and at most window.grace (" + config.get("window.grace")
                            + "): an unconfirmed jump beyond the grace period would make the next ordinary post late");
        }
        Duration idle = config.getDuration("watermark.idle.timeout");
        if (idle.isNegative() || idle.isZero()) {
            throw ConfigException.atKey(config.source("watermark.idle.timeout"), "watermark.idle.timeout", "must be positive");
        }
        return new DataPathSettings(config.getDuration("partials.flush.interval").toMillis(), idle.toMillis(),
                grace.isZero() ? jump.toMillis() : Math.min(jump.toMillis(), grace.toMillis()),
                config.getBoolean("accounts.repartition"));
    }
}
