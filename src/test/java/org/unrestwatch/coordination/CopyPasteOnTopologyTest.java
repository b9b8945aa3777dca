package org.unrestwatch.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.alert.AlertType;
import org.unrestwatch.testutil.AlertNumbers;
import org.unrestwatch.testutil.DetectorFixture;
import org.unrestwatch.testutil.RealTweets;
import org.unrestwatch.testutil.TestPosts;

/**
 * Copy-paste detection through the whole topology. Two provinces surge alike, in volume and in
 * accounts, all of them long-standing (no new accounts, none hyperactive): in Khyber Pakhtunkhwa
 * people write the call in their own words; in Sindh, besides them, 25 accounts paste one call
 * with light edits (a typo, an emoji, a mention, hashtags reordered). Only Sindh's alerts carry a
 * coordination field, and only Sindh's story becomes COORDINATED_ACTIVITY. People's own words are
 * real tweets (RUHSOLD), each with a protest word.
 */
class CopyPasteOnTopologyTest {
    static final long MIN = 60_000;
    static final long WINDOW = 5 * MIN;
    static final Instant T0 = Instant.parse("2025-11-08T00:00:00Z");
    static final int QUIET_WINDOWS = 36;
    static final int SURGE_WINDOWS = 3;
    /** Pasting accounts: with 45 organic protest posts a window, about a third of Sindh's (coordination.escalate.share 0.3). */
    static final int PASTERS = 25;
    static final String CALL = "Kal subah 10 baje sab Karachi press club pohnchein, sarkein band karo jab tak faisla wapis na ho";
    /** Said in people's own words: a real tweet (RUHSOLD) with one of these. */
    static final List<String> PROTEST_WORDS = List.of("dharna", "shutter down hartal", "sarkein band", "ehtijaj", "long march");

    record Sent(long time, TestPosts post) {
    }

    private static List<Sent> scenario(long seed) {
        Random random = new Random(seed);
        List<String> tweets = RealTweets.ruhsold();
        List<Sent> out = new ArrayList<>();
        int id = 0;
        for (int w = 0; w < QUIET_WINDOWS + SURGE_WINDOWS + 20; w++) {
            long start = T0.toEpochMilli() + w * WINDOW;
            boolean surge = w >= QUIET_WINDOWS && w < QUIET_WINDOWS + SURGE_WINDOWS;
            for (String region : List.of("PK-SD", "PK-KP", "PK-PB")) {
                int protest = surge ? 45 : random.nextInt(4);
                for (int i = 0; i < 6 + protest; i++) {
                    String tweet = tweets.get(random.nextInt(tweets.size()));
                    String text = i < 6 ? tweet : tweet + ", " + PROTEST_WORDS.get(random.nextInt(PROTEST_WORDS.size()));
                    long t = start + random.nextInt((int) WINDOW);
                    out.add(new Sent(t, post("p" + id++, t, "resident-" + region + "-" + random.nextInt(400), text, region)));
                }
                if (surge && region.equals("PK-SD")) {
                    for (int a = 0; a < PASTERS; a++) {
                        long t = start + random.nextInt((int) WINDOW);
                        out.add(new Sent(t, post("p" + id++, t, "paster-" + a, edited(random), region)));
                    }
                }
            }
        }
        out.sort(Comparator.comparingLong(Sent::time));
        return out;
    }

    /** The call as a campaign's accounts paste it: now and then a typo, an emoji, a mention, hashtags in another order. */
    private static String edited(Random random) {
        String text = CALL;
        if (random.nextBoolean()) {
            text = text.replace("pohnchein", "pohnchen");
        }
        String tags = random.nextBoolean() ? " #KarachiDharna #Insaaf" : " #Insaaf #KarachiDharna";
        String mention = random.nextInt(3) == 0 ? "@sindh_news " : "";
        String emoji = random.nextBoolean() ? " ✊" : "";
        return mention + text + tags + emoji;
    }

    private static TestPosts post(String id, long t, String account, String text, String region) {
        return TestPosts.post(id, t, account, text).region(region).accountCreatedAt(T0.toEpochMilli() - 400L * 86_400_000);
    }

    private static List<Alert> run(Map<String, String> settings) {
        List<Alert> alerts = new ArrayList<>();
        try (DetectorFixture f = new DetectorFixture(T0.plusSeconds(86_400), settings)) {
            for (Sent s : scenario(7)) {
                f.send(s.post());
                f.alerts.readValuesToList().forEach(alerts::add);
            }
            f.settle();
            f.alerts.readValuesToList().forEach(alerts::add);
        }
        alerts.forEach(a -> System.out.println(a.region().code() + " " + a.status() + " " + a.type() + " " + a.summary()));
        return alerts;
    }

    @Test
    void onlyTheProvinceWithACampaignHasCoordinationAndItEscalates() {
        List<Alert> alerts = run(Map.of());
        List<Alert> sindh = alerts.stream().filter(a -> a.region().code().equals("PK-SD") && a.status() != AlertStatus.RESOLVED).toList();
        List<Alert> kp = alerts.stream().filter(a -> a.region().code().equals("PK-KP") && a.status() != AlertStatus.RESOLVED).toList();
        assertFalse(sindh.isEmpty(), "Sindh's surge alerts");
        assertFalse(kp.isEmpty(), "Khyber Pakhtunkhwa's surge alerts: the same volume, in people's own words");
        kp.forEach(a -> assertNull(a.coordination(), "no campaign in KP: " + a.summary()));
        kp.forEach(a -> assertTrue(a.type() != AlertType.COORDINATED_ACTIVITY, a.summary()));
        Alert withCopies = sindh.stream().filter(a -> a.type() == AlertType.COORDINATED_ACTIVITY).findFirst().orElseThrow(
                () -> new AssertionError("copy-paste escalates Sindh's story"));
        Alert.Coordination c = withCopies.coordination();
        assertTrue(c.share() >= 0.3, "escalated at coordination.escalate.share: " + withCopies.summary());
        for (Alert a : sindh.stream().filter(a -> a.coordination() != null).toList()) {
            assertEquals(1, a.coordination().clusters(), "one campaign, one cluster: " + a.summary());
            assertTrue(a.coordination().largest().accounts() >= 5 && a.coordination().largest().accounts() <= PASTERS,
                    "the pasting accounts: " + a.summary());
        }
        assertTrue(c.largest().text().startsWith("kal subah 10 baje sab karachi press club"), c.largest().text());
        assertFalse(c.largest().text().contains("@sindh_news"), "mentions are not part of the compared text");
        assertTrue(c.largest().similarity() >= 0.8 && c.largest().similarity() <= 1.0);
        assertEquals(0.0, c.largest().newAccountShare());
        assertFalse(c.largest().accountsSample().isEmpty());
        c.largest().accountsSample().forEach(account -> assertFalse(account.startsWith("paster-"), "pseudonymised: " + account));
        assertTrue(c.posts() <= withCopies.observed() && c.posts() >= c.largest().posts(), withCopies.summary());
        assertNotNull(withCopies.summary());
        assertTrue(withCopies.summary().contains("copy-paste: " + c.posts() + " of the window's "), withCopies.summary());
        alerts.forEach(a -> assertEquals(List.of(), AlertNumbers.disagreements(a), "every number adds up: " + a.summary()));
    }

    @Test
    void switchedOffThereIsNoCoordinationField() {
        List<Alert> alerts = run(Map.of("coordination.enabled", "false"));
        assertFalse(alerts.isEmpty());
        alerts.forEach(a -> assertNull(a.coordination(), a.summary()));
        alerts.forEach(a -> assertTrue(a.type() != AlertType.COORDINATED_ACTIVITY, "nothing else makes this scenario coordinated: " + a.summary()));
    }
}
