package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
 * Two detector JVMs with the same application id share a four-partition posts topic; in the middle
 * of a surge one is killed (kill -9) and the other takes over its tasks: from the changelogs with
 * no standby replica, from its standby copies with one. Either way a read_committed reader sees
 * exactly the alerts of an uninterrupted run.
 */
@Tag("faults")
class SecondInstanceTakesOverTest {
    private static final double PACE = 900;

    @TempDir
    Path state;

    @Test
    void withoutStandbyReplicasTheSurvivorRaisesExactlyTheReferenceAlerts() throws Exception {
        killOneOfTwo("takeover", Map.of());
    }

    @Test
    void withAStandbyReplicaTheSurvivorRaisesExactlyTheReferenceAlerts() throws Exception {
        killOneOfTwo("takeover-standby", Map.of("kafka.num.standby.replicas", "1"));
    }

    private void killOneOfTwo(String name, Map<String, String> extra) throws Exception {
        long t0 = System.nanoTime();
        FaultScenario scenario = FaultScenario.shared();
        String bootstrap = SharedBroker.bootstrap();
        Map<String, String> shared = new HashMap<>(extra);
        shared.put("topic.partitions", "4");
        Map<String, String> settingsA = FaultScenario.settings(name, bootstrap, state.resolve("a"), shared);
        Map<String, String> settingsB = FaultScenario.settings(name, bootstrap, state.resolve("b"), shared);
        DetectorConfig config = FaultScenario.config(settingsA);
        TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
        List<ScenarioRecord> records = scenario.records;
        int quietHours = scenario.countBefore(Duration.ZERO);
        int killAt = scenario.countBefore(Duration.ofMinutes(20));
        RealBrokerSupport.produce(config, records.subList(0, quietHours), 0);

        try (ChildDetector a = ChildDetector.start(name + "-a", settingsA);
             ChildDetector b = ChildDetector.start(name + "-b", settingsB)) {
            assertTrue(a.awaitReady(Duration.ofSeconds(60)), "instance a ready\n" + a.logTail());
            assertTrue(b.awaitReady(Duration.ofSeconds(60)), "instance b ready\n" + b.logTail());
            System.out.printf("TIME %s: both ready at %.1f s%n", name, secondsSince(t0));
            PacedPosts surge = new PacedPosts(config, records.subList(quietHours, records.size()), PACE);
            try (CommittedOutput.Tail alerts = new CommittedOutput.Tail(config)) {
                // Mid-surge, both at work: 20 minutes of it read between them, each reading posts,
                // and the story under way (its first alert committed).
                assertTrue(Await.until(Duration.ofSeconds(60), Duration.ofMillis(20), () -> !a.isAlive() || !b.isAlive()
                        || a.consumed() + b.consumed() >= killAt && a.consumed() > 0 && b.consumed() > 0 && !alerts.poll().isEmpty()),
                        "never got 20 minutes into the surge with both instances reading\n" + a.logTail() + "\n" + b.logTail());
            }
            assertTrue(a.isAlive() && b.isAlive(), "both instances alive before the kill\n" + a.logTail() + "\n" + b.logTail());
            long readByA = a.consumed();
            assertEquals(0, a.lateDropped(), "posts dropped as late by the instance to be killed");
            a.kill9();
            int outAtKill = CommittedOutput.alerts(config).size();
            System.out.printf("TIME %s: a killed at %.1f s after reading %d posts (b %d), %d alerts out%n", name, secondsSince(t0),
                    readByA, b.consumed(), outAtKill);
            assertTrue(outAtKill < scenario.expectedCount, "killed before the story's last alert: " + outAtKill);
            surge.sendRestAtOnce(); // the rest of the story, arriving while b takes over

            assertTrue(CommittedOutput.awaitCaughtUp(config, Duration.ofSeconds(90)), "the survivor catches up\n" + b.logTail());
            System.out.printf("TIME %s: caught up at %.1f s%n", name, secondsSince(t0));
            List<Alert> alerts = CommittedOutput.alerts(config);
            Map<String, List<String>> actual = AlertIdentity.byRegion(alerts);
            assertTrue(scenario.expected.equals(actual), "the reference run's alerts, none lost, none repeated ("
                    + outAtKill + " out at the kill):\n" + AlertDiff.describe(scenario.expected, actual) + b.logTail());
            assertEquals(0, b.lateDropped(), "posts dropped as late by the survivor");
        }
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
