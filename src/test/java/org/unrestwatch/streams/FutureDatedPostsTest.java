package org.unrestwatch.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.post.DeadLetterHeaders;
import org.unrestwatch.post.RejectReason;
import org.unrestwatch.scenario.ScenarioGenerator;
import org.unrestwatch.scenario.ScenarioRecord;
import org.unrestwatch.testutil.AlertIdentity;
import org.unrestwatch.testutil.DetectorFixture;
import org.unrestwatch.testutil.ReferenceRun;
import org.unrestwatch.testutil.TestPosts;

/**
 * Posts dated ahead cannot blind the detector. Into the scenario, a third of the way through, go a
 * post dated 55 minutes ahead of its neighbours (a valid date, before the wall clock) and one dated
 * 23 hours ahead (beyond the wall clock). The first is counted in its own window and moves no
 * partition's progress on its own; the second goes to the dead-letter topic as FUTURE_TIMESTAMP.
 * The alerts are exactly those of the clean run, and no post is dropped as late.
 */
class FutureDatedPostsTest {
    static final Instant START = Instant.parse("2025-11-08T06:00:00Z");

    @Test
    void postsDatedAnHourOrADayAheadChangeNoAlertAndDropNothing() {
        List<ScenarioRecord> clean = new ScenarioGenerator(42, START).generate();
        Instant wallClock = START.plus(ScenarioGenerator.totalDuration()).plusSeconds(60);
        List<Alert> expected = ReferenceRun.alerts(clean, wallClock, Map.of());
        assertFalse(expected.isEmpty());

        int at = clean.size() / 3;
        long now = clean.get(at).eventTimeMs();
        List<ScenarioRecord> attacked = new ArrayList<>(clean);
        attacked.add(at, record(TestPosts.post("ahead-55m", now + Duration.ofMinutes(55).toMillis(), "x1", "Aaj mausam acha hai")
                .region("PK-GB")));
        attacked.add(at + 1, record(TestPosts.post("ahead-23h", now + Duration.ofHours(23).toMillis(), "x2", "Aaj mausam acha hai")
                .region("PK-GB")));

        try (DetectorFixture f = new DetectorFixture(wallClock, Map.of("state.store.type", "in_memory"))) {
            for (ScenarioRecord r : attacked) {
                f.send(r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8), r.value());
            }
            f.settle();
            assertEquals(AlertIdentity.byRegion(expected), AlertIdentity.byRegion(f.alerts.readValuesToList()),
                    "the clean run's alerts");
            assertEquals(0.0, f.registry.find("unrest.posts.late.dropped").counters().stream().mapToDouble(c -> c.count()).sum(),
                    "posts dropped as late");
            List<String> futureRejects = new ArrayList<>();
            for (TestRecord<byte[], byte[]> dead : f.deadLetters.readRecordsToList()) {
                if (RejectReason.FUTURE_TIMESTAMP.name().equals(header(dead, DeadLetterHeaders.REASON))) {
                    futureRejects.add(new String(dead.value(), StandardCharsets.UTF_8));
                }
            }
            assertEquals(1, futureRejects.size(), "the post dated a day ahead is a dead letter: " + futureRejects);
            assertEquals(true, futureRejects.get(0).contains("ahead-23h"));
        }
    }

    private static ScenarioRecord record(TestPosts post) {
        return new ScenarioRecord(0, "x", post.bytes(), false);
    }

    private static String header(TestRecord<byte[], byte[]> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
