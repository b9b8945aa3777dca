package org.unrestwatch.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.unrestwatch.detect.RegionState;
import org.unrestwatch.post.DeadLetterHeaders;
import org.unrestwatch.post.RejectReason;
import org.unrestwatch.stats.RegionWindowStats;
import org.unrestwatch.testutil.DetectorFixture;
import org.unrestwatch.testutil.TestPosts;

class LateAndRejectedPostsTest {
    static final Instant T0 = Instant.parse("2025-11-08T10:00:00Z");
    static final long MIN = 60_000;

    private static long at(long minutes) {
        return T0.toEpochMilli() + minutes * MIN;
    }

    /** The region stage's windows, once the posts stage has sent everything it holds. */
    private static RegionState state(DetectorFixture f, String region) {
        f.settle();
        KeyValueStore<String, RegionState> store = f.driver.getKeyValueStore(RegionStageProcessor.WINDOWS_STORE);
        return store.get(region);
    }

    private static long postsInWindow(RegionState state, long windowStart) {
        return state.openWindows().stream().filter(w -> w.windowStart() == windowStart)
                .mapToLong(RegionWindowStats::posts).sum();
    }

    /** Ordinary traffic elsewhere, every 30 s: the partition's progress follows event time smoothly. */
    private static void backgroundUntil(DetectorFixture f, long fromMinute, long toMinute) {
        for (long t = at(fromMinute); t <= at(toMinute); t += 30_000) {
            f.send(TestPosts.post("bg" + t, t, "bg" + t, "hello").region("PK-SD"));
        }
    }

    @Test
    void latePostsInsideGraceCountAndLaterOnesAreDroppedAndCounted() {
        try (DetectorFixture f = new DetectorFixture(T0.plusSeconds(3600), Map.of())) {
            backgroundUntil(f, 0, 1);
            f.send(TestPosts.post("p1", at(1), "a1", "hello").region("PK-PB"));
            backgroundUntil(f, 2, 6);
            f.send(TestPosts.post("p2", at(6), "a2", "hello").region("PK-PB")); // next window; 10:00 window closes at 10:07
            f.send(TestPosts.post("p3", at(3), "a3", "hello").region("PK-PB")); // 3 minutes late, inside the 2 min grace after 10:05
            assertEquals(2, postsInWindow(state(f, "PK-PB"), at(0)), "in-grace late post counted in its window");
            assertEquals(0.0, f.registry.get("unrest.posts.late.dropped").tag("region", "PK-PB").counter().count());

            backgroundUntil(f, 7, 8);
            f.send(TestPosts.post("p4", at(8), "a4", "hello").region("PK-PB")); // progress 10:08: the 10:00 window closes
            f.send(TestPosts.post("p5", at(4), "a5", "hello").region("PK-PB")); // beyond grace
            RegionState state = state(f, "PK-PB");
            assertTrue(state.closedUpTo() > at(0), "10:00 window closed");
            assertEquals(0, postsInWindow(state, at(0)));
            assertEquals(2, postsInWindow(state, at(5)), "p5 did not leak into another window");
            assertEquals(1.0, f.registry.get("unrest.posts.late.dropped").tag("region", "PK-PB").counter().count());
        }
    }

    @Test
    void aPostMisdatedAnHourAheadDoesNotMakeTheNextPostsLate() {
        try (DetectorFixture f = new DetectorFixture(T0.plusSeconds(6 * 3600), Map.of())) {
            backgroundUntil(f, 0, 4);
            f.send(TestPosts.post("outlier", at(59), "x", "hello").region("PK-PB")); // a valid date, but far ahead
            f.send(TestPosts.post("p1", at(4) + 10_000, "a1", "hello").region("PK-PB"));
            backgroundUntil(f, 5, 9);
            f.send(TestPosts.post("p2", at(8), "a2", "hello").region("PK-PB"));
            assertEquals(1, postsInWindow(state(f, "PK-PB"), at(5)), "the window after the outlier's own post counts");
            assertEquals(0.0, f.registry.get("unrest.posts.late.dropped").tag("region", "PK-PB").counter().count(),
                    "no post dropped as late behind the outlier");
            assertEquals(3.0, f.registry.get("unrest.region.posts").tag("region", "PK-PB").counter().count(),
                    "p1, p2 and the outlier itself (a valid date) all counted");
        }
    }

    @Test
    void postsWithNoResolvableRegionAreCountedAsUnknown() {
        try (DetectorFixture f = new DetectorFixture(T0.plusSeconds(3600), Map.of())) {
            f.send(TestPosts.post("p1", at(1), "a1", "dharna").place("somewhere far away"));
            f.send(TestPosts.post("p2", at(2), "a2", "hello").geo(51.5, -0.12)); // London: beyond 50 km of any place
            f.send(TestPosts.post("p3", at(3), "a3", "hello").place("Karachi"));
            assertEquals(2, postsInWindow(state(f, "unknown"), at(0)));
            assertEquals(1, postsInWindow(state(f, "PK-SD"), at(0)));
            assertEquals(2.0, f.registry.get("unrest.posts.region.resolution").tag("method", "UNKNOWN").counter().count());
        }
    }

    @Test
    void everyKindOfMalformedRecordLandsInTheDeadLetterTopicUntouchedWithItsReason() {
        String ok = "\"id\":\"p\",\"created_at\":\"2025-11-08T10:00:00Z\",\"text\":\"t\",\"account\":{\"id\":\"a\"}";
        Map<String, RejectReason> cases = new LinkedHashMap<>();
        cases.put("not json at all", RejectReason.NOT_JSON);
        cases.put("\"just a string\"", RejectReason.NOT_AN_OBJECT);
        cases.put("{\"created_at\":\"2025-11-08T10:00:00Z\",\"text\":\"t\",\"account\":{\"id\":\"a\"}}", RejectReason.MISSING_FIELD);
        cases.put("{" + ok.replace("\"text\":\"t\"", "\"text\":[\"t\"]") + "}", RejectReason.WRONG_TYPE);
        cases.put("{" + ok.replace("2025-11-08T10:00:00Z", "08/11/2025") + "}", RejectReason.BAD_TIMESTAMP);
        cases.put("{" + ok.replace("2025-11-08T10:00:00Z", "1999-01-01T00:00:00Z") + "}", RejectReason.TIMESTAMP_OUT_OF_RANGE);
        cases.put("{" + ok + ",\"place\":\"" + "p".repeat(600) + "\"}", RejectReason.FIELD_TOO_LONG);
        cases.put("{" + ok + ",\"geo\":{\"lat\":31.5,\"lon\":200}}", RejectReason.VALUE_OUT_OF_RANGE);
        cases.put("{" + ok + ",\"x\":\"" + "z".repeat(70_000) + "\"}", RejectReason.TOO_LARGE);
        cases.put("", RejectReason.EMPTY_RECORD);
        try (DetectorFixture f = new DetectorFixture(T0.plusSeconds(3600), Map.of())) {
            for (String value : cases.keySet()) {
                f.posts.pipeInput(null, value.getBytes(StandardCharsets.UTF_8));
            }
            f.send(TestPosts.post("good", at(1), "a1", "hello").region("PK-PB"));
            List<TestRecord<byte[], byte[]>> dead = f.deadLetters.readRecordsToList();
            assertEquals(cases.size(), dead.size(), "every bad record, and only those, in the DLQ");
            int offset = 0;
            for (Map.Entry<String, RejectReason> c : cases.entrySet()) {
                TestRecord<byte[], byte[]> r = dead.get(offset);
                assertArrayEquals(c.getKey().getBytes(StandardCharsets.UTF_8), r.value(), "original bytes untouched");
                assertEquals(c.getValue().name(), header(r, DeadLetterHeaders.REASON));
                assertNotNull(header(r, DeadLetterHeaders.DETAIL));
                assertEquals(f.parts.topics().posts().name(), header(r, DeadLetterHeaders.SOURCE_TOPIC));
                assertEquals("0", header(r, DeadLetterHeaders.SOURCE_PARTITION));
                assertEquals(Integer.toString(offset), header(r, DeadLetterHeaders.SOURCE_OFFSET));
                assertEquals(1.0, f.registry.get("unrest.posts.rejected").tag("reason", c.getValue().name()).counter().count(),
                        c.getValue() + " counted");
                offset++;
            }
            assertEquals("text", header(dead.get(3), DeadLetterHeaders.FIELD));
            assertEquals(1, postsInWindow(state(f, "PK-PB"), at(0)), "the good post after them still counted");
        }
    }

    private static String header(TestRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
