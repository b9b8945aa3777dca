package org.unrestwatch.detect;

/**
 * The detection rules that judge a region window: the configuration's, or the configuration's
 * with analysts' live rules on top, chosen by the window's end (event time), so that a replay of
 * the same posts under the same rules decides the same way whenever it runs.
 */
public interface RulesInForce {
    /** The detector (thresholds) for {@code region}'s window ending at {@code windowEndMs}. */
    SpikeDetector detector(String region, long windowEndMs);

    /** Whether a rule mutes {@code region} at that time: it then opens and escalates no story. */
    boolean muted(String region, long windowEndMs);

    /** The version of the live rules in force at that time, carried in alerts; null without live rules. */
    String version(long windowEndMs);

    /** The configuration's rules alone (the {@code evaluate} command, tests). */
    static RulesInForce fixed(SpikeDetector detector) {
        return new RulesInForce() {
            @Override
            public SpikeDetector detector(String region, long windowEndMs) {
                return detector;
            }

            @Override
            public boolean muted(String region, long windowEndMs) {
                return false;
            }

            @Override
            public String version(long windowEndMs) {
                return null;
            }
        };
    }
}
