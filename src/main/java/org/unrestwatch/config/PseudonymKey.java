package org.unrestwatch.config;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.Deflater;

/**
 * The pseudonym key must be a secret nobody can guess: account ids are few and public, so a weak
 * key lets anyone hash every id and reverse every pseudonym (a short default key reversed 49 of 49
 * accounts in the scenario's alerts). It must give at least {@value #MIN_BYTES} random bytes,
 * written as hex or base64, and look random: a key that compresses (repeats) or uses few distinct
 * characters (words) is refused. The key is never
 * echoed in a message.
 */
public final class PseudonymKey {
    public static final int MIN_BYTES = 32;
    private static final int MIN_DISTINCT_HEX_CHARS = 12;
    private static final int MIN_DISTINCT_BASE64_CHARS = 20;
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
        if (compresses(bytes) || distinctChars(key) < (isHex(key) ? MIN_DISTINCT_HEX_CHARS : MIN_DISTINCT_BASE64_CHARS)) {
            throw ConfigException.atKey(source, KEY, "does not look random (it repeats or reads like text); " + HOW);
        }
        return key;
    }

    static byte[] decode(String key) {
        if (isHex(key)) {
            return HexFormat.of().parseHex(key);
        }
        try {
            byte[] bytes = key.matches("[A-Za-z0-9+/]+={0,2}") ? Base64.getDecoder().decode(key)
                    : key.matches("[A-Za-z0-9_-]+={0,2}") ? Base64.getUrlDecoder().decode(key) : null;
            // Only what an encoder writes: text that merely uses base64's alphabet rarely round-trips.
            return bytes != null && strip(Base64.getEncoder().encodeToString(bytes)).equals(strip(key.replace('-', '+').replace('_', '/')))
                    ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String strip(String b64) {
        return b64.replace("=", "");
    }

    private static boolean isHex(String key) {
        return key.length() % 2 == 0 && key.matches("[0-9a-fA-F]+");
    }

    /** Random bytes do not compress; a repeated or patterned key does (deflate finds the repeats). */
    private static boolean compresses(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(bytes);
        deflater.finish();
        byte[] out = new byte[bytes.length * 2 + 64];
        int size = deflater.deflate(out);
        deflater.end();
        return size < bytes.length;
    }

    /**
     * A random key uses most of its alphabet: 64 random hex digits show all 16 but rarely one or
     * two, 43 random base64 characters about 31 of 64. Words typed as a key use far fewer.
     */
    private static int distinctChars(String key) {
        String chars = isHex(key) ? key.toLowerCase(java.util.Locale.ROOT) : key; // hex is case-blind, base64 is not
        return (int) chars.chars().filter(c -> c != '=').distinct().count();
    }
}
