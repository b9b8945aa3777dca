package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.scenario.ScenarioGenerator;
import org.unrestwatch.scenario.ScenarioRecord;
import org.unrestwatch.testutil.AlertIdentity;
import org.unrestwatch.testutil.ReferenceRun;

/**
 * Catching up on a backlog loses nothing: ten days of scenario posts (forty scenarios back to back,
 * each with its own seed), all produced into three partitions before the detector starts, read as
 * fast as it can. No post is dropped as late, and the alerts are exactly those of the reference
 * run, which takes the same posts one at a time.
 */
class BackfillTest {
    private static final int SCENARIOS = 40; // 40 x 6 h = 10 days

    @TempDir
    Path state;

    @Test
    void tenDaysOfBacklogOnThreePartitionsGiveTheReferenceAlertsAndDropNothing() throws Exception {
        Duration each = ScenarioGenerator.totalDuration();
        Instant first = RealBrokerSupport.recentStart().minus(each.multipliedBy(SCENARIOS - 1));
        List<ScenarioRecord> records = new ArrayList<>();
        for (int i = 0; i < SCENARIOS; i++) {
            records.addAll(new ScenarioGenerator(1000 + i, first.plus(each.multipliedBy(i))).generate());
        }
        assertTrue(records.get(records.size() - 1).eventTimeMs() - records.get(0).eventTimeMs() >= Duration.ofDays(10).minusHours(1).toMillis());
        long t0 = System.nanoTime();
        List<Alert> referenceAlerts = ReferenceRun.alerts(records, Instant.now(), Map.of());
        System.out.printf("reference run: %d posts, %d alerts in %.1f s%n", records.size(), referenceAlerts.size(), (System.nanoTime() - t0) / 1e9);
        assertTrue(referenceAlerts.stream().filter(a -> a.status() == AlertStatus.OPEN).count() >= SCENARIOS,
                "the reference run opens a story in most scenarios");

        DetectorConfig config = RealBrokerSupport.config("backfill", state, Map.of("topic.partitions", "3"));
        TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
        RealBrokerSupport.produce(config, records, 0);
        try (Detector detector = new Detector(config)) {
            long start = System.nanoTime();
            detector.start();
            assertTrue(RealBrokerSupport.awaitConsumed(detector, records.size(), Duration.ofMinutes(3)), "the backlog is read");
            System.out.printf("backfill: %d posts read in %.1f s%n", records.size(), (System.nanoTime() - start) / 1e9);
            List<Alert> alerts = RealBrokerSupport.readAlerts(config.get("topic.alerts"), referenceAlerts.size(), Duration.ofMinutes(2));
            assertEquals(0.0, RealBrokerSupport.lateDropped(detector), "posts dropped as late");
            assertEquals(AlertIdentity.byRegion(referenceAlerts), AlertIdentity.byRegion(alerts), "the reference run's alerts");
        }
    }
}
