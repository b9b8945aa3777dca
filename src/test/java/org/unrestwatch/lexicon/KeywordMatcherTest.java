package org.unrestwatch.lexicon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.unrestwatch.config.CsvFile;

class KeywordMatcherTest {
    private static final Lexicon LEXICON = Lexicon.load(Path.of("config/lexicon.csv"));
    private final KeywordMatcher matcher = new KeywordMatcher(LEXICON);
    private final TextNormaliser normaliser = new TextNormaliser(new HashtagSplitter(LEXICON.words()));

    private KeywordHits hits(String text) {
        return matcher.match(normaliser.normalise(text));
    }

    private int count(KeywordHits h, String category) {
        return h.categoryCounts()[LEXICON.categoryIndex(category)];
    }

    @Test
    void matchesPhrasesOnWordBoundariesOnly() {
        KeywordHits h = hits("Kal shutter down hartal hai, sarkein band karo!");
        assertTrue(h.terms().contains("shutter down hartal"), h.terms().toString());
        assertTrue(h.terms().contains("sarkein band"), h.terms().toString());
        // "hartal" inside the longer phrase is not counted twice
        assertEquals(2, count(h, "mobilisation"), h.terms().toString());
        // no match inside a longer word
        assertTrue(hits("protestant churches").isEmpty());
        assertTrue(hits("dharnaaa").terms().contains("dharna"));
    }

    @Test
    void matchesUrduScriptWithLetterVariants() {
        // written with Arabic kaf/heh/yeh instead of the Urdu letters
        KeywordHits h = hits("سب كافر هيں، دهرنا دو اور ہڑتال کرو");
        assertEquals(1, count(h, "blasphemy_targeting"), h.terms().toString());
        assertEquals(2, count(h, "mobilisation"), h.terms().toString());
        assertTrue(hits("گستاخِ رسول کی ایک ہی سزا، سر تن سے جدا").terms().containsAll(List.of("گستاخ رسول", "سر تن سے جدا")));
    }

    @Test
    void matchesHashtagsSplitByCaseAndVocabulary() {
        assertTrue(hits("#SarTanSeJuda").terms().contains("sar tan se juda"));
        assertTrue(hits("#sartansejuda").terms().contains("sar tan se juda"));
        assertTrue(hits("#ShutterDownHartal").terms().contains("shutter down hartal"));
    }

    @Test
    void findsRomanUrduTermsInRealRuhsoldTweets() throws Exception {
        // Spellings in the lexicon, found independently with a plain regex on the raw text.
        Pattern targeting = Pattern.compile("\\b(gustakh|gustakhi|kafir|kaafir|kadiyani|qadiani|murtad)\\b", Pattern.CASE_INSENSITIVE);
        Pattern mobilising = Pattern.compile("\\b(dharna|dharnay|dharne|dharny|hartal)\\b", Pattern.CASE_INSENSITIVE);
        List<CsvFile.Row> rows;
        try (InputStream in = getClass().getResourceAsStream("/ruhsold/ruhsold_sample.csv")) {
            rows = CsvFile.read(in, "ruhsold_sample.csv", "text", "label_name");
        }
        int checked = 0;
        for (CsvFile.Row row : rows) {
            String text = row.get("text");
            KeywordHits h = hits(text);
            boolean expectTargeting = targeting.matcher(text).find();
            boolean expectMobilising = mobilising.matcher(text).find();
            assertEquals(expectTargeting, count(h, "blasphemy_targeting") > 0, () -> "targeting in: " + text + " -> " + h.terms());
            if (expectMobilising) {
                assertTrue(count(h, "mobilisation") > 0, () -> "mobilisation in: " + text + " -> " + h.terms());
            }
            checked += expectTargeting || expectMobilising ? 1 : 0;
        }
        assertTrue(checked >= 50, "sample should hold real hits, had " + checked);
    }
}
