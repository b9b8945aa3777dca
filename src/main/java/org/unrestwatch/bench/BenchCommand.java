package org.unrestwatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.unrestwatch.app.EmbeddedKafka;
import org.unrestwatch.config.DetectorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench}: on one embedded broker, in one run, how fast the detector reads a backlog of posts
 * compared with a plain consumer and a naive Kafka Streams app, what it costs (posts dropped as
 * late, repartition traffic, heap), and how soon a surge becomes an alert on live traffic.
 * A measurement, not a check: it exits 0 whatever the figures are.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the detector on an embedded broker, in one run.",
            "Throughput against a plain consumer and a naive Kafka Streams app over the same posts, posts dropped as late,"
                + " repartition records, heap, and alert latency on live traffic. Progress goes to standard error, results"
                + " to standard output. See docs/performance.md."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--posts", defaultValue = "1000000", description = "Posts in the throughput backlog (default: ${DEFAULT-VALUE}).")
    long posts;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the posts topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--accounts", defaultValue = "100000", description = "Accounts posting the backlog (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--latency-seconds", defaultValue = "60", description = "Duration of the live traffic in the latency phase (default: ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--latency-rate", defaultValue = "5000", description = "Live posts per second in the latency phase (default: ${DEFAULT-VALUE}).")
    int latencyRate;

    @Option(names = "--skip-latency", description = "Skip the latency phase (its figures are then null).")
    boolean skipLatency;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as a JSON object to FILE.")
    Path json;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated posts (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--config-dir", defaultValue = "config", paramLabel = "DIR",
            description = "Detector configuration directory (default: ${DEFAULT-VALUE}); the environment is not read, so runs compare.")
    Path configDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a detector setting for phases (c) and (d), e.g. kafka.processing.guarantee=at_least_once; repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        validate();
        // Fail on a bad --set before minutes of producing, not after.
        DetectorConfig.of(configDir, settings);
        Path work = Files.createTempDirectory("unrest-bench-");
        Thread cleanup = new Thread(() -> deleteQuietly(work), "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            BenchReport report = run(work);
            report.printTable(out);
            if (json != null) {
                report.writeJson(json);
                out.println("\nwrote " + json);
            }
            return 0;
        } finally {
            deleteQuietly(work);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private BenchReport run(Path work) throws Exception {
        out.printf(Locale.ROOT, "bench: %,d posts from %,d accounts, %d partitions; %d cores, max heap %,d MB%n", posts, accounts,
                partitions, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        out.println("starting an embedded Kafka broker (KRaft, single node) in this JVM ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            String bootstrap = kafka.bootstrapServers();
            String postsTopic = "bench-posts";
            BenchTopics.createPostsTopic(admin, postsTopic, partitions);

            long t0 = System.nanoTime();
            long produced = BacklogPosts.produce(bootstrap, postsTopic, posts, accounts, seed);
            out.printf(Locale.ROOT, "produced %,d posts (event times over the last %d h) in %.1f s%n", produced,
                    BacklogPosts.SPAN.toHours(), (System.nanoTime() - t0) / 1e9);

            double plain = PlainConsumerRun.postsPerSecond(bootstrap, postsTopic, posts);
            out.printf(Locale.ROOT, "(a) plain consumer:   %,12.0f posts/s%n", plain);

            double naive = NaiveStreamsRun.postsPerSecond(bootstrap, postsTopic, posts, "bench-naive", work.resolve("state-naive"));
            out.printf(Locale.ROOT, "(b) naive streams:    %,12.0f posts/s%n", naive);

            DetectorConfig detectorConfig = DetectorRun.config(configDir, settings, bootstrap, "bench-detector", postsTopic,
                    work.resolve("state-detector"));
            DetectorRun.Result detector = DetectorRun.run(detectorConfig, admin, posts);
            out.printf(Locale.ROOT, "(c) detector:         %,12.0f posts/s (%s); %,d dropped as late%s%n", detector.postsPerSecond(),
                    detectorConfig.kafkaSettings().getOrDefault("processing.guarantee", "exactly_once_v2"),
                    detector.lateDropped(), detector.drained() ? ""
                            : "; NOT drained after " + DetectorRun.DRAIN_LIMIT.toSeconds() + " s: late and repartition counts are lower bounds");

            LatencyRun.Result latency = null;
            if (!skipLatency) {
                DetectorConfig latencyConfig = DetectorRun.config(configDir, settings, bootstrap, "bench-latency",
                        "bench-latency-posts", work.resolve("state-latency"));
                latency = new LatencyRun(bootstrap, admin, latencyConfig, partitions, latencyRate,
                        Duration.ofSeconds(latencySeconds), accounts, seed + 1).run();
                printLatency(latency);
            }
            return new BenchReport(posts, partitions, plain, naive, detector.postsPerSecond(), detector.lateDropped(),
                    1000.0 * detector.repartitionRecords() / posts,
                    latency == null ? null : latency.p50(), latency == null ? null : latency.p99(),
                    latency == null ? 0 : latency.samples().size(), detector.heapPeakMb());
        }
    }

    private void printLatency(LatencyRun.Result r) {
        out.printf(Locale.ROOT, "(d) latency: history %,d posts (%,d dropped as late); live %,d posts in %.1f s (%,.0f/s); "
                        + "%d surges, latency samples %d%n", r.historyPosts(), r.historyLateDropped(), r.livePosts(), r.liveSeconds(),
                r.livePosts() / r.liveSeconds(), r.surges(), r.samples().size());
        r.samples().forEach(sample -> out.println("    " + sample));
        if (r.noOpenAlert() > 0) {
            out.printf(Locale.ROOT, "    %d surged province(s) got no OPEN alert in time%n", r.noOpenAlert());
        }
        if (r.notAttributable() > 0) {
            out.printf(Locale.ROOT, "    %d OPEN alert(s) not attributable to a live post (observed beyond the posts produced, or within the history)%n",
                    r.notAttributable());
        }
        if (r.unexpectedOpen() > 0) {
            out.printf(Locale.ROOT, "    %d OPEN alert(s) in provinces without a surge%n", r.unexpectedOpen());
        }
        if (r.lateDroppedTotal() > r.historyLateDropped()) {
            out.printf(Locale.ROOT, "    %,d live posts dropped as late%n", r.lateDroppedTotal() - r.historyLateDropped());
        }
    }

    private void validate() {
        if (posts < 1 || partitions < 1 || accounts < 1 || latencySeconds < 1 || latencyRate < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--posts, --partitions, --accounts, --latency-seconds and --latency-rate must be at least 1");
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // already gone: nothing to clean
        }
    }
}
