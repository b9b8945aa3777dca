package org.unrestwatch.lexicon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.unrestwatch.config.CsvFile;

/**
 * The keyword lexicon: terms and phrases with category, language/script and weight, loaded from
 * {@code config/lexicon.csv}. Categories are data; their order (first appearance) fixes the index
 * used in per-category counters.
 */
public final class Lexicon {
    public static final Set<String> KNOWN_LANGS = Set.of("en", "ur", "ur-Latn", "pa", "ps", "sd", "any");

    private final List<LexiconEntry> entries;
    private final List<String> categories;

    public Lexicon(List<LexiconEntry> entries) {
        this.entries = List.copyOf(entries);
        LinkedHashSet<String> cats = new LinkedHashSet<>();
        entries.forEach(e -> cats.add(e.category()));
        this.categories = List.copyOf(cats);
    }

    /**
     * A lexicon derived from another (live rules): the categories, and so the counters' indexes,
     * stay the original's even when a category loses all its terms.
     */
    public Lexicon(List<LexiconEntry> entries, List<String> categories) {
        this.entries = List.copyOf(entries);
        this.categories = List.copyOf(categories);
        for (LexiconEntry e : entries) {
            if (!categories.contains(e.category())) {
                throw new IllegalArgumentException("category " + e.category() + " is not one of " + categories);
            }
        }
    }

    public static Lexicon load(Path file) {
        TextNormaliser normaliser = TextNormaliser.basic();
        List<LexiconEntry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (CsvFile.Row row : CsvFile.read(file, "term", "category", "lang", "weight")) {
            String term = row.require("term");
            String category = row.require("category");
            if (!category.matches("[a-z][a-z0-9_]*")) {
                throw row.error("category '" + category + "' must be lower_snake_case (it becomes a metric label)");
            }
            String lang = row.require("lang");
            if (!KNOWN_LANGS.contains(lang)) {
                throw row.error("lang '" + lang + "' is not one of " + KNOWN_LANGS);
            }
            double weight = row.requireDouble("weight");
            if (!(weight > 0 && weight <= 10)) {
                throw row.error("weight " + weight + " must be in (0, 10]");
            }
            String normalised = normaliser.normalise(term);
            if (normalised.isEmpty()) {
                throw row.error("term '" + term + "' has no letters or digits after normalisation");
            }
            Integer previous = seen.putIfAbsent(normalised + "\u0000" + category, row.line());
            if (previous != null) {
                throw row.error("term '" + term + "' normalises to '" + normalised
                        + "', the same as line " + previous + " in category " + category);
            }
            entries.add(new LexiconEntry(term, normalised, category, lang, weight));
        }
        if (entries.isEmpty()) {
            throw new org.unrestwatch.config.ConfigException(file + ": the lexicon has no terms");
        }
        return new Lexicon(entries);
    }

    public List<LexiconEntry> entries() {
        return entries;
    }

    public List<String> categories() {
        return categories;
    }

    public int categoryIndex(String category) {
        return categories.indexOf(category);
    }

    /** Every word that occurs in a term: the vocabulary for splitting lower-case hashtags. */
    public Set<String> words() {
        Set<String> words = new HashSet<>();
        for (LexiconEntry e : entries) {
            for (String w : e.normalised().split(" ")) {
                if (w.length() >= 2) {
                    words.add(w);
                }
            }
        }
        return words;
    }
}
