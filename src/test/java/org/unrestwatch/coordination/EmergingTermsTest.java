package org.unrestwatch.coordination;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.unrestwatch.lexicon.Lexicon;
import org.unrestwatch.lexicon.LexiconEntry;
import org.unrestwatch.lexicon.TextNormaliser;

/**
 * A new slogan rising in one region among a day of real protest-related chatter (RUHSOLD texts
 * with a lexicon phrase each, 20 posts a window, and an organic hashtag running all day): the
 * window in which the slogan first reaches 10 posts, against the window it enters the top 5
 * suggestions (issue #18's third goal: within 2 windows).
 */
class EmergingTermsTest {
    static final long WINDOW = 300_000;
    static final List<String> PROTEST = List.of("dharna", "hartal", "long march", "sarkein band", "shutter down");
    static final Pattern HASHTAG = Pattern.compile("#[\\p{L}\\p{N}_]+");

    @Test
    void aNewSloganEntersTheTopFiveWithinTwoWindowsOfReachingTenPosts() {
        List<String> texts = new ArrayList<>();
        org.unrestwatch.config.CsvFile.read(Path.of("src/test/resources/ruhsold/ruhsold_task1.csv"), "text")
                .forEach(r -> texts.add(r.require("text")));
        TextNormaliser basic = TextNormaliser.basic();
        Set<String> known = new java.util.HashSet<>();
        for (LexiconEntry e : Lexicon.load(Path.of("config/lexicon.csv")).entries()) {
            known.add(e.normalised());
        }
        CampaignText campaignText = new CampaignText(basic);
        for (long seed : new long[] {1, 2, 3}) {
            Random random = new Random(seed);
            EmergingTerms terms = new EmergingTerms(RegionTerms.CAPACITY, RegionTerms.ALPHA, RegionTerms.MIN_COUNT, known, EmergingTerms.STOP_WORDS);
            int quietSuggestions = 0;
            int droppedOut = 0;
            int risesFrom = 200;
            int reachedTen = -1;
            int enteredTopFive = -1;
            StringBuilder ranks = new StringBuilder();
            for (int w = 0; w < 240; w++) {
                int slogan = w < risesFrom ? 0 : w - risesFrom + 1;
                int organic = 3 + random.nextInt(3); // an everyday hashtag, all day long
                for (int i = 0; i < 20 + slogan + organic; i++) {
                    String text = texts.get(random.nextInt(texts.size())) + " " + PROTEST.get(random.nextInt(PROTEST.size()));
                    if (i < slogan) {
                        text = (random.nextBoolean() ? "qafila rawana karo " : "") + text + " #QafilaRawana";
                    } else if (i < slogan + organic) {
                        text = text + " #PakistanZindabad";
                    }
                    terms.add(w * WINDOW, terms.termsOf(campaignText.words(text), campaignText.hashtags(text)), text);
                }
                List<EmergingTerms.Suggestion> top = terms.closeBefore((w + 1) * WINDOW, 5).getOrDefault(w * WINDOW, List.of());
                if (w >= 48 && w < risesFrom) { // after the first four hours' learning, before the slogan
                    quietSuggestions += top.size();
                }
                int rank = -1;
                for (int r = 0; r < top.size(); r++) {
                    if (top.get(r).term().contains("qafila")) {
                        rank = r + 1;
                        break;
                    }
                }
                if (slogan >= 10 && reachedTen < 0) {
                    reachedTen = w;
                }
                if (rank > 0 && enteredTopFive < 0) {
                    enteredTopFive = w;
                }
                if (enteredTopFive >= 0 && rank < 0) {
                    droppedOut++;
                }
                if (w >= risesFrom - 1 && w < risesFrom + 14) {
                    ranks.append(String.format("  window %d: slogan posts %d, rank %s, top: %s%n", w, slogan, rank < 0 ? "-" : rank,
                            top.stream().map(s -> s.term() + " " + s.count() + "/" + String.format("%.1f", s.expected())).toList()));
                }
            }
            System.out.printf("EMERGING seed %d: slogan reached 10 posts in window %d, entered the top 5 in window %d (%+d windows);"
                    + " out of it in %d windows after; %.2f suggestions a window in the %d quiet windows before it%n%s", seed, reachedTen,
                    enteredTopFive, enteredTopFive - reachedTen, droppedOut, quietSuggestions / (double) (risesFrom - 48), risesFrom - 48, ranks);
            assertTrue(enteredTopFive >= 0 && enteredTopFive - reachedTen <= 2, "within 2 windows of reaching 10 posts a window");
            assertTrue(droppedOut == 0, "stays in the top 5 while it rises");
            assertTrue(quietSuggestions / (double) (risesFrom - 48) < 0.5, "few suggestions on a quiet day");
        }
    }
}
