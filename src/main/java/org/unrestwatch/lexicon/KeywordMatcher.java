package org.unrestwatch.lexicon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Finds every lexicon term in normalised text in one pass (Aho-Corasick automaton over chars),
 * keeping only matches that start and end on word boundaries. A match wholly inside a longer
 * match of the same category is not counted twice ("gustakh" inside "gustakh e rasool").
 */
public final class KeywordMatcher {
    private final Lexicon lexicon;
    private final LexiconEntry[] entries;
    private final int[] entryCategory;
    private final CharTrie trie;
    /** Per node: the entries whose term ends there (own or via dictionary suffix links). */
    private final int[][] outputs;

    public KeywordMatcher(Lexicon lexicon) {
        this.lexicon = lexicon;
        this.entries = lexicon.entries().toArray(new LexiconEntry[0]);
        this.entryCategory = new int[entries.length];
        this.trie = new CharTrie();
        List<List<Integer>> own = new ArrayList<>();
        own.add(new ArrayList<>());
        for (int i = 0; i < entries.length; i++) {
            entryCategory[i] = lexicon.categoryIndex(entries[i].category());
            int node = trie.insert(entries[i].normalised(), () -> own.add(new ArrayList<>()));
            own.get(node).add(i);
        }
        trie.buildFailureLinks();
        outputs = new int[trie.size()][];
        for (int node : trie.breadthFirstOrder()) {
            List<Integer> out = new ArrayList<>(own.get(node));
            if (node != 0) {
                int[] inherited = outputs[trie.failure(node)];
                for (int e : inherited) {
                    out.add(e);
                }
            }
            outputs[node] = out.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    public Lexicon lexicon() {
        return lexicon;
    }

    public KeywordHits match(String normalised) {
        return match(normalised, null);
    }

    /** {@code region}: terms limited to other regions are not counted (null: every term counts). */
    public KeywordHits match(String normalised, String region) {
        int n = normalised.length();
        int state = 0;
        int[] starts = null;
        int[] ends = null;
        int[] ids = null;
        int count = 0;
        for (int i = 0; i < n; i++) {
            state = trie.next(state, normalised.charAt(i));
            int[] out = outputs[state];
            if (out.length == 0) {
                continue;
            }
            boolean endsOnBoundary = i + 1 == n || normalised.charAt(i + 1) == ' ';
            if (!endsOnBoundary) {
                continue;
            }
            for (int e : out) {
                if (region != null && !entries[e].countsIn(region)) {
                    continue;
                }
                int start = i + 1 - entries[e].normalised().length();
                if (start > 0 && normalised.charAt(start - 1) != ' ') {
                    continue;
                }
                if (ids == null) {
                    starts = new int[8];
                    ends = new int[8];
                    ids = new int[8];
                } else if (count == ids.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                    ends = Arrays.copyOf(ends, count * 2);
                    ids = Arrays.copyOf(ids, count * 2);
                }
                starts[count] = start;
                ends[count] = i + 1;
                ids[count] = e;
                count++;
            }
        }
        int categories = lexicon.categories().size();
        if (count == 0) {
            return KeywordHits.none(categories);
        }
        int[] perCategory = new int[categories];
        double[] weights = new double[categories];
        LinkedHashSet<String> terms = new LinkedHashSet<>();
        for (int a = 0; a < count; a++) {
            if (isInsideLongerSameCategory(a, starts, ends, ids, count)) {
                continue;
            }
            perCategory[entryCategory[ids[a]]]++;
            if (terms.add(entries[ids[a]].term())) {
                weights[entryCategory[ids[a]]] += entries[ids[a]].weight();
            }
        }
        return new KeywordHits(perCategory, weights, List.copyOf(terms));
    }

    private boolean isInsideLongerSameCategory(int a, int[] starts, int[] ends, int[] ids, int count) {
        for (int b = 0; b < count; b++) {
            if (b != a && entryCategory[ids[b]] == entryCategory[ids[a]]
                    && starts[b] <= starts[a] && ends[b] >= ends[a]
                    && ends[b] - starts[b] > ends[a] - starts[a]) {
                return true;
            }
        }
        return false;
    }
}
