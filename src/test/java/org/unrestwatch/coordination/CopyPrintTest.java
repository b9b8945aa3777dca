package org.unrestwatch.coordination;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a protest post carries to the region stage, including from a hostile post of 10,000 characters. */
class CopyPrintTest {
    static final String CALL = "kal subah sab karachi press club pohnchein sarkein band karo jab tak faisla wapis na ho ";

    @Test
    void aHugeTextIsSignedOnItsBeginningAndCarriedCutAtAWord() {
        String huge = CALL.repeat(120); // 10,440 characters, a post at post.max.text.chars
        CopyPrint print = CopyPrint.of(huge.trim(), true);
        assertArrayEquals(CopyPrint.of(huge.substring(0, CopyPrint.SIGNED_CHARS), true).signature(), print.signature(),
                "signed on its first " + CopyPrint.SIGNED_CHARS + " characters");
        assertTrue(print.text().length() <= CopyPrint.TEXT_CHARS + 2 && print.text().endsWith(" …"), print.text());
        assertFalse(print.words().contains("…"), "the ellipsis is not a word to count");
        assertTrue(huge.startsWith(print.words() + " "), "cut at a word: " + print.words());
    }

    @Test
    void aShortTextIsCarriedForItsTermsButNotJudgedAsACopy() {
        CopyPrint shortCall = CopyPrint.of("sab islamabad pohnchein dharna jari rahega", true);
        assertFalse(shortCall.comparable());
        assertNull(shortCall.signature());
        assertTrue(CopyPrint.of(CALL.trim(), true).comparable());
        assertNull(CopyPrint.of("   ", true));
    }
}
