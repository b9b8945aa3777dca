package org.unrestwatch.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.enrich.EnrichedPost;
import org.unrestwatch.post.ParseResult;
import org.unrestwatch.testutil.DetectorFixture;

class ScenarioOnTopologyTest {
    static final Instant START = Instant.parse("2025-11-08T06:00:00Z");

    @Test
    void sameSeedSameRecords() {
        List<ScenarioRecord> a = new ScenarioGenerator(42, START).generate();
        List<ScenarioRecord> b = new ScenarioGenerator(42, START).generate();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i += 97) {
            assertArrayEquals(a.get(i).value(), b.get(i).value());
        }
        List<ScenarioRecord> other = new ScenarioGenerator(43, START).generate();
        boolean differs = other.size() != a.size();
        for (int i = 0; !differs && i < a.size(); i++) {
            differs = !java.util.Arrays.equals(a.get(i).value(), other.get(i).value());
        }
        assertTrue(differs, "another seed gives another scenario");
    }

    @Test
    void theScenarioAlertsInTheSurgingProvincesOnlyAndResolves() {
        List<ScenarioRecord> records = new ScenarioGenerator(42, START).generate();
        Instant wallClock = START.plus(ScenarioGenerator.totalDuration()).plusSeconds(60);
        try (DetectorFixture f = new DetectorFixture(wallClock, Map.of())) {
            Map<String, Set<Long>> protestTimes = protestPostTimesByRegion(f, records, wallClock.toEpochMilli());
            for (ScenarioRecord r : records) {
                f.posts.pipeInput(r.key() == null ? null : r.key().getBytes(), r.value());
            }
            List<KeyValue<String, Alert>> alerts = f.alerts.readKeyValuesToList();
            Map<String, List<AlertStatus>> byRegion = new TreeMap<>(alerts.stream().collect(Collectors.groupingBy(kv -> kv.key,
                    Collectors.mapping(kv -> kv.value.status(), Collectors.toList()))));
            alerts.forEach(kv -> System.out.println(kv.value.region().code() + " " + kv.value.status() + " " + kv.value.type()
                    + " " + kv.value.severity() + " " + kv.value.window().start() + " " + kv.value.summary()));
            Set<String> expected = new java.util.HashSet<>(ScenarioGenerator.SURGE_REGIONS);
            expected.addAll(ScenarioGenerator.BUILD_UP_REGIONS);
            assertEquals(expected, byRegion.keySet(), byRegion.toString());
            for (String region : ScenarioGenerator.BUILD_UP_REGIONS) {
                Alert open = alerts.stream().map(kv -> kv.value)
                        .filter(a -> a.region().code().equals(region) && a.status() == AlertStatus.OPEN).findFirst().orElseThrow();
                assertTrue(open.summary().startsWith("sustained rise"), "the build-up is found by the sustained test: " + open.summary());
                assertTrue(open.observed() < open.rule().minVolume(),
                        "the window alone could not have opened it (fewer posts than min_volume): " + open.summary());
                assertEquals(Alert.Trigger.SUSTAINED_RISE, open.trigger().test(), "the trigger names the test that fired");
                assertEquals(60, open.trigger().spanMinutes());
            }
            // Explanations that add up: every alert but RESOLVED says which test fired, with numbers
            // that clear its own thresholds and appear in the summary.
            for (KeyValue<String, Alert> kv : alerts) {
                Alert a = kv.value;
                assertEquals(List.of(), org.unrestwatch.testutil.AlertNumbers.disagreements(a), "every number adds up");
                if (a.status() == AlertStatus.RESOLVED) {
                    assertNull(a.trigger(), "a resolved alert fired no test");
                    assertNull(a.tippedAt(), "nothing tipped a resolved alert");
                    continue;
                }
                assertNotNull(a.tippedAt(), "tipped_at of " + a.summary());
                long tipped = Instant.parse(a.tippedAt()).toEpochMilli();
                assertTrue(Instant.parse(a.window().start()).toEpochMilli() <= tipped
                        && tipped <= Instant.parse(a.evidenceThrough()).toEpochMilli(),
                        "window start <= tipped_at <= evidence_through: " + a.window() + " " + a.tippedAt() + " " + a.evidenceThrough());
                assertTrue(protestTimes.getOrDefault(a.region().code(), Set.of()).contains(tipped),
                        "tipped_at is the time of one of the region's protest posts: " + a.tippedAt());
                Alert.Trigger t = a.trigger();
                assertNotNull(t, "trigger of " + a.summary());
                assertTrue(t.observed() >= (t.test().equals(Alert.Trigger.ACCOUNT_BURST) ? (long) t.threshold() : a.rule().minVolume()),
                        "the test's own count clears its minimum: " + t + " " + a.summary());
                if (t.score() != null) {
                    assertTrue(t.score() >= t.threshold(), "the test's score clears its threshold: " + t);
                }
                assertTrue(a.summary().contains(Long.toString(t.observed())), "the summary gives the test's count: " + a.summary());
                if (t.test().equals(Alert.Trigger.WINDOW_BURST)) {
                    assertEquals(a.observed(), t.observed());
                }
            }
            byRegion.forEach((region, statuses) -> {
                assertEquals(AlertStatus.OPEN, statuses.get(0), region);
                assertEquals(1, statuses.stream().filter(s -> s == AlertStatus.OPEN).count(), region + " " + statuses);
                assertEquals(AlertStatus.RESOLVED, statuses.get(statuses.size() - 1), region + " " + statuses);
            });
            assertEquals(records.stream().filter(ScenarioRecord::malformed).count(), f.deadLetters.getQueueSize());
        }
    }

    /** The event times of the scenario's protest-related posts per region, as the detector's own parser and enricher see them. */
    private static Map<String, Set<Long>> protestPostTimesByRegion(DetectorFixture f, List<ScenarioRecord> records, long nowMs) {
        Map<String, Set<Long>> out = new TreeMap<>();
        for (ScenarioRecord r : records) {
            ParseResult parsed = f.parts.parser().parse(r.value(), nowMs);
            if (parsed.isValid()) {
                EnrichedPost p = f.parts.enricher().enrich(parsed.post(), nowMs);
                if (p.protestRelated()) {
                    out.computeIfAbsent(p.region(), k -> new java.util.HashSet<>()).add(p.eventTimeMs());
                }
            }
        }
        return out;
    }
}
