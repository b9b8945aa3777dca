package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unrestwatch.testutil.DetectorFixture;
import org.unrestwatch.testutil.TestPosts;

/**
 * Issue #19: a file replayed a second time into the same topic and application is dropped as late,
 * post by post; the detector says so in its log, once a minute at most, with the count and what to
 * do, instead of only counting it.
 */
class LatePostsAreSaidTest {
    static final Instant T0 = Instant.parse("2025-11-08T10:00:00Z");

    @Test
    void aSecondReplayOfTheSamePostsIsSaidToBeLateOnceAndLoudly() {
        try (CapturedLog log = new CapturedLog(); DetectorFixture f = new DetectorFixture(T0.plusSeconds(7200), Map.of())) {
            for (int round = 0; round < 2; round++) { // the same hour of posts, twice
                for (int i = 0; i < 120; i++) {
                    long t = T0.toEpochMilli() + i * 30_000L;
                    f.send(TestPosts.post("p" + i, t, "a" + (i % 17), "dharna").region("PK-PB"));
                }
            }
            f.driver.advanceWallClockTime(Duration.ofSeconds(2));
            f.driver.advanceWallClockTime(Duration.ofSeconds(2));
            String text = log.text();
            long warnings = text.lines().filter(l -> l.contains("posts dropped as late")).count();
            assertEquals(1, warnings, "said once, not per post or per second: " + text);
            String line = text.lines().filter(l -> l.contains("posts dropped as late")).findFirst().orElseThrow();
            assertTrue(line.startsWith("WARN") && line.contains("application.id") && line.contains("another posts topic"), line);
            double late = f.registry.get("unrest.posts.late.dropped").tag("region", "PK-PB").counter().count();
            assertTrue(line.contains((long) late + " posts dropped as late"), "the count said is the count dropped (" + late + "): " + line);
            assertTrue(late > 100, "nearly the whole second hour is late: " + late);
        }
    }
}
