package org.unrestwatch.coordination;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One region's emerging terms in the region stage: the terms of its protest posts' campaign texts
 * (word n-grams up to three; hashtags are split into their words there), counted per window in
 * event-time order, and suggested when the window closes.
 */
public final class RegionTerms {
    /** Terms counted per window (twice as many before the least counted are dropped); baselines of four times as many. */
    public static final int CAPACITY = 300;
    /** A term's baseline forgets with a half-life of about 14 windows (70 minutes of 5-minute windows). */
    public static final double ALPHA = 0.05;
    /** Fewest posts in a window for a term to be suggested. */
    public static final long MIN_COUNT = 5;
    /** Suggestions a window publishes at most. */
    public static final int SUGGESTIONS = 5;

    private final EmergingTerms terms;

    /** {@code knownTerms}: never suggested, nor any term made of their words only (the lexicon's terms, place names). */
    public RegionTerms(Set<String> knownTerms) {
        this.terms = new EmergingTerms(CAPACITY, ALPHA, MIN_COUNT, knownTerms, EmergingTerms.STOP_WORDS);
    }

    /** Counts the terms of one tick's protest posts (in event-time order) in the window at {@code windowStart}; returns its counts. */
    public EmergingTerms.WindowTerms observe(long windowStart, List<CopyCandidate> ordered) {
        EmergingTerms.WindowTerms w = null;
        for (CopyCandidate c : ordered) {
            w = terms.add(windowStart, terms.termsOf(c.print().words(), List.of()), c.print().text());
        }
        return w;
    }

    /** Closes the windows before {@code beforeStart}: their suggestions by window start. */
    public Map<Long, List<EmergingTerms.Suggestion>> closeBefore(long beforeStart) {
        return terms.closeBefore(beforeStart, SUGGESTIONS);
    }

    public EmergingTerms terms() {
        return terms;
    }
}
