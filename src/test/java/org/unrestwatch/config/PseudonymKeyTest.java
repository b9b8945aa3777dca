package org.unrestwatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A key that can be guessed makes every pseudonym reversible: weak keys stop startup, with how to make a good one. */
class PseudonymKeyTest {
    private static String checked(String key) {
        return PseudonymKey.check(DetectorConfig.of(Path.of("config"), Map.of("alerts.pseudonym.key", key)));
    }

    private static void refused(String key, String why) {
        ConfigException e = assertThrows(ConfigException.class, () -> checked(key), "accepted: " + key);
        assertTrue(e.getMessage().contains("alerts.pseudonym.key") && e.getMessage().contains(why)
                && e.getMessage().contains("openssl rand -hex 32"), e.getMessage());
        if (key.length() > 3) {
            assertFalse(e.getMessage().contains(key), "the message echoes the key: " + e.getMessage());
        }
    }

    @Test
    void weakKeysAreRefusedWithHowToMakeOne() {
        refused("", "empty");
        refused("change-me-in-production", "neither hex nor base64");
        refused("change me!", "neither hex nor base64");
        refused("k", "neither hex nor base64");
        byte[] short31 = new byte[31];
        new SecureRandom().nextBytes(short31);
        refused(HexFormat.of().formatHex(short31), "gives 31 bytes");
        refused(Base64.getEncoder().encodeToString(short31), "gives 31 bytes");
        refused("00".repeat(32), "does not look random");
        refused("abcd".repeat(16), "does not look random");
        refused("0123456789abcdef".repeat(4), "does not look random");
        refused("change-me-in-production-change-me-in-production", ""); // not base64 as an encoder writes it // the old compose default, doubled
        refused("unrestdetector".repeat(4), "");
        refused("thisismysupersecretpasswordforthepseudonymkey", "");
    }

    @Test
    void thousandsOfRandomKeysAreAllAccepted() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 5_000; i++) {
            byte[] key = new byte[32 + random.nextInt(33)];
            random.nextBytes(key);
            checked(HexFormat.of().formatHex(key));
            checked(Base64.getEncoder().encodeToString(key));
            checked(Base64.getUrlEncoder().withoutPadding().encodeToString(key));
        }
    }

    @Test
    void randomKeysOf32BytesInHexOrBase64AreAccepted() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String hex = HexFormat.of().formatHex(key);
        assertEquals(hex, checked(hex));
        assertEquals(hex.toUpperCase(), checked(hex.toUpperCase()));
        String b64 = Base64.getEncoder().encodeToString(key);
        assertEquals(b64, checked(b64));
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        assertEquals(url, checked(url));
        assertEquals(64, PseudonymKey.random().length());
        checked(PseudonymKey.random());
    }

    @Test
    void noKeyIsNeededWhenRawIdsAreChosen() {
        DetectorConfig raw = DetectorConfig.of(Path.of("config"), Map.of("alerts.raw.account.ids", "true"));
        org.unrestwatch.streams.DetectorParts.from(raw, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }
}
