package org.unrestwatch.config;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.BitSet;
import java.util.HexFormat;

/**
 * The pseudonym key must be a secret nobody can guess: account ids are few and public, so a weak
 * key lets anyone hash every id and reverse every pseudonym (a short default key reversed 49 of 49
 * accounts in the scenario's alerts). It must give at least {@value #MIN_BYTES} random bytes,
 * written as hex or base64, and look random (a repeated pattern is refused). The key is never
 * echoed in a message.
 */
public final class PseudonymKey {
    public static final int MIN_BYTES = 32;
    private static final int MIN_DISTINCT_BYTES = 16;
    private static final String KEY = "alerts.pseudonym.key";
    private static final String HOW = "make one with: openssl rand -hex 32 (or: head -c 32 /dev/urandom | base64),"
            + " and pass it in env UNREST_PSEUDONYM_KEY; or set alerts.raw.account.ids=true to publish raw ids";

    private PseudonymKey() {
    }

    /** A fresh random key (demo, benchmarks, tests): pseudonyms stable for one run only. */
    public static String random() {
        byte[] key = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    /** The key, checked; a {@link ConfigException} naming the key and where it was set otherwise. */
    public static String check(DetectorConfig config) {
        String key = config.get(KEY).strip();
        String source = config.source(KEY);
        if (key.isEmpty()) {
            throw ConfigException.atKey(source, KEY, "is empty: account pseudonyms need a secret key; " + HOW);
        }
        byte[] bytes = decode(key);
        if (bytes == null) {
            throw ConfigException.atKey(source, KEY, "is neither hex nor base64 (" + key.length() + " characters); " + HOW);
        }
        if (bytes.length < MIN_BYTES) {
            throw ConfigException.atKey(source, KEY, "gives " + bytes.length + " bytes; at least " + MIN_BYTES
                    + " random bytes are needed, or the pseudonyms can be reversed by hashing known account ids; " + HOW);
        }
        if (distinct(bytes) < MIN_DISTINCT_BYTES) {
            throw ConfigException.atKey(source, KEY, "does not look random (" + distinct(bytes) + " distinct byte values in "
                    + bytes.length + "); " + HOW);
        }
        return key;
    }

    static byte[] decode(String key) {
        if (key.length() % 2 == 0 && key.matches("[0-9a-fA-F]+")) {
            return HexFormat.of().parseHex(key);
        }
        try {
            return key.matches("[A-Za-z0-9+/]+={0,2}") ? Base64.getDecoder().decode(key)
                    : key.matches("[A-Za-z0-9_-]+={0,2}") ? Base64.getUrlDecoder().decode(key) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int distinct(byte[] bytes) {
        BitSet seen = new BitSet(256);
        for (byte b : bytes) {
            seen.set(b & 0xff);
        }
        return seen.cardinality();
    }
}
