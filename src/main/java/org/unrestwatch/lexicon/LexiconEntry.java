package org.unrestwatch.lexicon;

import java.util.Set;

/**
 * One lexicon term: the term as the analyst wrote it, its normalised form (what is matched), its
 * category, language/script tag and weight, and the regions it counts in (empty: everywhere; only
 * terms added by a live rule are limited to regions).
 */
public record LexiconEntry(String term, String normalised, String category, String lang, double weight, Set<String> regions) {
    public LexiconEntry {
        regions = Set.copyOf(regions);
    }

    public LexiconEntry(String term, String normalised, String category, String lang, double weight) {
        this(term, normalised, category, lang, weight, Set.of());
    }

    public boolean countsIn(String region) {
        return regions.isEmpty() || regions.contains(region);
    }
}
