package org.unrestwatch.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.testutil.AlertSchema;
import org.unrestwatch.testutil.DetectorFixture;
import org.unrestwatch.testutil.TestPosts;

/**
 * The whole topology on a quiet baseline across all provinces, then a surge in PK-PB and PK-SD
 * (and in posts with no region), then calm. Each alert is checked against a tally the test keeps
 * itself of what it sent before the alert's {@code evidence_through} (windows are evaluated in
 * event-time ticks: the alert counts exactly the posts before the end of the tick that tipped it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetectionScenarioTest {
    static final long MIN = 60_000;
    static final long WINDOW = 5 * MIN;
    static final Instant T0 = Instant.parse("2025-11-08T00:00:00Z");
    static final List<String> PROVINCES = List.of("PK-BA", "PK-KP", "PK-PB", "PK-SD", "PK-JK", "PK-GB", "PK-IS");
    static final Set<String> SURGING = Set.of("PK-PB", "PK-SD");
    static final int QUIET_WINDOWS = 36;
    static final int SURGE_WINDOWS = 3;
    // The sustained test remembers the surge for an hour (12 windows), then detect.calm.windows (6)
    // calm windows resolve, plus grace.
    static final int CALM_WINDOWS = 20;
    static final List<String> SURGE_TERMS = List.of("dharna", "shutter down hartal", "sarkein band", "jala do",
            "gustakh", "sar tan se juda", "aag laga do");

    /** What the test sent into one region window: its own tally, independent of the detector. */
    static final class Tally {
        int protest;
        long latestProtest = Long.MIN_VALUE;
        final Set<String> accounts = new HashSet<>();
        final Map<String, Integer> terms = new HashMap<>();
    }

    record Sent(TestPosts post, String region, String account, String term, long time) {
    }

    DetectorFixture fixture;
    final List<KeyValue<String, Alert>> alerts = new ArrayList<>();
    final List<org.apache.kafka.common.header.Headers> alertHeaders = new ArrayList<>();
    final Map<String, Tally> tallyAtOpen = new HashMap<>();
    final Map<String, Long> evidenceThroughAtOpen = new HashMap<>();
    final List<Sent> sentLog = new ArrayList<>();
    final Map<String, Map<Long, Integer>> quietProtestPerWindow = new HashMap<>();

    @BeforeAll
    void runScenario() {
        fixture = new DetectorFixture(T0.plusSeconds(86_400), Map.of());
        Random random = new Random(7);
        int id = 0;
        for (int w = 0; w < QUIET_WINDOWS + SURGE_WINDOWS + CALM_WINDOWS; w++) {
            long start = T0.toEpochMilli() + w * WINDOW;
            boolean surge = w >= QUIET_WINDOWS && w < QUIET_WINDOWS + SURGE_WINDOWS;
            List<Sent> batch = new ArrayList<>();
            for (String region : PROVINCES) {
                int neutral = 4 + random.nextInt(5);
                int protest = random.nextInt(4);
                for (int i = 0; i < neutral; i++) {
                    batch.add(sent(id++, region, "resident-" + region + "-" + random.nextInt(300), null,
                            start + random.nextInt((int) WINDOW), "Aaj " + region + " mein mausam acha hai"));
                }
                for (int i = 0; i < protest; i++) {
                    batch.add(sent(id++, region, "resident-" + region + "-" + random.nextInt(300), "dharna",
                            start + random.nextInt((int) WINDOW), "Suna hai kal dharna ho ga"));
                }
                if (w < QUIET_WINDOWS) {
                    quietProtestPerWindow.computeIfAbsent(region, r -> new HashMap<>()).put(start, protest);
                }
                if (surge && SURGING.contains(region)) {
                    for (int i = 0; i < 80; i++) {
                        String term = SURGE_TERMS.get(random.nextInt(SURGE_TERMS.size()));
                        batch.add(sent(id++, region, "angry-" + region + "-" + random.nextInt(60), term,
                                start + random.nextInt((int) WINDOW), "Sab log pohnchein, " + term + "!"));
                    }
                }
            }
            if (surge) {
                for (int i = 0; i < 60; i++) { // a surge with no resolvable region must not alert
                    long time = start + random.nextInt((int) WINDOW);
                    batch.add(new Sent(TestPosts.post("p" + id++, time, "nowhere-" + i, "dharna aur hartal, sarkein band"),
                            "unknown", "nowhere-" + i, null, time));
                }
            }
            batch.sort(Comparator.comparingLong(Sent::time));
            for (Sent s : batch) {
                send(s);
            }
        }
    }

    private Sent sent(int id, String region, String account, String term, long time, String text) {
        return new Sent(TestPosts.post("p" + id, time, account, text).region(region), region, account, term, time);
    }

    private void send(Sent s) {
        sentLog.add(s);
        fixture.send(s.post());
        for (var record : fixture.alerts.readRecordsToList()) {
            KeyValue<String, Alert> kv = KeyValue.pair(record.key(), record.value());
            alerts.add(kv);
            assertEquals(List.of(), org.unrestwatch.testutil.AlertNumbers.disagreements(kv.value), "every number adds up");
            alertHeaders.add(record.headers());
            if (kv.value.status() == AlertStatus.OPEN) {
                long window = Instant.parse(kv.value.window().start()).toEpochMilli();
                long through = Instant.parse(kv.value.evidenceThrough()).toEpochMilli();
                Tally sent = new Tally();
                sentLog.stream().filter(x -> x.region().equals(kv.key) && x.time() >= window && x.time() < through)
                        .forEach(x -> {
                            sent.accounts.add(x.account());
                            if (x.term() != null) {
                                sent.protest++;
                                sent.latestProtest = Math.max(sent.latestProtest, x.time());
                                sent.terms.merge(x.term(), 1, Integer::sum);
                            }
                        });
                tallyAtOpen.put(kv.key, sent);
                evidenceThroughAtOpen.put(kv.key, through);
            }
        }
    }

    @AfterAll
    void close() {
        fixture.close();
    }

    private List<Alert> alertsFor(String region, AlertStatus status) {
        return alerts.stream().filter(kv -> kv.key.equals(region) && kv.value.status() == status).map(kv -> kv.value).toList();
    }

    @Test
    void exactlyOneOpenAlertInEachSurgingRegionAndNoneElsewhere() {
        for (String region : SURGING) {
            assertEquals(1, alertsFor(region, AlertStatus.OPEN).size(), "OPEN alerts in " + region + ": " + alerts);
        }
        Set<String> alerted = alerts.stream().map(kv -> kv.key).collect(Collectors.toSet());
        assertEquals(SURGING, alerted, "regions with any alert");
    }

    @Test
    void openAlertCarriesTheRightEvidence() {
        for (String region : SURGING) {
            Alert open = alertsFor(region, AlertStatus.OPEN).get(0);
            Tally sent = tallyAtOpen.get(region);
            long window = Instant.parse(open.window().start()).toEpochMilli();
            assertTrue(window >= T0.toEpochMilli() + QUIET_WINDOWS * WINDOW, "opens in the surge, not before");
            assertEquals(sent.protest, open.observed(), "observed = protest posts sent in the window before evidence_through");
            assertEquals(sent.accounts.size(), open.distinctAccounts(), "distinct accounts in the window");
            assertEquals(Instant.ofEpochMilli(sent.latestProtest).toString(), open.tippedAt(),
                    "tipped_at = the latest protest post sent in the window before evidence_through");
            // expected = the mean, in log space, of protest posts per quiet window closed by then (end +
            // grace at or before the start of the deciding tick): exp(mean(log(count + offset))) - offset
            long tickStart = evidenceThroughAtOpen.get(region) - fixture.parts.rules().windows().tickMs();
            double offset = fixture.parts.rules().baseline().countOffset();
            double meanLog = quietProtestPerWindow.get(region).entrySet().stream()
                    .filter(e -> e.getKey() + WINDOW + 2 * MIN <= tickStart)
                    .mapToDouble(e -> Math.log(e.getValue() + offset)).average().orElseThrow();
            assertEquals(Math.max(1.0, Math.exp(meanLog) - offset), open.expected(), 0.011, "expected = the quiet log-mean");
            assertTrue(open.score() >= fixture.parts.rules().openScore(), "score " + open.score());
            assertEquals(open.observed() / open.expected(), open.ratio(), 0.01 * open.ratio());
            String topTerm = sent.terms.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .orElseThrow().getKey();
            assertEquals(topTerm, open.topKeywords().get(0).term());
            assertEquals((long) sent.terms.get(topTerm), open.topKeywords().get(0).count());
            assertFalse(open.topAccounts().isEmpty());
            open.topAccounts().forEach(a -> assertTrue(a.account().matches("acct_[0-9a-f]{16}"), "pseudonymised: " + a));
            assertEquals(5, open.samplePostIds().size());
            assertNotNull(open.summary());
        }
    }

    @Test
    void theStoryEndsResolvedUnderOneId() {
        for (String region : SURGING) {
            List<Alert> story = alerts.stream().filter(kv -> kv.key.equals(region)).map(kv -> kv.value).toList();
            assertEquals(AlertStatus.OPEN, story.get(0).status());
            assertEquals(AlertStatus.RESOLVED, story.get(story.size() - 1).status(), "last alert of " + region);
            assertEquals(1, alertsFor(region, AlertStatus.RESOLVED).size());
            assertEquals(1, story.stream().map(Alert::alertId).distinct().count(), "one alert_id per story");
            long resolvedWindow = Instant.parse(story.get(story.size() - 1).window().start()).toEpochMilli();
            assertTrue(resolvedWindow >= T0.toEpochMilli() + (QUIET_WINDOWS + SURGE_WINDOWS) * WINDOW, "resolves after the surge");
            // UPDATED only on escalation: severities strictly increase until RESOLVED
            for (int i = 1; i < story.size() - 1; i++) {
                assertEquals(AlertStatus.UPDATED, story.get(i).status());
                assertTrue(story.get(i).severity().isAbove(story.get(i - 1).severity()), "escalation only: " + story);
            }
        }
    }

    @Test
    void everyAlertValidatesAgainstTheSchema() {
        assertFalse(alerts.isEmpty());
        for (KeyValue<String, Alert> kv : alerts) {
            assertEquals("", AlertSchema.violations(kv.value), kv.value.toString());
            assertEquals(kv.key, kv.value.region().code(), "keyed by region code");
        }
    }

    /**
     * Services read stories, not logs: alerts.state holds every version keyed by its alert id, so
     * that compaction leaves each story's latest (here the RESOLVED); every alert record, on both
     * topics, carries CloudEvents binary-mode headers with a unique id per version (the UPDATED
     * path of the version count: AlertLifecycleTest).
     */
    @Test
    void servicesReadEachStorysLatestVersionAndCloudEventsHeaders() {
        List<org.apache.kafka.streams.test.TestRecord<String, Alert>> state = fixture.alertState.readRecordsToList();
        assertEquals(alerts.size(), state.size(), "one state record per alert version");
        Map<String, Alert> latest = new HashMap<>();
        Set<String> eventIds = new HashSet<>();
        for (int i = 0; i < state.size(); i++) {
            var r = state.get(i);
            Alert a = r.value();
            assertEquals(alerts.get(i).value, a, "the same alert, in the same order");
            assertEquals(a.alertId(), r.key(), "keyed by alert id");
            assertEquals(header(alertHeaders.get(i), "ce_id"), header(r.headers(), "ce_id"), "the alerts topic's record carries the same headers");
            assertEquals(header(alertHeaders.get(i), "ce_type"), header(r.headers(), "ce_type"));
            Alert before = latest.put(a.alertId(), a);
            assertEquals(before == null ? 1 : before.version() + 1, a.version(), "versions count from 1 without gaps: " + a.summary());
            assertEquals("1.0", header(r.headers(), "ce_specversion"));
            assertEquals(a.alertId() + "/" + a.version(), header(r.headers(), "ce_id"));
            assertTrue(eventIds.add(header(r.headers(), "ce_id")), "event ids are unique");
            assertEquals("org.unrestwatch.alert." + switch (a.status()) {
                case OPEN -> "opened";
                case UPDATED -> "updated";
                case RESOLVED -> "resolved";
            }, header(r.headers(), "ce_type"));
            assertEquals(a.region().code(), header(r.headers(), "ce_subject"));
            assertEquals(a.detectedAt(), header(r.headers(), "ce_time"));
            assertEquals("urn:unrestwatch:detector:detector-test", header(r.headers(), "ce_source"));
            assertEquals("application/json", header(r.headers(), "content-type"));
        }
        assertEquals(SURGING, latest.values().stream().map(a -> a.region().code()).collect(Collectors.toSet()));
        latest.values().forEach(a -> assertEquals(AlertStatus.RESOLVED, a.status(), "a story's latest version: " + a.summary()));
    }

    private static String header(org.apache.kafka.common.header.Headers headers, String key) {
        var h = headers.lastHeader(key);
        assertNotNull(h, "header " + key);
        return new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
