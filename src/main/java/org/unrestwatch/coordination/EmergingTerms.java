package org.unrestwatch.coordination;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.unrestwatch.stats.TopK;

/**
 * Terms whose count in one region jumps against their own past: candidates for the lexicon that
 * an analyst may promote with a live rule (never automatically). Per region window, the terms of
 * protest-related posts (hashtags and word n-grams up to three, any script) are counted in a
 * bounded heavy-hitters sketch; when the window closes, each counted term's expected count per
 * window (an exponentially decayed mean, {@code alpha} a window, zero for a term never seen) is
 * compared with what it had: the score is the excess in Poisson standard deviations,
 * {@code (count - expected) / sqrt(expected + 1)}; a term is suggested when seen at least
 * {@code minCount} times with a score of at least {@value #MIN_SCORE}. Terms made only of the
 * lexicon's words, and n-grams starting or ending on a stop word, are not suggested. Bounded: {@code capacity} terms counted a
 * window, and the baselines of at most {@code 4 x capacity} terms (the least expected forgotten).
 */
public final class EmergingTerms {
    /** A suggestion: the term, this window's count, what was expected, the score, and an example post. */
    public record Suggestion(String term, long count, double expected, double score, String example) {
    }

    /** Two Poisson standard deviations above what the term had: an everyday hashtag's wobble stays below. */
    static final double MIN_SCORE = 2.0;

    private final int capacity;
    private final Set<String> knownWords = new java.util.HashSet<>();
    private final double alpha;
    private final long minCount;
    private final Set<String> known;
    private final Set<String> stopWords;
    private TopK window;
    private final Map<String, String> examples = new HashMap<>();
    private final Map<String, Double> expected = new HashMap<>();

    public EmergingTerms(int capacity, double alpha, long minCount, Set<String> known, Set<String> stopWords) {
        this.capacity = capacity;
        this.alpha = alpha;
        this.minCount = minCount;
        this.known = known;
        this.stopWords = stopWords;
        known.forEach(t -> knownWords.addAll(List.of(t.split(" "))));
        this.window = new TopK(capacity);
    }

    /** The candidate terms of a post's campaign text: its hashtags (joined) and word n-grams up to three, each once. */
    public Set<String> termsOf(String normalisedText, List<String> hashtags) {
        Set<String> terms = new LinkedHashSet<>(hashtags);
        String[] words = normalisedText.split(" ");
        for (int n = 1; n <= 3; n++) {
            for (int i = 0; i + n <= words.length; i++) {
                if (stopWords.contains(words[i]) || stopWords.contains(words[i + n - 1]) || words[i].length() < 2) {
                    continue; // an n-gram that starts or ends on a stop word is not a slogan
                }
                terms.add(String.join(" ", java.util.Arrays.copyOfRange(words, i, i + n)));
            }
        }
        terms.removeIf(t -> known.contains(t) || knownWords.containsAll(List.of(t.split(" "))));
        return terms;
    }

    /** Counts a protest-related post's terms in the current window. */
    public void add(Set<String> terms, String example) {
        for (String t : terms) {
            window.add(t, 1);
            if (examples.size() < 4 * capacity) {
                examples.putIfAbsent(t, example);
            }
        }
    }

    /** Closes the window: its suggestions, best first (at most {@code n}), then every counted term's baseline learns. */
    public List<Suggestion> closeWindow(int n) {
        List<Suggestion> out = new ArrayList<>();
        Map<String, Long> counts = new HashMap<>();
        for (TopK.Entry e : window.top(capacity)) {
            counts.put(e.item(), e.count());
            double exp = expected.getOrDefault(e.item(), 0.0);
            double score = (e.count() - exp) / Math.sqrt(exp + 1);
            if (e.count() >= minCount && score >= MIN_SCORE) {
                out.add(new Suggestion(e.item(), e.count(), exp, score, examples.get(e.item())));
            }
        }
        // Longer n-grams first on equal score: "qafila rawana karo" over "qafila" when they rise together;
        // then a term inside one already suggested (or containing it) is left out: one slogan, one line.
        out.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score())
                : Integer.compare(b.term().length(), a.term().length()));
        List<Suggestion> distinct = new ArrayList<>();
        for (Suggestion s : out) {
            String padded = " " + s.term().replace("#", "") + " ";
            boolean overlaps = distinct.stream().map(d -> " " + d.term().replace("#", "") + " ")
                    .anyMatch(d -> d.contains(padded) || padded.contains(d));
            if (!overlaps) {
                distinct.add(s);
            }
        }
        out = distinct;
        for (Iterator<Map.Entry<String, Double>> it = expected.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Double> e = it.next();
            e.setValue(e.getValue() * (1 - alpha) + alpha * counts.getOrDefault(e.getKey(), 0L));
            if (e.getValue() < 1e-3) {
                it.remove();
            }
        }
        counts.forEach((term, c) -> expected.putIfAbsent(term, alpha * c));
        if (expected.size() > 4 * capacity) {
            expected.entrySet().stream().sorted(Map.Entry.comparingByValue()).limit(expected.size() - 4L * capacity)
                    .map(Map.Entry::getKey).toList().forEach(expected::remove);
        }
        window = new TopK(capacity);
        examples.clear();
        return out.size() > n ? out.subList(0, n) : out;
    }
}
