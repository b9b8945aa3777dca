package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.scenario.ScenarioRecord;
import org.unrestwatch.testutil.AlertIdentity;

/**
 * The broker stopped and started again (same log directory, same port) while the detector is in
 * the middle of a surge. The detector, a JVM of its own, is left running through the outage and
 * must recover by itself: afterwards a read_committed reader sees exactly the alerts of an
 * uninterrupted run. The broker is this test's own, so that stopping it disturbs no other test.
 */
@Tag("faults")
class BrokerRestartMidStreamTest {
    private static final double PACE = 900;

    @TempDir
    Path dir;

    @Test
    void aDetectorLeftRunningThroughABrokerRestartRaisesExactlyTheReferenceAlerts() throws Exception {
        FaultScenario scenario = FaultScenario.shared();
        long t0 = System.nanoTime();
        Path logDir = dir.resolve("broker");
        int port = EmbeddedKafka.freePort();
        EmbeddedKafka broker = EmbeddedKafka.start(logDir, port, false);
        System.out.printf("TIME broker-restart: broker up at %.1f s%n", secondsSince(t0));
        try {
            String bootstrap = broker.bootstrapServers();
            Map<String, String> settings = FaultScenario.settings("broker-restart", bootstrap, dir.resolve("state"), Map.of());
            DetectorConfig config = FaultScenario.config(settings);
            TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
            // What watch does, following the alerts topic through the outage: its consumer reconnects on its own.
            List<Alert> watched = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean stopWatching = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.CountDownLatch watching = new java.util.concurrent.CountDownLatch(1);
            Thread watcher = new Thread(() -> new AlertFollower(Map.of("bootstrap.servers", bootstrap), org.unrestwatch.alert.AlertFilter.ALL)
                    .follow(config.get("topic.alerts"), Duration.ofSeconds(30), () -> !stopWatching.get(), watching::countDown, watched::add),
                    "watch");
            watcher.start();
            assertTrue(watching.await(30, java.util.concurrent.TimeUnit.SECONDS), "watch started");
            List<ScenarioRecord> records = scenario.records;
            int quietHours = scenario.countBefore(Duration.ZERO);
            int outageAt = scenario.countBefore(Duration.ofMinutes(20));
            RealBrokerSupport.produce(config, records.subList(0, quietHours), 0);

            try (ChildDetector detector = ChildDetector.start("broker-restart", settings)) {
                assertTrue(detector.awaitReady(Duration.ofSeconds(60)), "detector ready\n" + detector.logTail());
                System.out.printf("TIME broker-restart: detector ready at %.1f s%n", secondsSince(t0));
                PacedPosts surge = new PacedPosts(config, records.subList(quietHours, records.size()), PACE);
                assertTrue(detector.awaitConsumed(outageAt, Duration.ofSeconds(60)),
                        "20 minutes into the surge read\n" + detector.logTail());
                // No producing into the outage: the posts producer is not idempotent, and a retried
                // batch written twice would change the alerts for a reason other than the detector.
                int sent = surge.stop();
                long consumedAtStop = detector.consumed();
                System.out.printf("TIME broker-restart: stopping the broker at %.1f s%n", secondsSince(t0));
                broker.close();
                System.out.printf("TIME broker-restart: broker stopped at %.1f s, %d posts read of %d sent%n",
                        secondsSince(t0), consumedAtStop, quietHours + sent);
                // Down until the detector has felt it (its Kafka clients fail to connect), not for a set time.
                assertTrue(Await.until(Duration.ofSeconds(30), Duration.ofMillis(100),
                        () -> detector.logContains("could not be established")), "the detector saw the broker go\n" + detector.logTail());
                broker = EmbeddedKafka.start(logDir, port, false);
                System.out.printf("TIME broker-restart: broker back at %.1f s%n", secondsSince(t0));
                assertTrue(detector.isAlive(), "the detector lived through the outage\n" + detector.logTail());
                surge.sendFrom(broker.bootstrapServers(), sent);

                assertTrue(CommittedOutput.awaitCaughtUp(config, Duration.ofSeconds(90)),
                        "the detector catches up after the outage\n" + detector.logTail());
                System.out.printf("TIME broker-restart: caught up at %.1f s%n", secondsSince(t0));
                List<Alert> alerts = CommittedOutput.alerts(config);
                Map<String, List<String>> actual = AlertIdentity.byRegion(alerts);
                assertTrue(scenario.expected.equals(actual), "the reference run's alerts, none lost, none repeated:\n"
                        + AlertDiff.describe(scenario.expected, actual) + detector.logTail());
                assertEquals(0, detector.lateDropped(), "posts dropped as late");
                assertTrue(Await.until(Duration.ofSeconds(30), Duration.ofMillis(50), () -> watched.size() >= alerts.size()),
                        "watch printed every alert through the outage: " + watched.size() + " of " + alerts.size());
                stopWatching.set(true);
                watcher.join(10_000);
                assertEquals(actual, AlertIdentity.byRegion(watched), "watch saw exactly the committed alerts, through the broker restart");
                System.out.printf("TIME broker-restart: checked at %.1f s%n", secondsSince(t0));
            }
        } finally {
            broker.close();
            System.out.printf("TIME broker-restart: broker closed at %.1f s%n", secondsSince(t0));
            TempDirs.deleteQuietly(logDir);
        }
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
