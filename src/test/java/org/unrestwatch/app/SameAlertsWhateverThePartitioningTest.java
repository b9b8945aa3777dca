package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.scenario.ScenarioGenerator;
import org.unrestwatch.scenario.ScenarioRecord;
import org.unrestwatch.testutil.AlertIdentity;
import org.unrestwatch.testutil.HostileRecords;
import org.unrestwatch.testutil.ReferenceRun;

/**
 * The alerts are a function of the posts alone. The same scenario on the real broker with one and
 * with four posts partitions, paced in event time (600x) and produced in full before the detector
 * starts (read as fast as it can), gives exactly the alerts of the reference run: same ids,
 * statuses, severities, counts, evidence and scores, in the same order per region.
 */
class SameAlertsWhateverThePartitioningTest {
    @TempDir
    Path state;

    private record Run(String name, int partitions, boolean paced, List<ScenarioRecord> records) {
    }

    /** The scenario with {@code n} hostile records (the fuzz test's kinds) spread among it, keyed at random. */
    private static List<ScenarioRecord> withHostileRecords(List<ScenarioRecord> records, int n) {
        List<byte[]> valid = records.stream().filter(r -> !r.malformed()).map(ScenarioRecord::value).toList();
        List<HostileRecords.Hostile> hostile = new HostileRecords(17, valid).generate(n);
        java.util.Random random = new java.util.Random(17);
        List<ScenarioRecord> out = new ArrayList<>(records);
        for (HostileRecords.Hostile h : hostile) {
            int at = random.nextInt(out.size() + 1);
            long time = out.get(Math.min(at, out.size() - 1)).eventTimeMs();
            out.add(at, new ScenarioRecord(time, "hostile-" + random.nextInt(10_000), h.value(), true));
        }
        return out;
    }

    @Test
    void oneOrFourPartitionsPacedOrAllAtOnceGiveTheReferenceAlerts() throws Exception {
        Instant start = RealBrokerSupport.recentStart();
        List<ScenarioRecord> records = new ScenarioGenerator(7, start).generate();
        long t0 = System.nanoTime();
        Map<String, List<String>> reference = AlertIdentity.byRegion(ReferenceRun.alerts(records, Instant.now(), Map.of()));
        System.out.println("TIME reference " + (System.nanoTime() - t0) / 1e9);
        int expectedAlerts = reference.values().stream().mapToInt(List::size).sum();
        assertTrue(reference.keySet().containsAll(ScenarioGenerator.SURGE_REGIONS), "the reference run alerts: " + reference.keySet());

        // The four-partition backlog also carries 5,000 hostile records: read at full speed across
        // partitions, they must change nothing but the dead-letter topic.
        List<Run> runs = List.of(new Run("p1-paced", 1, true, records), new Run("p4-paced", 4, true, records),
                new Run("p1-fast", 1, false, records), new Run("p4-fast-hostile", 4, false, withHostileRecords(records, 5_000)));
        List<DetectorConfig> configs = new ArrayList<>();
        for (Run run : runs) {
            DetectorConfig config = RealBrokerSupport.config("same-" + run.name(), state.resolve(run.name()),
                    Map.of("topic.partitions", Integer.toString(run.partitions())));
            TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
            if (!run.paced()) {
                RealBrokerSupport.produce(config, run.records(), 0); // a backlog, waiting before the detector starts
            }
            configs.add(config);
        }
        System.out.println("TIME topics+produce " + (System.nanoTime() - t0) / 1e9);
        List<Detector> detectors = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            for (DetectorConfig config : configs) {
                Detector detector = new Detector(config);
                detectors.add(detector);
                detector.start();
            }
            for (Detector detector : detectors) {
                assertTrue(detector.awaitRunning(Duration.ofSeconds(60)), "streams running");
            }
            System.out.println("TIME running " + (System.nanoTime() - t0) / 1e9);
            List<Future<?>> sending = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                if (runs.get(i).paced()) {
                    DetectorConfig config = configs.get(i);
                    List<ScenarioRecord> sent = runs.get(i).records();
                    sending.add(senders.submit(() -> RealBrokerSupport.produce(config, sent, 600)));
                }
            }
            for (Future<?> f : sending) {
                f.get();
            }
            for (int i = 0; i < runs.size(); i++) {
                List<Alert> alerts = RealBrokerSupport.readAlerts(configs.get(i).get("topic.alerts"), expectedAlerts,
                        Duration.ofSeconds(120));
                System.out.println("TIME read " + i + " " + (System.nanoTime() - t0) / 1e9);
                assertEquals(reference, AlertIdentity.byRegion(alerts), runs.get(i) + ": the reference run's alerts");
                for (Alert a : alerts) { // every number adds up on the real broker too, whatever the partitioning and pacing
                    assertEquals(List.of(), org.unrestwatch.testutil.AlertNumbers.disagreements(a), runs.get(i) + ": " + a.summary());
                }
                assertEquals(0.0, RealBrokerSupport.lateDropped(detectors.get(i)), runs.get(i) + ": posts dropped as late");
                long bad = runs.get(i).records().stream().filter(ScenarioRecord::malformed).count();
                double rejected = detectors.get(i).registry().find("unrest.posts.rejected").counters().stream()
                        .mapToDouble(c -> c.count()).sum();
                assertEquals(bad, (long) rejected, runs.get(i).name() + ": every bad record dead-lettered, nothing else");
            }
        } finally {
            senders.shutdownNow();
            detectors.forEach(Detector::close);
        }
    }
}
