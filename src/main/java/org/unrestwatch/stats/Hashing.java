package org.unrestwatch.stats;

/** A stable 64-bit string hash (FNV-1a with a SplitMix64 finaliser), the same on every JVM. */
public final class Hashing {
    private Hashing() {
    }

    public static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h;
    }
}
