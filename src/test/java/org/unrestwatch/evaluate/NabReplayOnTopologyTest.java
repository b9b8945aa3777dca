package org.unrestwatch.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.rules.FileRulesSource;
import org.unrestwatch.detect.DetectionRules;
import org.unrestwatch.testutil.DetectorFixture;
import org.unrestwatch.testutil.TestPosts;
import org.unrestwatch.testutil.TestKeys;

/**
 * One detector, not two: a real NAB series replayed through the real topology as posts (the same
 * count per 5 minutes) opens alerts on exactly the buckets where {@code evaluate} opens them.
 * Grace is 0 here so that each window closes before the next one's first post, the order in
 * which {@code evaluate} processes buckets; the rules are otherwise the shipped configuration.
 */
class NabReplayOnTopologyTest {
    // In-memory stores: TopologyTestDriver commits, and so flushes RocksDB to disk, after every record,
    // which makes 65,000 posts take minutes. The same stores on RocksDB are covered by the other tests.
    private static final Map<String, String> NO_GRACE = Map.of("window.grace", "0s", "alerts.pseudonym.key", TestKeys.PSEUDONYM,
            "state.store.type", "in_memory");

    @Test
    void topologyOpensAlertsOnTheBucketsEvaluateFlags() {
        NabSeries series = NabSeries.read(Path.of("src/test/resources/nab/Twitter_volume_IBM.csv"));
        DetectionRules rules = FileRulesSource.rulesFrom(DetectorConfig.of(Path.of("config"), NO_GRACE));
        Set<Long> expected = new TreeSet<>();
        for (OnlineEvaluator.Row row : new OnlineEvaluator(rules).run(series)) {
            if (row.alert()) {
                expected.add(rules.windowStartOf(row.timestamp()));
            }
        }
        assertTrue(expected.size() >= 3, "the series should raise alerts to compare: " + expected.size());

        Set<Long> opened = new TreeSet<>();
        int novelRuns = 0;
        long window = rules.windowMs();
        try (DetectorFixture f = new DetectorFixture(Instant.parse("2015-05-01T00:00:00Z"), NO_GRACE)) {
            for (int i = 0; i < series.size(); i++) {
                long start = rules.windowStartOf(series.timestamps()[i]);
                long n = series.values()[i];
                for (long j = 0; j < n; j++) {
                    f.send(TestPosts.post("b" + i + "-" + j, start + j * window / (n + 1), OnlineEvaluator.accountId(start, j),
                            "dharna").region("PK-PB"));
                }
                for (KeyValue<String, Alert> kv : f.alerts.readKeyValuesToList()) {
                    org.junit.jupiter.api.Assertions.assertEquals(List.of(), org.unrestwatch.testutil.AlertNumbers.disagreements(kv.value),
                            "every number adds up");
                    if (kv.value.status() == AlertStatus.OPEN) {
                        opened.add(Instant.parse(kv.value.window().start()).toEpochMilli());
                        novelRuns += Alert.Trigger.NOVEL_RUN.equals(kv.value.trigger().test()) ? 1 : 0;
                    }
                }
            }
        }
        assertEquals(expected, opened);
        // Issue #24: under fusion some stories are opened by the novelty test alone, and their words add up too.
        assertTrue(novelRuns >= 1, "no story of the series was opened by a novel run");
    }
}
