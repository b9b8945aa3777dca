package org.unrestwatch.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.post.DeadLetterHeaders;
import org.unrestwatch.rules.Rule;
import org.unrestwatch.rules.RulesInEffect;
import org.unrestwatch.testutil.AlertIdentity;
import org.unrestwatch.testutil.DetectorFixture;
import org.unrestwatch.testutil.TestPosts;

/**
 * Live rules on the whole topology: each takes effect from its own event time, whenever it was
 * written, so the same posts and rules give the same alerts in a replay; mutes and threshold
 * overrides hold one region back and let go when they expire; an invalid rule is dead-lettered
 * and changes nothing.
 */
class LiveRulesTest {
    static final long MIN = 60_000;
    static final long WINDOW = 5 * MIN;
    static final Instant T0 = Instant.parse("2025-11-08T00:00:00Z");
    static final List<String> REGIONS = List.of("PK-PB", "PK-SD", "PK-KP");
    /** Not in config/lexicon.csv: a slogan the analysts add. */
    static final String SLOGAN = "qafila rawana karo";
    static final int QUIET = 36;
    static final int FIRST_SURGE = 36;
    // After the first story resolves (about 18 windows) and the 2 h cooldown (24 windows).
    static final int SECOND_SURGE = 88;
    static final int TOTAL = 110;

    record Timed(long time, TestPosts post) {
    }

    /** Quiet background in three regions, then two three-window surges in {@code surging}, saying {@code term}. */
    static List<Timed> posts(String term, Set<String> surging) {
        Random random = new Random(11);
        List<Timed> out = new ArrayList<>();
        int id = 0;
        for (int w = 0; w < TOTAL; w++) {
            long start = T0.toEpochMilli() + w * WINDOW;
            for (String region : REGIONS) {
                for (int i = 0; i < 5 + random.nextInt(4); i++) {
                    long t = start + random.nextInt((int) WINDOW);
                    out.add(new Timed(t, TestPosts.post("p" + id++, t, "res-" + region + random.nextInt(300), "Aaj mausam acha hai").region(region)));
                }
                for (int i = 0; i < random.nextInt(4); i++) {
                    long t = start + random.nextInt((int) WINDOW);
                    out.add(new Timed(t, TestPosts.post("p" + id++, t, "res-" + region + random.nextInt(300), "Suna hai kal dharna ho ga").region(region)));
                }
                boolean surge = (w >= FIRST_SURGE && w < FIRST_SURGE + 3) || (w >= SECOND_SURGE && w < SECOND_SURGE + 3);
                if (surge && surging.contains(region)) {
                    for (int i = 0; i < 80; i++) {
                        long t = start + random.nextInt((int) WINDOW);
                        out.add(new Timed(t, TestPosts.post("p" + id++, t, "angry-" + region + random.nextInt(60), "Sab log " + term + "!").region(region)));
                    }
                }
            }
        }
        return out.stream().sorted(Comparator.comparingLong(Timed::time)).toList();
    }

    static long windowStart(int w) {
        return T0.toEpochMilli() + w * WINDOW;
    }

    static Rule addSlogan(long from) {
        return new Rule("add-term:mobilisation:qafila-rawana-karo", Rule.Kind.ADD_TERM, SLOGAN, "mobilisation", "ur-Latn", 2.0,
                List.of(), null, null, from, Rule.FOREVER, "ayesha", "new slogan in Lahore", from, 1);
    }

    /** Runs the posts through a fresh topology, writing each rule just before the first post at or after its {@code writeAt}. */
    static List<Alert> run(List<Timed> posts, Map<Rule, Long> rulesWrittenAt) {
        List<Alert> alerts = new ArrayList<>();
        try (DetectorFixture f = new DetectorFixture(T0.plusSeconds(86_400), Map.of())) {
            List<Map.Entry<Rule, Long>> pending = new ArrayList<>(rulesWrittenAt.entrySet());
            pending.sort(Map.Entry.comparingByValue());
            for (Timed p : posts) {
                while (!pending.isEmpty() && pending.get(0).getValue() <= p.time()) {
                    f.send(pending.remove(0).getKey());
                }
                f.send(p.post());
                f.alerts.readValuesToList().forEach(alerts::add);
                alerts.forEach(a -> assertEquals(List.of(), org.unrestwatch.testutil.AlertNumbers.disagreements(a), "every number adds up"));
            }
            f.settle();
            f.alerts.readValuesToList().forEach(alerts::add);
        }
        return alerts;
    }

    static List<Alert> opened(List<Alert> alerts, String region) {
        return alerts.stream().filter(a -> a.status() == AlertStatus.OPEN && a.region().code().equals(region)).toList();
    }

    @Test
    void aTermAddedMidStreamCountsFromItsEffectiveTimeAndAReplayGivesTheSameAlerts() {
        List<Timed> posts = posts(SLOGAN, Set.of("PK-PB"));
        long from = windowStart(50);
        // Live: written when the stream reaches its effective time. Replay: written before any post.
        List<Alert> live = run(posts, Map.of(addSlogan(from), from));
        List<Alert> replay = run(posts, Map.of(addSlogan(from), Long.MIN_VALUE));
        List<Alert> without = run(posts, Map.of());

        assertTrue(opened(without, "PK-PB").isEmpty(), "unknown to the lexicon, the slogan raises nothing: " + without);
        List<Alert> punjab = opened(live, "PK-PB");
        assertEquals(1, punjab.size(), "the second surge opens a story, the first (before the rule) does not: " + live);
        Alert open = punjab.get(0);
        assertTrue(Instant.parse(open.window().start()).toEpochMilli() >= windowStart(SECOND_SURGE), open.window().start());
        assertEquals("qafila rawana karo", open.topKeywords().get(0).term(), "the added term is what was counted");
        assertNotEquals(RulesInEffect.BASE, open.rulesVersion());
        assertEquals(AlertIdentity.byRegion(live), AlertIdentity.byRegion(replay), "same posts, same rules: same alerts");
    }

    @Test
    void aMuteSilencesItsRegionUntilItExpiresAndAThresholdOverrideHoldsAnotherBack() {
        List<Timed> posts = posts("sarkein band, dharna", Set.of("PK-PB", "PK-SD", "PK-KP"));
        Rule mute = new Rule("mute:region:PK-PB", Rule.Kind.MUTE, null, null, null, 1.0, List.of(), "PK-PB", null,
                windowStart(30), windowStart(50), "bilal", "known march, police informed", windowStart(30), 1);
        Rule threshold = new Rule("threshold:PK-SD", Rule.Kind.SET_THRESHOLD, null, null, null, 1.0, List.of(), "PK-SD",
                Map.of("detect.min.volume", 5000.0), windowStart(30), Rule.FOREVER, "bilal", "noisy sensor region", windowStart(30), 1);
        List<Alert> alerts = run(posts, Map.of(mute, windowStart(30), threshold, windowStart(30)));

        List<Alert> punjab = opened(alerts, "PK-PB");
        assertEquals(1, punjab.size(), "Punjab: muted in the first surge, alerting in the second: " + alerts);
        assertTrue(Instant.parse(punjab.get(0).window().start()).toEpochMilli() >= windowStart(SECOND_SURGE));
        assertTrue(opened(alerts, "PK-SD").isEmpty(), "Sindh's minimum volume is out of reach: " + alerts);
        List<Alert> khyber = opened(alerts, "PK-KP");
        assertEquals(2, khyber.size(), "no rule for Khyber Pakhtunkhwa: both surges alert");
        assertNotEquals(khyber.get(0).rulesVersion(), khyber.get(1).rulesVersion(),
                "the first surge was decided with the mute in force, the second after it expired");
        assertEquals(khyber.get(1).rulesVersion(), punjab.get(0).rulesVersion(), "same rules in force, same version");
    }

    /**
     * A rule replaced mid-stream (as the rules command does it: the old version kept in force up to
     * the new one's start under its own id) gives the same alerts, rules_version included, in a
     * replay made afterwards as it did live.
     */
    @Test
    void aReplacedRuleJudgesThePastAsItDidLive() {
        List<Timed> posts = posts("sarkein band, dharna", Set.of("PK-SD", "PK-KP"));
        Rule v1 = new Rule("threshold:PK-SD", Rule.Kind.SET_THRESHOLD, null, null, null, 1.0, List.of(), "PK-SD",
                Map.of("detect.min.volume", 5000.0), windowStart(30), Rule.FOREVER, "bilal", "noisy", windowStart(30), 1);
        Rule v2 = new Rule("threshold:PK-SD", Rule.Kind.SET_THRESHOLD, null, null, null, 1.0, List.of(), "PK-SD",
                Map.of("detect.min.volume", 20.0), windowStart(70), Rule.FOREVER, "bilal", "back to normal", windowStart(70), 2);
        Rule kept = v1.archivedUntil(v2.effectiveFromMs());
        List<Alert> live = run(posts, new java.util.LinkedHashMap<>(Map.of(v1, windowStart(30), kept, windowStart(70), v2, windowStart(70) + 1)));
        List<Alert> replay = run(posts, Map.of(kept, Long.MIN_VALUE, v2, Long.MIN_VALUE));
        List<Alert> sindh = opened(live, "PK-SD");
        assertEquals(1, sindh.size(), "held back in the first surge, alerting in the second: " + live);
        assertTrue(Instant.parse(sindh.get(0).window().start()).toEpochMilli() >= windowStart(SECOND_SURGE));
        assertEquals(AlertIdentity.byRegion(live), AlertIdentity.byRegion(replay), "the past judged as it was, version included");
    }

    @Test
    void anInvalidRuleIsDeadLetteredWithItsReasonAndChangesNothing() {
        try (DetectorFixture f = new DetectorFixture(T0.plusSeconds(86_400), Map.of())) {
            Rule badCategory = new Rule("add-term:riots:x", Rule.Kind.ADD_TERM, "x y", "riots", "en", 1.0, List.of(), null, null,
                    0, Rule.FOREVER, "a", "b", 0, 1);
            f.send(badCategory);
            f.rules.pipeInput("not-json".getBytes(StandardCharsets.UTF_8), "{oops".getBytes(StandardCharsets.UTF_8));
            f.rules.pipeInput("other-id".getBytes(StandardCharsets.UTF_8), org.unrestwatch.rules.RuleJson.toBytes(addSlogan(0)));
            List<TestRecord<byte[], byte[]>> dead = f.deadLetters.readRecordsToList();
            assertEquals(3, dead.size());
            assertEquals(List.of("category", "", "id"), dead.stream().map(r -> header(r, DeadLetterHeaders.FIELD)).toList());
            dead.forEach(r -> assertEquals("INVALID_RULE", header(r, DeadLetterHeaders.REASON)));
            assertTrue(header(dead.get(0), DeadLetterHeaders.DETAIL).contains("'riots' is not a lexicon category"),
                    header(dead.get(0), DeadLetterHeaders.DETAIL));
            assertTrue(f.parts.ruleBook().rules().isEmpty(), "nothing applied");
            assertEquals(RulesInEffect.BASE, f.parts.ruleBook().version(System.currentTimeMillis()));

            // A valid rule applies; its tombstone deletes it.
            f.send(addSlogan(0));
            assertEquals(1, f.parts.ruleBook().rules().size());
            f.rules.pipeInput(addSlogan(0).id().getBytes(StandardCharsets.UTF_8), (byte[]) null);
            assertTrue(f.parts.ruleBook().rules().isEmpty(), "deleted");
            assertFalse(f.deadLetters.readRecordsToList().stream().findAny().isPresent(), "a deletion is not an error");
        }
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
