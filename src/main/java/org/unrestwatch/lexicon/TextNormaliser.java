package org.unrestwatch.lexicon;

import java.text.Normalizer;

/**
 * Turns raw post text into the form the lexicon is matched on: words of letters and digits,
 * lower case, separated by single spaces. Steps, in order:
 * <ol>
 *   <li>URLs dropped; hashtags split into words ({@link HashtagSplitter});</li>
 *   <li>Unicode NFKC (full-width and presentation forms to plain letters);</li>
 *   <li>diacritics removed (Latin accents, Arabic harakat, hamza and madda marks), tatweel removed;</li>
 *   <li>case folded; Arabic-script letter variants unified to their Urdu forms
 *       (ي ى→ی, ك→ک, ه ھ ة→ہ, ٱ→ا) and Arabic-Indic digits to ASCII;</li>
 *   <li>runs of three or more of the same letter squeezed to one ("protesttttt" → "protest").</li>
 * </ol>
 * The lexicon's own terms go through the same steps, so both sides agree.
 */
public final class TextNormaliser {
    private final HashtagSplitter hashtags;

    public TextNormaliser(HashtagSplitter hashtags) {
        this.hashtags = hashtags;
    }

    public static TextNormaliser basic() {
        return new TextNormaliser(HashtagSplitter.withoutVocabulary());
    }

    public String normalise(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        String s = expandHashtagsAndDropUrls(raw);
        if (!isAscii(s)) {
            s = Normalizer.normalize(s, Normalizer.Form.NFKC);
            s = Normalizer.normalize(s, Normalizer.Form.NFD);
        }
        return fold(s);
    }

    private String expandHashtagsAndDropUrls(String raw) {
        if (raw.indexOf('#') < 0 && raw.indexOf("http") < 0 && raw.indexOf("www.") < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length() + 16);
        int i = 0;
        int n = raw.length();
        while (i < n) {
            char c = raw.charAt(i);
            boolean atWordStart = i == 0 || Character.isWhitespace(raw.charAt(i - 1));
            if (atWordStart && (raw.startsWith("http://", i) || raw.startsWith("https://", i) || raw.startsWith("www.", i))) {
                while (i < n && !Character.isWhitespace(raw.charAt(i))) {
                    i++;
                }
                out.append(' ');
                continue;
            }
            if (c == '#' || c == '\uFF03') {
                int end = i + 1;
                while (end < n) {
                    int cp = raw.codePointAt(end);
                    if (!(Character.isLetterOrDigit(cp) || cp == '_' || Character.getType(cp) == Character.NON_SPACING_MARK)) {
                        break;
                    }
                    end += Character.charCount(cp);
                }
                if (end > i + 1) {
                    out.append(' ');
                    hashtags.split(raw.substring(i + 1, end), out);
                    i = end;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static String fold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int last = -1;
        int run = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || cp == 0x0640) {
                continue; // diacritics and tatweel
            }
            cp = unifyVariant(Character.toLowerCase(cp));
            if (!Character.isLetterOrDigit(cp) && type != Character.COMBINING_SPACING_MARK) {
                pendingSpace = out.length() > 0;
                last = -1;
                run = 0;
                continue;
            }
            if (cp == last) {
                run++;
                if (run == 3) {
                    // Third in a row: an elongation, not spelling. Drop the second one already written.
                    out.setLength(out.length() - Character.charCount(cp));
                }
                if (run >= 3) {
                    continue;
                }
            } else {
                last = cp;
                run = 1;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** Arabic-script letters that Urdu writers type interchangeably, and non-ASCII digits. */
    static int unifyVariant(int cp) {
        switch (cp) {
            case 0x064A: // ARABIC YEH
            case 0x0649: // ALEF MAKSURA
            case 0x06D0: // YEH WITH VERTICAL DOTS? (Pashto E)
                return 0x06CC; // FARSI YEH, used in Urdu
            case 0x0643: // ARABIC KAF
                return 0x06A9; // KEHEH
            case 0x0647: // ARABIC HEH
            case 0x06BE: // HEH DOACHASHMEE
            case 0x0629: // TEH MARBUTA
            case 0x06C3: // TEH MARBUTA GOAL
            case 0x06D5: // AE
                return 0x06C1; // HEH GOAL
            case 0x0671: // ALEF WASLA
            case 0x0672: // ALEF WITH WAVY HAMZA ABOVE
            case 0x0673: // ALEF WITH WAVY HAMZA BELOW
                return 0x0627; // ALEF
            case 0x200C: // ZERO WIDTH NON-JOINER: Urdu writes compounds with it; treat as a word break
                return ' ';
            default:
                if (cp >= 0x0660 && cp <= 0x0669) {
                    return '0' + (cp - 0x0660);
                }
                if (cp >= 0x06F0 && cp <= 0x06F9) {
                    return '0' + (cp - 0x06F0);
                }
                return cp;
        }
    }
}
