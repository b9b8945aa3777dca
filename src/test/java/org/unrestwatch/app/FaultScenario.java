package org.unrestwatch.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.scenario.ScenarioGenerator;
import org.unrestwatch.scenario.ScenarioRecord;
import org.unrestwatch.testutil.AlertIdentity;
import org.unrestwatch.testutil.ReferenceRun;

/**
 * One scenario for the fault tests, with what an uninterrupted run makes of it (the reference
 * run) and the settings shared by the detector under test and the reference, so that the alerts
 * compare equal: the same pseudonym key above all.
 *
 * <p>The fault tests are tagged {@code faults} (together about two minutes and a half on two
 * cores): {@code mvn test -DexcludedGroups=faults} leaves them out, {@code -Dgroups=faults} runs
 * only them.
 */
final class FaultScenario {

    final List<ScenarioRecord> records;
    final Instant surgeStart;
    /** The reference run's alerts by region, in order (see {@link AlertIdentity#byRegion}). */
    final Map<String, List<String>> expected;
    final int expectedCount;

    private static FaultScenario shared;

    /** One scenario and reference run for all the fault tests in this JVM (the reference run takes seconds). */
    static synchronized FaultScenario shared() {
        if (shared == null) {
            shared = new FaultScenario(23);
        }
        return shared;
    }

    private FaultScenario(long seed) {
        Instant start = RealBrokerSupport.recentStart();
        records = new ScenarioGenerator(seed, start).generate();
        surgeStart = ScenarioGenerator.surgeStart(start);
        List<Alert> reference = ReferenceRun.alerts(records, Instant.now(), Map.of());
        expected = AlertIdentity.byRegion(reference);
        expectedCount = reference.size();
        if (!expected.keySet().containsAll(ScenarioGenerator.SURGE_REGIONS)) {
            throw new IllegalStateException("the reference run should alert in every surging region: " + expected.keySet());
        }
    }

    /** How many records come before {@code sinceSurgeStart} into the surge. */
    int countBefore(Duration sinceSurgeStart) {
        long cut = surgeStart.plus(sinceSurgeStart).toEpochMilli();
        return (int) records.stream().filter(r -> r.eventTimeMs() < cut).count();
    }

    /** {@link RealBrokerSupport#settings}, with failover timeouts for kills, {@code extra} on top. */
    static Map<String, String> settings(String name, String bootstrap, Path stateDir, Map<String, String> extra) {
        Map<String, String> s = RealBrokerSupport.settings("fault-" + name, bootstrap, stateDir);
        // A killed member is noticed after 6 s (the broker's minimum) instead of the default 45 s:
        // until then the group waits for it, and a restarted or surviving instance gets no task.
        s.put("kafka.session.timeout.ms", "6000");
        s.put("kafka.heartbeat.interval.ms", "1500");
        // A killed instance's open transaction holds back what read_committed readers (the region
        // stage among them) may read until the broker aborts it: after this timeout (Streams sets
        // 10 s under exactly-once), at the broker's next check (every 10 s by default).
        s.put("kafka.transaction.timeout.ms", "5000");
        s.putAll(extra);
        return s;
    }

    /** The settings as the detector reads them (to create topics, to produce). */
    static DetectorConfig config(Map<String, String> settings) {
        return DetectorConfig.of(Path.of("config"), settings);
    }
}
