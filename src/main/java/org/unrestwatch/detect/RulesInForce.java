package org.unrestwatch.detect;

/**
 * The detection rules that judge a region window: the configuration's, or the configuration's
 * with analysts' live rules on top, chosen by the window's last instant (event time), so that a
 * replay of the same posts under the same rules decides the same way whenever it runs. The last
 * instant, not the (exclusive) end: a rule from 12:00 judges the window 12:00-12:05 and not
 * 11:55-12:00; a mute until 12:00 covers 11:55-12:00.
 */
public interface RulesInForce {
    /** The detector (thresholds) for {@code region}'s window whose last instant is {@code windowLastMs}. */
    SpikeDetector detector(String region, long windowLastMs);

    /** Whether a rule mutes {@code region} at that time: it then opens and escalates no story. */
    boolean muted(String region, long windowLastMs);

    /** The version of the live rules in force at that time, carried in alerts; null without live rules. */
    String version(long windowLastMs);

    /** The last instant of the window starting at {@code windowStartMs}: what rules are looked up by. */
    static long lastInstant(long windowStartMs, long windowMs) {
        return windowStartMs + windowMs - 1;
    }

    /** The configuration's rules alone (the {@code evaluate} command, tests). */
    static RulesInForce fixed(SpikeDetector detector) {
        return new RulesInForce() {
            @Override
            public SpikeDetector detector(String region, long windowLastMs) {
                return detector;
            }

            @Override
            public boolean muted(String region, long windowLastMs) {
                return false;
            }

            @Override
            public String version(long windowLastMs) {
                return null;
            }
        };
    }
}
