package org.unrestwatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.unrestwatch.app.Detector;
import org.unrestwatch.app.TopicAdmin;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.config.PseudonymKey;

/**
 * Reader (c): the full detector with its default configuration (exactly-once), over the same
 * backlog. Measured until {@code unrest.posts.consumed} reaches the number of posts; then, once
 * the region stage has caught up, it reads how many posts were dropped as late and how many
 * records went through the repartition topics.
 */
final class DetectorRun {
    /** How long the stages behind the repartition topics may take to catch up after parsing is done. */
    static final Duration DRAIN_LIMIT = Duration.ofMinutes(2);

    record Result(double postsPerSecond, long lateDropped, long repartitionRecords, double heapPeakMb, boolean drained) {
    }

    private DetectorRun() {
    }

    /**
     * The detector's configuration for a benchmark phase: the config directory and the user's
     * {@code --set}, with only what the benchmark must own forced on top (broker, topics,
     * application id, state directory). Like {@code DetectorConfig.of}, the environment is ignored.
     */
    static DetectorConfig config(Path configDir, Map<String, String> userSettings, String bootstrap, String applicationId,
                                 String postsTopic, Path stateDir) {
        Map<String, String> s = new HashMap<>();
        s.put("http.port", "0");
        s.put("alerts.pseudonym.key", PseudonymKey.random());
        s.put("topic.retention", "-1");
        s.putAll(userSettings);
        s.put("kafka.bootstrap.servers", bootstrap);
        s.put("application.id", applicationId);
        s.put("topic.posts", postsTopic);
        s.put("topic.alerts", applicationId + "-alerts");
        s.put("topic.dlq", applicationId + "-posts.dlq");
        s.put("state.dir", stateDir.toString());
        return DetectorConfig.of(configDir, s);
    }

    static Result run(DetectorConfig config, Admin admin, long n) throws InterruptedException, ExecutionException {
        TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
        try (HeapSampler heap = new HeapSampler(); Detector detector = new Detector(config)) {
            var registry = detector.registry();
            double rate;
            try (ProgressLine progress = ProgressLine.start("(c) detector", () -> DetectorMeters.consumed(registry), n)) {
                long t0 = System.nanoTime();
                detector.start();
                Await.count("the detector", () -> DetectorMeters.consumed(registry), n, Duration.ofMinutes(2),
                        () -> NaiveStreamsRun.failure(detector.streams()));
                rate = n / ((System.nanoTime() - t0) / 1e9);
            }
            boolean drained;
            String applicationId = config.get("application.id");
            try (ProgressLine progress = ProgressLine.start("(c) draining", () -> DetectorMeters.settled(registry), n,
                    () -> "region stage catching up with parsing")) {
                drained = awaitDrained(detector, admin, applicationId, n);
            }
            return new Result(rate, DetectorMeters.lateDropped(registry), BenchTopics.repartitionEndOffsets(admin, applicationId),
                    heap.peakMb(), drained);
        }
    }

    /**
     * Until the region stage has settled every consumed post and the repartition topics' end
     * offsets stood still for a second (the last commit flushed); false if {@link #DRAIN_LIMIT} passed first.
     */
    private static boolean awaitDrained(Detector detector, Admin admin, String applicationId, long n) throws InterruptedException {
        long[] last = {-1};
        long[] stableSince = {System.nanoTime()};
        return Await.until(() -> {
            if (DetectorMeters.settled(detector.registry()) < n) {
                return false;
            }
            long ends;
            try {
                ends = BenchTopics.repartitionEndOffsets(admin, applicationId);
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot read repartition offsets: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
            if (ends != last[0]) {
                last[0] = ends;
                stableSince[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - stableSince[0] >= Duration.ofSeconds(1).toNanos();
        }, DRAIN_LIMIT, 200);
    }
}
