package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.scenario.ScenarioRecord;
import org.unrestwatch.testutil.AlertIdentity;

/**
 * kill -9 of a detector JVM in the middle of a surge, then a new JVM on the same application id:
 * once with the local state kept, once with it wiped (rebuilt from the changelogs). Either way a
 * read_committed reader sees exactly the alerts of an uninterrupted run: none lost, none repeated.
 *
 * <p>The quiet hours are produced up front; the surge is produced paced (900x event time) while
 * the detector runs, so that the kill lands while it is processing posts of the surge, and the
 * rest of the story is produced at once while it is down.
 */
@Tag("faults")
class DetectorJvmKilledMidSurgeTest {
    private static final double PACE = 900;
    private static FaultScenario scenario;

    @TempDir
    Path state;

    @BeforeAll
    static void referenceRun() {
        scenario = FaultScenario.shared();
    }

    @Test
    void restartedWithItsStateKeptItRaisesExactlyTheReferenceAlerts() throws Exception {
        killMidSurgeThenRestart("kill-kept", false);
    }

    @Test
    void restartedWithItsStateWipedItRaisesExactlyTheReferenceAlerts() throws Exception {
        killMidSurgeThenRestart("kill-wiped", true);
    }

    private void killMidSurgeThenRestart(String name, boolean wipeState) throws Exception {
        long t0 = System.nanoTime();
        String bootstrap = SharedBroker.bootstrap();
        Path stateDir = state.resolve(name);
        Map<String, String> settings = FaultScenario.settings(name, bootstrap, stateDir, Map.of());
        DetectorConfig config = FaultScenario.config(settings);
        TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
        List<ScenarioRecord> records = scenario.records;
        int quietHours = scenario.countBefore(Duration.ZERO);
        int killAt = scenario.countBefore(Duration.ofMinutes(20));
        RealBrokerSupport.produce(config, records.subList(0, quietHours), 0);

        PacedPosts surge;
        try (ChildDetector first = ChildDetector.start(name + "-first", settings)) {
            assertTrue(first.awaitReady(Duration.ofSeconds(60)), "first detector ready\n" + first.logTail());
            System.out.printf("TIME %s: first ready at %.1f s, consumed %d%n", name, secondsSince(t0), first.consumed());
            surge = new PacedPosts(config, records.subList(quietHours, records.size()), PACE);
            // Mid-surge: 20 minutes of it read and the story under way (its first alert committed).
            assertTrue(first.awaitConsumed(killAt, Duration.ofSeconds(60)), "20 minutes into the surge read\n" + first.logTail());
            System.out.printf("TIME %s: 20 min into the surge at %.1f s%n", name, secondsSince(t0));
            try (CommittedOutput.Tail alerts = new CommittedOutput.Tail(config)) {
                assertTrue(Await.until(Duration.ofSeconds(60), Duration.ofMillis(20), () -> !alerts.poll().isEmpty() || !first.isAlive()),
                        "no alert committed\n" + first.logTail());
            }
            assertTrue(first.isAlive(), "the first detector died by itself\n" + first.logTail());
            long consumedAtKill = first.consumed();
            assertEquals(0, first.lateDropped(), "posts dropped as late before the kill");
            assertTrue(consumedAtKill < records.size(), "killed before the last posts were read: " + consumedAtKill);
            first.kill9();
            System.out.printf("TIME %s: killed after about %d of %d posts (kill from %d) at %.1f s%n", name, consumedAtKill,
                    records.size(), killAt, secondsSince(t0));
        }
        int outAtKill = CommittedOutput.alerts(config).size();
        assertTrue(outAtKill > 0 && outAtKill < scenario.expectedCount,
                "killed after the story's first alerts, before its last: " + outAtKill + " of " + scenario.expectedCount);
        if (wipeState) {
            TempDirs.deleteQuietly(stateDir);
            assertFalse(Files.exists(stateDir), "local state wiped");
        }

        try (ChildDetector second = ChildDetector.start(name + "-restarted", settings)) {
            surge.sendRestAtOnce(); // the rest of the story, arriving while the detector is down
            System.out.printf("TIME %s: all produced at %.1f s%n", name, secondsSince(t0));
            assertTrue(second.awaitReady(Duration.ofSeconds(60)), "restarted detector ready\n" + second.logTail());
            System.out.printf("TIME %s: restarted ready at %.1f s%n", name, secondsSince(t0));
            assertTrue(CommittedOutput.awaitCaughtUp(config, Duration.ofSeconds(90)),
                    "the restarted detector catches up\n" + second.logTail());
            System.out.printf("TIME %s: caught up at %.1f s%n", name, secondsSince(t0));
            List<Alert> alerts = CommittedOutput.alerts(config);
            Map<String, List<String>> actual = AlertIdentity.byRegion(alerts);
            assertTrue(scenario.expected.equals(actual), "the reference run's alerts, none lost, none repeated ("
                    + outAtKill + " out at the kill):\n" + AlertDiff.describe(scenario.expected, actual));
            assertEquals(0, second.lateDropped(), "posts dropped as late after the restart");
            List<Alert> uncommitted = CommittedOutput.alerts(config, IsolationLevel.READ_UNCOMMITTED);
            System.out.printf("TIME %s: done at %.1f s; %d alerts committed, %d with aborted ones (%d out at the kill)%n",
                    name, secondsSince(t0), alerts.size(), uncommitted.size(), outAtKill);
        }
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
