package org.unrestwatch.lexicon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TextNormaliserTest {
    private final TextNormaliser basic = TextNormaliser.basic();

    @Test
    void foldsCaseAccentsAndPunctuation() {
        assertEquals("dharna at faizabad now", basic.normalise("DHARNA at Faizābād — now!!!"));
        assertEquals("protest", basic.normalise("ｐｒｏｔｅｓｔ")); // full-width forms, NFKC
    }

    @Test
    void squeezesElongatedLetters() {
        assertEquals("protest", basic.normalise("protesttttt"));
        assertEquals("hartal hartal", basic.normalise("hartaaaaal HARTAL"));
        assertEquals("shutter", basic.normalise("shutter")); // double letters are spelling, kept
    }

    @Test
    void unifiesArabicScriptVariantsAndDropsDiacriticsAndTatweel() {
        // Arabic kaf and yeh typed for Urdu keheh and farsi yeh
        assertEquals(basic.normalise("کافر"), basic.normalise("كافر"));
        assertEquals(basic.normalise("فیصلہ"), basic.normalise("فيصله"));
        // heh doachashmee vs heh: دھرنا typed as دهرنا
        assertEquals(basic.normalise("دھرنا"), basic.normalise("دهرنا"));
        // zer (kasra) in the izafat is dropped
        assertEquals(basic.normalise("گستاخ رسول"), basic.normalise("گستاخِ رسول"));
        // tatweel (kashida) elongation
        assertEquals(basic.normalise("احتجاج"), basic.normalise("احتـــجاج"));
        // Urdu digits
        assertEquals("12", basic.normalise("۱۲"));
    }

    @Test
    void splitsCamelCaseHashtagsAndDropsUrls() {
        assertEquals("shut down lahore", basic.normalise("#ShutDownLahore https://t.co/abc"));
        assertEquals("tlp zindabad 2025", basic.normalise("#TLPZindabad2025"));
        assertEquals("lahore bund", basic.normalise("#lahore_bund"));
    }

    @Test
    void splitsLowerCaseHashtagsByVocabulary() {
        TextNormaliser withVocabulary = new TextNormaliser(new HashtagSplitter(Set.of("shutter", "down", "lahore", "sar", "tan", "se", "juda")));
        assertEquals("shutter down lahore", withVocabulary.normalise("#shutterdownlahore"));
        assertEquals("sar tan se juda", withVocabulary.normalise("#sartansejuda"));
        assertEquals("unknownwordtag", withVocabulary.normalise("#unknownwordtag"));
    }
}
