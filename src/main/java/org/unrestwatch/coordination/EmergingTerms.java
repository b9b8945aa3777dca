package org.unrestwatch.coordination;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.unrestwatch.serde.BinaryCodec;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * Terms whose count in one region jumps against their own past: candidates for the lexicon that
 * an analyst may promote with a live rule (never automatically). Per region window, the terms of
 * protest-related posts (hashtags and word n-grams up to three, any script) are counted, at most
 * {@code 2 x capacity} at a time (then the {@code capacity} most counted are kept); when the window
 * closes, each counted term's expected count is its usual share of the region's protest posts (an
 * exponentially decayed mean over the windows with protest posts, {@code alpha} a window, zero for a
 * term never seen) times this window's protest posts, so that a word every crowd uses ("today",
 * "right now") does not emerge when the crowd grows; the score is the excess in Poisson standard
 * deviations, {@code (count - expected) / sqrt(expected + 1)}; a term is suggested when seen at
 * least {@code minCount} times with a score of at least {@value #MIN_SCORE}.
 * Terms made only of known words (the lexicon's, place names) and stop words, and n-grams starting
 * or ending on a stop word, are not suggested. Bounded: the baselines of at most {@code 4 x capacity} terms (the least expected
 * forgotten). Counting depends on the order of adding only beyond capacity; the region stage adds
 * in event-time order. The open windows' counts and the baselines are stored apart ({@link
 * #windows()}, {@link #baseline()}): counts change with every post, baselines once a window.
 */
public final class EmergingTerms {
    /** A suggestion: the term, this window's count, what was expected, the score, an example post, and when it was first counted. */
    public record Suggestion(String term, long count, double expected, double score, String example, long firstSeenMs) {
    }

    /** Two Poisson standard deviations above what the term had: an everyday hashtag's wobble stays below. */
    static final double MIN_SCORE = 2.0;
    /** Example texts a window keeps (the latest), for a suggestion to show one containing its term. */
    static final int EXAMPLES = 32;
    /** Roman Urdu, English and Urdu function words: an n-gram that starts or ends on one is not a slogan. */
    public static final Set<String> STOP_WORDS = Set.of("ka", "ki", "ke", "ko", "se", "hai", "hain", "ho", "he", "me", "mein", "main",
            "aur", "to", "ye", "yeh", "wo", "woh", "bhi", "na", "nahi", "kya", "ne", "tha", "thi", "hi", "jo", "ab", "kar", "par", "pe",
            "the", "a", "an", "is", "of", "and", "in", "you", "i", "it", "for", "on", "rt", "be", "are", "that", "this", "with", "ap",
            "aap", "sab", "hum", "ham", "tum", "ek", "کا", "کی", "کے", "کو", "سے", "ہے", "ہیں", "میں", "اور", "بھی", "نہیں", "کیا", "نے", "تو", "یہ", "وہ", "سب", "کر", "دو");

    /** One open window's term counts, its protest posts, and latest texts. */
    public static final class WindowTerms {
        private final Map<String, long[]> counts = new HashMap<>();
        private final ArrayDeque<String> examples = new ArrayDeque<>(EXAMPLES);
        private long posts;

        public static final BinaryCodec<WindowTerms> CODEC = new BinaryCodec<>() {
            @Override
            public void write(WindowTerms w, BinaryWriter out) {
                out.writeByte(1).writeVarLong(w.posts).writeVarInt(w.counts.size());
                w.counts.forEach((term, c) -> out.writeString(term).writeVarLong(c[0]));
                out.writeVarInt(w.examples.size());
                w.examples.forEach(out::writeString);
            }

            @Override
            public WindowTerms read(BinaryReader in) {
                if (in.readByte() != 1) {
                    throw new IllegalStateException("unknown window terms version");
                }
                WindowTerms w = new WindowTerms();
                w.posts = in.readVarLong();
                int n = in.readVarInt();
                for (int i = 0; i < n; i++) {
                    w.counts.put(in.readString(), new long[] {in.readVarLong()});
                }
                int examples = in.readVarInt();
                for (int i = 0; i < examples; i++) {
                    w.examples.addLast(in.readString());
                }
                return w;
            }

            @Override
            public int sizeHint() {
                return 4096;
            }
        };
    }

    /** Each term's usual share of the protest posts of a window and when it was first counted, and the last window closed. */
    public static final class Baseline {
        /** Decayed mean share of a window's protest posts with the term. */
        private final Map<String, Double> expected = new HashMap<>();
        private final Map<String, Long> firstSeen = new HashMap<>();
        private long lastClosed = Long.MIN_VALUE;

        public static final BinaryCodec<Baseline> CODEC = new BinaryCodec<>() {
            @Override
            public void write(Baseline b, BinaryWriter out) {
                out.writeByte(1).writeLong(b.lastClosed).writeVarInt(b.expected.size());
                b.expected.forEach((term, e) -> out.writeString(term).writeDouble(e).writeLong(b.firstSeen.getOrDefault(term, 0L)));
            }

            @Override
            public Baseline read(BinaryReader in) {
                if (in.readByte() != 1) {
                    throw new IllegalStateException("unknown terms baseline version");
                }
                Baseline b = new Baseline();
                b.lastClosed = in.readLong();
                int n = in.readVarInt();
                for (int i = 0; i < n; i++) {
                    String term = in.readString();
                    b.expected.put(term, in.readDouble());
                    b.firstSeen.put(term, in.readLong());
                }
                return b;
            }

            @Override
            public int sizeHint() {
                return 8192;
            }
        };
    }

    private final int capacity;
    private final double alpha;
    private final long minCount;
    private final Set<String> known;
    private final Set<String> knownWords = new HashSet<>();
    private final Set<String> stopWords;
    private final TreeMap<Long, WindowTerms> open = new TreeMap<>();
    private Baseline baseline = new Baseline();

    public EmergingTerms(int capacity, double alpha, long minCount, Set<String> known, Set<String> stopWords) {
        this.capacity = capacity;
        this.alpha = alpha;
        this.minCount = minCount;
        this.known = known;
        this.stopWords = stopWords;
        known.forEach(t -> knownWords.addAll(List.of(t.split(" "))));
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
                terms.add(String.join(" ", Arrays.copyOfRange(words, i, i + n)));
            }
        }
        // Nothing new in a term made of known words and function words alone ("islamabad mein long" of "long march").
        terms.removeIf(t -> known.contains(t) || Arrays.stream(t.split(" ")).allMatch(w -> knownWords.contains(w) || stopWords.contains(w)));
        return terms;
    }

    /** Counts a protest-related post's terms in the window starting at {@code windowStart}; returns that window's counts. */
    public WindowTerms add(long windowStart, Set<String> terms, String example) {
        WindowTerms w = open.computeIfAbsent(windowStart, s -> new WindowTerms());
        w.posts++;
        for (String t : terms) {
            w.counts.computeIfAbsent(t, k -> new long[1])[0]++;
        }
        if (w.counts.size() > 2 * capacity) {
            keepMostCounted(w);
        }
        if (w.examples.size() == EXAMPLES) {
            w.examples.removeFirst();
        }
        w.examples.addLast(example);
        return w;
    }

    private void keepMostCounted(WindowTerms w) {
        List<Map.Entry<String, long[]>> all = new ArrayList<>(w.counts.entrySet());
        all.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0]) : a.getKey().compareTo(b.getKey()));
        for (Map.Entry<String, long[]> e : all.subList(capacity, all.size())) {
            w.counts.remove(e.getKey());
        }
    }

    /**
     * Closes every window that starts before {@code beforeStart}, oldest first: their suggestions, best first (at most {@code n} each), by window
     * start; windows without suggestions are left out. A window without protest posts says nothing
     * about shares: the baselines stay as they were.
     */
    public Map<Long, List<Suggestion>> closeBefore(long beforeStart, int n) {
        Map<Long, List<Suggestion>> out = new TreeMap<>();
        while (!open.isEmpty() && open.firstKey() < beforeStart) {
            Map.Entry<Long, WindowTerms> w = open.pollFirstEntry();
            List<Suggestion> s = close(w.getKey(), w.getValue(), n);
            if (!s.isEmpty()) {
                out.put(w.getKey(), s);
            }
            baseline.lastClosed = w.getKey();
        }
        return out;
    }

    /** Closes one window: its suggestions, best first (at most {@code n}), then every counted term's baseline learns. */
    private List<Suggestion> close(long windowStart, WindowTerms w, int n) {
        if (w.counts.size() > capacity) {
            keepMostCounted(w);
        }
        List<Suggestion> out = new ArrayList<>();
        w.counts.forEach((term, c) -> {
            double exp = baseline.expected.getOrDefault(term, 0.0) * w.posts;
            double score = (c[0] - exp) / Math.sqrt(exp + 1);
            if (c[0] >= minCount && score >= MIN_SCORE) {
                out.add(new Suggestion(term, c[0], exp, score, exampleOf(term, w), baseline.firstSeen.getOrDefault(term, windowStart)));
            }
        });
        // Longer n-grams first on equal score: "qafila rawana karo" over "qafila" when they rise together;
        // then a term inside one already suggested (or containing it), or sharing a word with one counted
        // as often (overlapping pieces of one phrase: "everyone reach faizabad", "faizabad road blockade"),
        // is left out: one slogan, one line.
        out.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score())
                : a.term().length() != b.term().length() ? Integer.compare(b.term().length(), a.term().length())
                : a.term().compareTo(b.term()));
        List<Suggestion> distinct = new ArrayList<>();
        List<Suggestion> seen = new ArrayList<>(); // kept and left out: a piece of a piece of a phrase is left out too
        for (Suggestion s : out) {
            if (seen.stream().noneMatch(d -> samePhrase(d, s))) {
                distinct.add(s);
            }
            seen.add(s);
        }
        decay(1);
        long posts = Math.max(1, w.posts);
        w.counts.forEach((term, c) -> {
            baseline.expected.merge(term, alpha * Math.min(1.0, (double) c[0] / posts), Double::sum);
            baseline.firstSeen.putIfAbsent(term, windowStart);
        });
        if (baseline.expected.size() > 4 * capacity) {
            baseline.expected.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .limit(baseline.expected.size() - 4L * capacity).map(Map.Entry::getKey).toList().forEach(term -> {
                        baseline.expected.remove(term);
                        baseline.firstSeen.remove(term);
                    });
        }
        return distinct.size() > n ? distinct.subList(0, n) : distinct;
    }

    private boolean samePhrase(Suggestion kept, Suggestion s) {
        String a = " " + kept.term().replace("#", "") + " ";
        String b = " " + s.term().replace("#", "") + " ";
        if (a.contains(b) || b.contains(a)) {
            return true;
        }
        if (kept.count() != s.count()) {
            return false;
        }
        Set<String> words = new HashSet<>(List.of(kept.term().split(" ")));
        return Arrays.stream(s.term().split(" ")).anyMatch(w -> words.contains(w) && !stopWords.contains(w) && w.length() > 1);
    }

    /** Every share as after {@code windows} windows (with protest posts) without its term. */
    private void decay(long windows) {
        if (windows <= 0) {
            return;
        }
        double keep = Math.pow(1 - alpha, windows);
        for (Iterator<Map.Entry<String, Double>> it = baseline.expected.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Double> e = it.next();
            e.setValue(e.getValue() * keep);
            if (e.getValue() < 1e-5) {
                it.remove();
                baseline.firstSeen.remove(e.getKey());
            }
        }
    }

    private static String exampleOf(String term, WindowTerms w) {
        String padded = " " + term.replace("#", "") + " ";
        for (String text : w.examples) {
            if ((" " + text + " ").contains(padded)) {
                return text;
            }
        }
        return w.examples.isEmpty() ? "" : w.examples.getLast();
    }

    /** The open windows' counts, by window start (live objects: the region stage stores each as it changes). */
    public Map<Long, WindowTerms> windows() {
        return open;
    }

    public Baseline baseline() {
        return baseline;
    }

    /** Takes back what was stored: the open windows' counts and the baseline. */
    public void restore(Map<Long, WindowTerms> windows, Baseline stored) {
        open.putAll(windows);
        if (stored != null) {
            baseline = stored;
        }
    }
}
