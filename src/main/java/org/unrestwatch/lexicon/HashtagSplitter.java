package org.unrestwatch.lexicon;

import java.util.Set;

/**
 * Splits a hashtag body into words: on camel case ({@code ShutDownLahore}), letter/digit changes,
 * underscores, and, for a single lower-case run such as {@code shutdownlahore}, by the known
 * vocabulary (words of the lexicon and the gazetteer) when the whole tag segments into it.
 */
public final class HashtagSplitter {
    private static final int MIN_WORD = 2;
    private static final int MAX_SEGMENT_INPUT = 64;

    private final Set<String> vocabulary;
    private final int longestWord;

    public HashtagSplitter(Set<String> vocabulary) {
        this.vocabulary = vocabulary;
        this.longestWord = vocabulary.stream().mapToInt(String::length).max().orElse(0);
    }

    public static HashtagSplitter withoutVocabulary() {
        return new HashtagSplitter(Set.of());
    }

    /** Appends the words of {@code tag} (without the '#') to {@code out}, separated by spaces. */
    public void split(String tag, StringBuilder out) {
        StringBuilder word = new StringBuilder();
        int prevType = 0; // 0 none, 1 lower, 2 upper, 3 digit, 4 other letter
        for (int i = 0; i < tag.length(); ) {
            int cp = tag.codePointAt(i);
            int n = Character.charCount(cp);
            int type = Character.isLowerCase(cp) ? 1 : Character.isUpperCase(cp) ? 2
                    : Character.isDigit(cp) ? 3 : Character.isLetter(cp) ? 4 : 0;
            boolean boundary = type == 0
                    || (prevType == 1 && type == 2)
                    || (prevType == 3) != (type == 3) && prevType != 0
                    // "TLPZindabad": an upper followed by upper+lower starts a new word at the second upper
                    || (prevType == 2 && type == 2 && i + n < tag.length()
                        && Character.isLowerCase(tag.codePointAt(i + n)));
            if (boundary && word.length() > 0) {
                emit(word, out);
            }
            if (type != 0) {
                word.appendCodePoint(cp);
            }
            prevType = type;
            i += n;
        }
        if (word.length() > 0) {
            emit(word, out);
        }
    }

    private void emit(StringBuilder word, StringBuilder out) {
        String w = word.toString();
        word.setLength(0);
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
        String lower = w.toLowerCase(java.util.Locale.ROOT);
        String segmented = vocabulary.isEmpty() || vocabulary.contains(lower) ? null : segment(lower);
        out.append(segmented != null ? segmented : w);
        out.append(' ');
    }

    /** Word-break by dynamic programming; null unless the whole string splits into known words. */
    String segment(String s) {
        int n = s.length();
        if (n < 2 * MIN_WORD || n > MAX_SEGMENT_INPUT) {
            return null;
        }
        int[] back = new int[n + 1];
        int[] words = new int[n + 1];
        java.util.Arrays.fill(back, -1);
        back[0] = 0;
        for (int end = 1; end <= n; end++) {
            for (int start = Math.max(0, end - longestWord); start <= end - MIN_WORD; start++) {
                if (back[start] < 0 || !vocabulary.contains(s.substring(start, end))) {
                    continue;
                }
                // Prefer the split with the fewest words (longest words).
                if (back[end] < 0 || words[start] + 1 < words[end]) {
                    back[end] = start;
                    words[end] = words[start] + 1;
                }
            }
        }
        if (back[n] < 0 || words[n] < 2) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int end = n; end > 0; end = back[end]) {
            out.insert(0, s.substring(back[end], end)).insert(0, ' ');
        }
        return out.substring(1);
    }
}
