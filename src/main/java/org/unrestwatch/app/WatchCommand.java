package org.unrestwatch.app;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertFilter;
import org.unrestwatch.alert.AlertJson;
import org.unrestwatch.alert.AlertType;
import org.unrestwatch.alert.Severity;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.streams.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Follows the alerts for a person at a terminal: the open stories first, then each change as it happens. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Print the open alert stories, then follow the alerts as they change, until Ctrl-C.",
            "Stories come from the compacted alert state topic, changes from the alerts topic (committed records",
            "only). The cluster is read from KAFKA_BOOTSTRAP_SERVERS, --set or",
            "config/detector.properties, as for 'run'. Colour by severity unless NO_COLOR is set or the output is not a terminal."})
public final class WatchCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--region", paramLabel = "CODE", description = "Only this region (ISO 3166-2 code, e.g. PK-PB); repeatable.")
    List<String> regions = List.of();

    @Option(names = "--min-severity", paramLabel = "SEVERITY", defaultValue = "LOW",
            description = "Only alerts at least this severe: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Severity minSeverity;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only this type: ${COMPLETION-CANDIDATES}; repeatable.")
    List<AlertType> types = List.of();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (a line or two per alert, for people) or json (one alert per line, for scripts) (default: ${DEFAULT-VALUE}).")
    String output;

    @Mixin
    ConnectOptions connect;

    @Override
    public Integer call() throws InterruptedException {
        if (!output.equals("table") && !output.equals("json")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "-o must be table or json, not '" + output + "'");
        }
        DetectorConfig config = options.load();
        checkRegions(config);
        Duration timeout = connect.timeout();
        TopicAdmin.checkReachable(config, timeout);
        Topics topics = Topics.from(config);
        AlertFollower follower = new AlertFollower(client(config), filter());
        PrintStream out = System.out;
        boolean colour = output.equals("table") && System.console() != null && System.getenv("NO_COLOR") == null;

        var from = follower.endOf(topics.alerts().name(), timeout);
        List<Alert> open = follower.openStories(topics.alertState().name(), timeout);
        // An alert written between the two reads is in both: print each story version once.
        Map<String, Integer> printed = new HashMap<>();
        open.forEach(a -> printed.put(a.alertId(), a.version() == null ? 0 : a.version()));
        if (output.equals("table")) {
            System.err.printf("%d open stor%s at %s; following %s (Ctrl-C to stop)%n", open.size(), open.size() == 1 ? "y" : "ies",
                    config.bootstrapServers(), topics.alerts().name());
        }
        open.forEach(a -> print(a, out, colour));

        // Ctrl-C: the hook asks the feed to stop and waits until its consumer has closed.
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        Thread hook = new Thread(() -> {
            stopping.set(true);
            try {
                stopped.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            follower.follow(topics.alerts().name(), from, timeout, () -> !stopping.get(), () -> { }, a -> {
                if (a.version() == null || a.version() > printed.getOrDefault(a.alertId(), 0)) {
                    printed.put(a.alertId(), a.version() == null ? 0 : a.version());
                    print(a, out, colour);
                }
            });
            Thread.interrupted(); // an interrupt is a request to stop (embedding callers), answered by stopping
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is what stopped us
            }
        }
        return 0;
    }

    /** A region code the detector does not know would filter out every alert, silently. */
    private void checkRegions(DetectorConfig config) {
        org.unrestwatch.region.RegionCatalog catalog = org.unrestwatch.region.RegionCatalog.load(config.file("regions.file"));
        Set<String> known = new java.util.TreeSet<>();
        catalog.regions().forEach(r -> known.add(r.code()));
        known.add(org.unrestwatch.region.Region.UNKNOWN.code());
        for (String code : filter().regions()) {
            if (!known.contains(code)) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--region " + code
                        + " is not a region of " + config.file("regions.file") + "; known: " + String.join(", ", known));
            }
        }
    }

    private AlertFilter filter() {
        Set<String> codes = new LinkedHashSet<>();
        regions.forEach(r -> codes.add(r.trim().toUpperCase(java.util.Locale.ROOT)));
        return new AlertFilter(codes, minSeverity, types.isEmpty() ? Set.of() : EnumSet.copyOf(types));
    }

    private static Map<String, Object> client(DetectorConfig config) {
        Map<String, Object> props = new HashMap<>(config.kafkaSettings());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return props;
    }

    private void print(Alert a, PrintStream out, boolean colour) {
        if (output.equals("json")) {
            out.println(new String(AlertJson.toBytes(a), StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        String on = !colour ? "" : switch (a.severity()) {
            case LOW -> "";
            case MEDIUM -> "\u001b[33m";
            case HIGH -> "\u001b[31m";
            case CRITICAL -> "\u001b[1;31m";
        };
        out.print(on);
        AlertWatcher.print(a, out);
        if (!on.isEmpty()) {
            out.print("\u001b[0m");
            out.flush();
        }
    }
}
