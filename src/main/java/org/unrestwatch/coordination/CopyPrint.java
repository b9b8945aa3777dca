package org.unrestwatch.coordination;

import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * What a protest post brings to copy-paste detection and emerging terms, computed once where the
 * post is (the posts stage) so that only this travels to the region stage: the MinHash signature
 * of its campaign text and of that text's consonant skeleton (both null for a text under
 * {@value #MIN_CHARS} characters, the skeleton's also when not matching across scripts), and the
 * text itself cut to {@value #TEXT_CHARS} characters, whose terms are counted and which an analyst
 * reads. About 200 bytes with signatures.
 */
public record CopyPrint(byte[] signature, byte[] skeleton, String text) {
    /** Enough to recognise a call; mentions and links are already gone (see {@link CampaignText}). */
    public static final int TEXT_CHARS = 120;
    /**
     * Shorter texts are not judged: many people posting one short call ("sab islamabad pohnchein,
     * dharna jari rahega", 42 characters) is a crowd chanting, not evidence of a campaign; a pasted
     * campaign message says where, when and why (the scenario's organic chatter made a false
     * cluster of five accounts at 42 characters; the measured campaigns' calls are 80-110).
     */
    public static final int MIN_CHARS = 50;
    private static final String ELLIPSIS = " …";
    /** Characters a signature covers at most: ten tweets' worth. */
    static final int SIGNED_CHARS = 1000;

    /** The print of a campaign text ({@link CampaignText#of}); null for a blank one. */
    public static CopyPrint of(String campaignText, boolean acrossScripts) {
        if (campaignText.isBlank()) {
            return null;
        }
        if (campaignText.length() < MIN_CHARS) {
            return new CopyPrint(null, null, cut(campaignText)); // its terms count; too short to judge as a copy
        }
        // A signature costs 64 hashes a character: a hostile 10,000-character post is signed on its
        // beginning, where copies of a long message agree as much as anywhere.
        String signed = campaignText.length() > SIGNED_CHARS ? campaignText.substring(0, SIGNED_CHARS) : campaignText;
        byte[] skeleton = acrossScripts ? TextSignature.of(ConsonantSkeleton.of(signed)) : null;
        return new CopyPrint(TextSignature.of(signed), skeleton, cut(campaignText));
    }

    /** Whether it can be judged as a copy: its text is long enough to have a signature. */
    public boolean comparable() {
        return signature != null;
    }

    /** At a word boundary (a cut word would be counted as a term), with an ellipsis that {@link #words()} leaves out. */
    private static String cut(String text) {
        if (text.length() <= TEXT_CHARS) {
            return text;
        }
        int end = text.lastIndexOf(' ', TEXT_CHARS);
        if (end < TEXT_CHARS / 2) {
            end = Character.isHighSurrogate(text.charAt(TEXT_CHARS - 1)) ? TEXT_CHARS - 1 : TEXT_CHARS;
        }
        return text.substring(0, end) + ELLIPSIS;
    }

    /** The text without the ellipsis of a cut: whole words only, for counting terms. */
    public String words() {
        return text.endsWith(ELLIPSIS) ? text.substring(0, text.length() - ELLIPSIS.length()) : text;
    }

    public void write(BinaryWriter out) {
        writeBytes(out, signature);
        writeBytes(out, skeleton);
        out.writeString(text);
    }

    public static CopyPrint read(BinaryReader in) {
        return new CopyPrint(readBytes(in), readBytes(in), in.readString());
    }

    static void writeBytes(BinaryWriter out, byte[] bytes) {
        if (bytes == null) {
            out.writeVarInt(0);
            return;
        }
        out.writeVarInt(bytes.length);
        for (byte b : bytes) {
            out.writeByte(b);
        }
    }

    static byte[] readBytes(BinaryReader in) {
        int n = in.readVarInt();
        if (n == 0) {
            return null;
        }
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) in.readByte();
        }
        return bytes;
    }
}
