package org.unrestwatch.lexicon;

import java.util.List;

/**
 * What the matcher found in one post: hit counts per category (indexed as
 * {@link Lexicon#categories()}), the summed weight of distinct matched terms per category, and
 * those terms.
 */
public record KeywordHits(int[] categoryCounts, double[] categoryWeights, List<String> terms) {
    public static KeywordHits none(int categories) {
        return new KeywordHits(new int[categories], new double[categories], List.of());
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }
}
