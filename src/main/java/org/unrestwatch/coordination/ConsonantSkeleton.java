package org.unrestwatch.coordination;

/**
 * The same call written in Urdu script and in Roman Urdu shares no characters; its consonants, in
 * order, it mostly shares. Both scripts map here to one consonant class per sound, vowels and the
 * letters that stand for them (alif, waw, ye, and a, e, i, o, u, w, y in Latin) dropped, doubled
 * letters and spaces removed: "sab log kal subah" and "سب لوگ کل صبح" both become "sblgklsbh".
 * Coarse on purpose: it is compared only for copies within minutes of each other in one region.
 */
public final class ConsonantSkeleton {
    private ConsonantSkeleton() {
    }

    /** The skeleton of normalised text (lower case, as the lexicon's normaliser leaves it). */
    public static String of(String normalised) {
        StringBuilder out = new StringBuilder(normalised.length());
        int n = normalised.length();
        for (int i = 0; i < n; i++) {
            char c = normalised.charAt(i);
            char next = i + 1 < n ? normalised.charAt(i + 1) : 0;
            char k;
            if (next == 'h' && (c == 'k' || c == 'g' || c == 's' || c == 'c')) {
                k = switch (c) { // Roman digraphs for single Urdu letters: kh, gh, sh, ch
                    case 'k' -> 'x';
                    case 'g' -> 'G';
                    case 's' -> 'S';
                    default -> 'C';
                };
                i++;
            } else {
                k = classOf(c);
            }
            if (k != 0 && (out.length() == 0 || out.charAt(out.length() - 1) != k)) {
                out.append(k);
            }
        }
        return out.toString();
    }

    private static char classOf(char c) {
        return switch (c) {
            case 'b', 'ب' -> 'b';
            case 'p', 'پ' -> 'p';
            case 't', 'ت', 'ط', 'ٹ' -> 't';
            case 's', 'ث', 'س', 'ص' -> 's';
            case 'j', 'ج' -> 'j';
            case 'چ' -> 'C';
            case 'h', 'ح', 'ہ', 'ھ', 'ۃ', 'ة', 'ه' -> 'h';
            case 'خ' -> 'x';
            case 'd', 'د', 'ڈ' -> 'd';
            case 'z', 'ذ', 'ز', 'ض', 'ظ', 'ژ' -> 'z';
            case 'r', 'ر', 'ڑ' -> 'r';
            case 'ش' -> 'S';
            case 'غ' -> 'G';
            case 'f', 'ف' -> 'f';
            case 'q', 'k', 'c', 'ق', 'ک', 'ك' -> 'k';
            case 'g', 'گ' -> 'g';
            case 'l', 'ل' -> 'l';
            case 'm', 'م' -> 'm';
            case 'n', 'ن', 'ں' -> 'n';
            default -> Character.isDigit(c) ? c : 0; // vowels, alif, waw, ye, ain, spaces, punctuation
        };
    }
}
