package org.unrestwatch.lexicon;

/**
 * One lexicon row: the term as the analyst wrote it, its normalised form (what is matched), its
 * category, language/script tag and weight.
 */
public record LexiconEntry(String term, String normalised, String category, String lang, double weight) {
}
