package org.unrestwatch.app;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.unrestwatch.streams.Topics;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.config.PseudonymKey;
import org.unrestwatch.scenario.ScenarioGenerator;
import org.unrestwatch.scenario.ScenarioRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The one-command demo: a real KRaft broker in this JVM, the topics, the detector, and the scenario
 * replayed at high speed; alerts are printed as they arrive on the alerts topic.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start an embedded Kafka broker, the detector and the scenario replay; print alerts as they fire.",
            "Ctrl-C stops everything. With --to-end it exits after the scenario with a summary."})
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--to-end", description = "Run the scenario to the end, print a summary and exit (0 = every alert story opened and resolved).")
    boolean toEnd;

    @Option(names = "--seed", defaultValue = "42", description = "Scenario seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--speed", defaultValue = "360", description = "Event seconds per wall second (default: ${DEFAULT-VALUE}: the 6-hour story in about 60 s).")
    double speed;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Broker port; a free one is used if it is taken or 0 (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    private final PrintStream out = System.out;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean stopping;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        DetectorConfig base = options.load();
        boolean generatedKey = base.get("alerts.pseudonym.key").isEmpty() && !base.getBoolean("alerts.raw.account.ids");
        if (generatedKey) {
            base = base.with(Map.of("alerts.pseudonym.key", PseudonymKey.random()));
        }
        // Lexicon, regions, gazetteer and key are checked before a broker starts or a topic exists.
        Detector.Prepared prepared = Detector.Prepared.from(base);
        Path work = Files.createTempDirectory("unrest-demo-");
        out.println("unrest-detector demo: a real Kafka broker, the detector, and a replay of the scenario");
        out.println("(Pakistan, after a blasphemy-case ruling: quiet chatter, then a surge in Punjab, Sindh and Islamabad, then calm)");
        out.println();

        int port = kafkaPort != 0 && isFree(kafkaPort) ? kafkaPort : EmbeddedKafka.freePort();
        out.printf("starting Kafka (KRaft, single node) on localhost:%d ...%n", port);
        EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), port, true);
        out.printf("  ready after %.1f s%n", (System.nanoTime() - t0) / 1e9);

        Map<String, String> demo = new HashMap<>();
        demo.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        demo.put("application.id", "unrest-demo");
        demo.put("state.dir", work.resolve("state").toString());
        demo.put("topic.retention", "-1");
        if (!isFree(base.getInt("http.port"))) {
            demo.put("http.port", "0");
        }
        DetectorConfig config = base.with(demo);
        TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
        Detector detector = new Detector(config, prepared);
        detector.start();
        if (!detector.awaitRunning(Duration.ofSeconds(60))) {
            out.println("the detector did not start: " + detector.streams().state());
            detector.close();
            kafka.close();
            return 1;
        }
        String alerts = Topics.from(config).alerts().name();
        out.printf("detector running after %.1f s; metrics: http://localhost:%d/metrics, health: /health, /ready%n",
                (System.nanoTime() - t0) / 1e9, detector.httpPort());
        if (generatedKey) {
            out.println("  (account pseudonyms use a random key for this run: set UNREST_PSEUDONYM_KEY to keep them stable)");
        }
        out.println();
        out.println("watch the same alerts yourself, from another terminal:");
        out.printf("  kcat -C -b %s -t %s -X isolation.level=read_committed -f '%%k %%s\\n'%n", kafka.bootstrapServers(), alerts);
        out.printf("  kafka-console-consumer.sh --bootstrap-server %s --topic %s --from-beginning --isolation-level read_committed --property print.key=true%n",
                kafka.bootstrapServers(), alerts);
        out.println();

        AlertWatcher watcher = new AlertWatcher(kafka.bootstrapServers(), alerts, a -> {
            out.printf("+%5.1fs ", (System.nanoTime() - t0) / 1e9);
            AlertWatcher.print(a, out);
        });
        CountDownLatch done = new CountDownLatch(1);
        Runnable shutdown = () -> {
            if (closed.compareAndSet(false, true)) {
                stopping = true;
                watcher.close();
                detector.close();
                kafka.close();
                TempDirs.deleteQuietly(work);
                done.countDown();
            }
        };
        Thread hook = new Thread(() -> {
            if (!closed.get()) {
                out.println();
                out.println("stopping: closing the detector and the broker");
            }
            shutdown.run();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        Duration story = ScenarioGenerator.totalDuration();
        long window = Duration.ofMinutes(5).toMillis();
        long startMs = System.currentTimeMillis() - story.toMillis() - window;
        Instant start = Instant.ofEpochMilli(startMs - startMs % window);
        List<ScenarioRecord> records = new ScenarioGenerator(seed, start).generate();
        out.printf("replaying %d records (%s of event time) at %.0fx: about %.0f s ...%n", records.size(),
                org.unrestwatch.config.Durations.format(story), speed, story.toSeconds() / speed);
        long sent;
        try (PostReplayer replayer = new PostReplayer(kafka.bootstrapServers(), Topics.from(config).posts().name(), Map.of())) {
            sent = replayer.replay(records, speed, 0, 0, () -> stopping);
        }
        if (stopping) {
            done.await();
            return 130;
        }
        out.printf("+%5.1fs replay finished: %d records sent%n", (System.nanoTime() - t0) / 1e9, sent);
        printSuggestedTerms(detector);
        if (!toEnd) {
            out.println("the detector keeps running; Ctrl-C to stop");
            done.await();
            return 0;
        }
        boolean settled = awaitSettled(detector, watcher, sent, Duration.ofSeconds(60));
        int code = summary(detector, watcher, sent, records, settled);
        Runtime.getRuntime().removeShutdownHook(hook);
        shutdown.run();
        return code;
    }

    /**
     * The terms the detector suggests for the lexicon: each region's best two of its latest window
     * with suggestions, as GET /v1/terms/emerging orders them (newest window, then score). From this
     * instance's copy of the suggestions topic.
     */
    private void printSuggestedTerms(Detector detector) {
        List<org.unrestwatch.alert.TermSuggestion> all = new java.util.ArrayList<>();
        try (var it = detector.streams().store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(
                org.unrestwatch.streams.DetectorTopology.EMERGING_TERMS_STORE,
                org.apache.kafka.streams.state.QueryableStoreTypes.<String, org.unrestwatch.alert.TermSuggestion>keyValueStore())).all()) {
            it.forEachRemaining(kv -> all.add(kv.value));
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            return; // moving or restoring: the API has them
        }
        if (all.isEmpty()) {
            return;
        }
        out.printf("terms suggested for the lexicon (a region's latest; all of them: curl -s localhost:%d/v1/terms/emerging):%n",
                detector.httpPort());
        all.stream().collect(Collectors.groupingBy(t -> t.region().code(), TreeMap::new, Collectors.toList())).forEach((region, terms) ->
                terms.stream().sorted(java.util.Comparator.comparing((org.unrestwatch.alert.TermSuggestion t) -> t.window().end()).reversed()
                                .thenComparing(java.util.Comparator.comparingDouble(org.unrestwatch.alert.TermSuggestion::score).reversed())).limit(2)
                        .forEach(t -> out.printf("  %-6s '%s': %d posts in the window %s vs %.1f expected (score %.2f); promote: %s%n",
                                region, t.term(), t.count(), t.window().start().substring(11, 16) + "-" + t.window().end().substring(11, 16) + "Z",
                                t.expected(), t.score(), t.promote())));
    }

    /** Until every record was consumed and every opened story resolved, or the time runs out. */
    private static boolean awaitSettled(Detector detector, AlertWatcher watcher, long sent, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            double consumed = detector.registry().get("unrest.posts.consumed").counter().count();
            List<Alert> seen = watcher.seen();
            long open = seen.stream().filter(a -> a.status() == AlertStatus.OPEN).count();
            long resolved = seen.stream().filter(a -> a.status() == AlertStatus.RESOLVED).count();
            if (consumed >= sent && open > 0 && open == resolved) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private int summary(Detector detector, AlertWatcher watcher, long sent, List<ScenarioRecord> records, boolean settled) {
        double consumed = detector.registry().get("unrest.posts.consumed").counter().count();
        double rejected = detector.registry().find("unrest.posts.rejected").counters().stream().mapToDouble(c -> c.count()).sum();
        List<Alert> seen = watcher.seen();
        out.println();
        out.println("summary");
        out.printf("  records sent %d, consumed %.0f, valid posts %.0f, rejected to %s %.0f (malformed in the scenario: %d)%n",
                sent, consumed, consumed - rejected, detector.parts().topics().deadLetter().name(), rejected,
                records.stream().filter(ScenarioRecord::malformed).count());
        Map<String, Map<String, Long>> byRegion = new TreeMap<>();
        for (Alert a : seen) {
            byRegion.computeIfAbsent(a.region().code() + " " + a.region().name(), k -> new TreeMap<>())
                    .merge(a.status().name(), 1L, Long::sum);
        }
        out.printf("  alerts: %d%n", seen.size());
        byRegion.forEach((region, counts) -> {
            String types = seen.stream().filter(a -> (a.region().code() + " " + a.region().name()).equals(region))
                    .map(a -> a.type().name()).distinct().collect(Collectors.joining(" -> "));
            out.printf("    %-36s %-45s %s%n", region, types, counts);
        });
        if (!settled) {
            out.println("  not every alert story resolved in time");
            return 1;
        }
        return 0;
    }

    static boolean isFree(int port) {
        if (port == 0) {
            return true;
        }
        try (ServerSocket s = new ServerSocket(port)) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
