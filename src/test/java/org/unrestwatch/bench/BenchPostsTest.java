package org.unrestwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.enrich.EnrichedPost;
import org.unrestwatch.post.ParseResult;
import org.unrestwatch.region.Region;
import org.unrestwatch.streams.DetectorParts;
import org.unrestwatch.testutil.TestKeys;

/** The generated posts mean to the detector what the benchmark says they mean; the JSON report has exactly its documented keys. */
class BenchPostsTest {
    private static final DetectorParts PARTS = DetectorParts.from(
            DetectorConfig.of(Path.of("config"), Map.of("alerts.pseudonym.key", TestKeys.PSEUDONYM)), new SimpleMeterRegistry());

    private static EnrichedPost enrich(byte[] post, long now) {
        ParseResult parsed = PARTS.parser().parse(post, now);
        assertTrue(parsed.isValid(), () -> parsed.rejection() + ": " + new String(post));
        return PARTS.enricher().enrich(parsed.post(), now);
    }

    @Test
    void protestPostsAreProtestRelatedAndNeutralPostsMatchNoTerm() {
        BenchPosts posts = new BenchPosts(7);
        long now = System.currentTimeMillis();
        // Enough draws that every template is rendered for every region and for posts without one.
        for (int region = BenchPosts.NO_REGION; region < BenchPosts.REGIONS.size(); region++) {
            for (int i = 0; i < 200; i++) {
                EnrichedPost protest = enrich(posts.post("p" + i, now, "acct-" + i, region, true), now);
                assertTrue(protest.protestRelated(), () -> "not protest-related: " + protest.terms());
                EnrichedPost neutral = enrich(posts.post("n" + i, now, "acct-" + i, region, false), now);
                assertTrue(neutral.terms().isEmpty(), () -> "neutral post matched " + neutral.terms());
                String expected = region == BenchPosts.NO_REGION ? Region.UNKNOWN.code() : BenchPosts.REGIONS.get(region);
                assertEquals(expected, protest.region());
                assertEquals(expected, neutral.region());
            }
        }
    }

    @Test
    void regionsAreDrawnByPopulationWithPunjabAboutHalf() {
        BenchPosts posts = new BenchPosts(7);
        int punjab = 0;
        int none = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            int r = posts.drawRegionOrNone();
            punjab += r == 0 ? 1 : 0;
            none += r == BenchPosts.NO_REGION ? 1 : 0;
        }
        assertEquals(0.5, (double) punjab / n, 0.03);
        assertEquals(BenchPosts.NO_REGION_SHARE, (double) none / n, 0.01);
    }

    @Test
    void reportHasExactlyTheDocumentedKeysAndNullLatencyWhenSkipped() {
        BenchReport report = new BenchReport(1000, 4, 100_000, 10_000, 2_000, 12, 2_004.0, null, null, 0, 512.5);
        List<String> keys = new ArrayList<>();
        report.toJson().fieldNames().forEachRemaining(keys::add);
        assertEquals(BenchReport.KEYS, keys);
        assertEquals(List.of("posts", "partitions", "plain_consumer_posts_per_s", "naive_streams_posts_per_s",
                "detector_posts_per_s", "detector_vs_plain_consumer", "detector_vs_naive_streams", "detector_late_dropped",
                "repartition_records_per_1000_posts", "latency_ms_p50", "latency_ms_p99", "heap_peak_mb"), keys);
        assertTrue(report.toJson().get("latency_ms_p50").isNull());
        assertEquals(0.02, report.toJson().get("detector_vs_plain_consumer").asDouble(), 1e-9);
        assertEquals(0.2, report.toJson().get("detector_vs_naive_streams").asDouble(), 1e-9);
    }

    @Test
    void latencyPercentilesAreNearestRank() {
        List<LatencyRun.Sample> samples = List.of(new LatencyRun.Sample("PK-PB", 15, 10, 300.0),
                new LatencyRun.Sample("PK-SD", 15, 12, 100.0), new LatencyRun.Sample("PK-KP", 15, 13, 200.0));
        LatencyRun.Result r = new LatencyRun.Result(samples, 3, 0, 0, 0, 0, 0, 0, 1, 0);
        assertEquals(200.0, r.p50());
        assertEquals(300.0, r.p99()); // fewer than 100 samples: p99 is the largest
        assertNull(new LatencyRun.Result(List.of(), 0, 0, 0, 0, 0, 0, 0, 1, 0).p50());
    }
}
