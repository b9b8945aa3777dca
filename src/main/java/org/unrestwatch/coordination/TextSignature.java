package org.unrestwatch.coordination;

/**
 * A MinHash signature of a post's normalised text: {@value #HASHES} minima of seeded hashes over
 * its character 5-grams (spaces included, so word boundaries count). Character shingles survive
 * the light edits of a copy-paste campaign (a typo changes at most five of a sentence's hundred
 * shingles, a reordered hashtag only those at its edges); the share of equal minima between two
 * signatures estimates the Jaccard similarity of their shingle sets, within about 0.06 (one
 * standard deviation at 0.8). Each minimum keeps its lowest 8 bits (b-bit minwise hashing): 64 bytes
 * a signature, small enough to travel with every protest post, at the cost of unrelated minima
 * agreeing by chance once in 256 (an estimate of 0.8 is then 0.8008).
 */
public final class TextSignature {
    public static final int HASHES = 64;
    static final int SHINGLE = 5;
    /** Texts shorter than this (after normalisation) carry too little to tell copy-paste from coincidence. */
    public static final int MIN_CHARS = 20;
    private static final long[] SEEDS = new long[HASHES];

    static {
        long s = 0x2545F4914F6CDD1DL;
        for (int i = 0; i < HASHES; i++) {
            s += 0x9E3779B97F4A7C15L;
            SEEDS[i] = mix(s);
        }
    }

    private TextSignature() {
    }

    /** The signature of {@code normalised}, or null when it is too short to judge. */
    public static byte[] of(String normalised) {
        if (normalised.length() < MIN_CHARS) {
            return null;
        }
        int[] min = new int[HASHES];
        java.util.Arrays.fill(min, Integer.MAX_VALUE);
        for (int start = 0; start + SHINGLE <= normalised.length(); start++) {
            long h = 0xcbf29ce484222325L;
            for (int i = start; i < start + SHINGLE; i++) {
                h = (h ^ normalised.charAt(i)) * 0x100000001b3L;
            }
            for (int k = 0; k < HASHES; k++) {
                int v = (int) (mix(h ^ SEEDS[k]) >>> 33);
                if (v < min[k]) {
                    min[k] = v;
                }
            }
        }
        byte[] low = new byte[HASHES];
        for (int k = 0; k < HASHES; k++) {
            low[k] = (byte) min[k];
        }
        return low;
    }

    /** The estimated Jaccard similarity of two texts' shingle sets: the share of equal minima. */
    public static double similarity(byte[] a, byte[] b) {
        int same = 0;
        for (int k = 0; k < HASHES; k++) {
            if (a[k] == b[k]) {
                same++;
            }
        }
        return (double) same / HASHES;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
