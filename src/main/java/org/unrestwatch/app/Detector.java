package org.unrestwatch.app;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.streams.DetectorParts;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.streams.DetectorTopology;
import org.unrestwatch.streams.errors.ExceptionHandlers;

/**
 * The running detector: Kafka Streams over the topology, its metrics and HTTP endpoint. Exactly
 * once by default; any {@code kafka.*} setting passes through to Streams and its clients. A
 * record that fails goes to the dead-letter topic ({@code streams.errors}); a failing stream
 * thread is the {@link StreamsSupervisor}'s to replace or to declare fatal.
 */
public final class Detector implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Detector.class);
    /** Beside the state, the id of the Kafka cluster it was built on. */
    static final String CLUSTER_MARKER = "unrest-kafka-cluster-id";
    private final DetectorConfig config;
    private final DetectorParts parts;
    private final KafkaStreams streams;
    private final PrometheusMeterRegistry registry;
    private final KafkaStreamsMetrics streamsMetrics;
    private final HttpEndpoint http;
    private final Topology topology;
    private final StreamsSupervisor supervisor;
    private final ScheduledExecutorService watchdog;

    /** Loads every part from {@code config} (files included) and connects. */
    public Detector(DetectorConfig config) {
        this(config, Prepared.from(config));
    }

    /** With parts already loaded and checked, before any topic was touched (see {@code run}). */
    public Detector(DetectorConfig config, Prepared prepared) {
        this.config = config;
        registry = prepared.registry();
        parts = prepared.parts();
        topology = DetectorTopology.build(parts, TopicAdmin.postsPartitions(config, Duration.ofSeconds(30)));
        supervisor = new StreamsSupervisor(config.getInt("streams.max.thread.replacements"),
                config.getDuration("streams.max.not.running"), registry, System::currentTimeMillis);
        // HTTP first: its port, as other instances reach it, is this instance's application.server,
        // which is how an instance knows where to forward a question about a region it does not own.
        http = new HttpEndpoint(config.get("http.bind.address"), config.getInt("http.port"), registry, supervisor);
        try {
            String advertised = config.get("http.advertised.address").trim();
            String self = advertised.isEmpty() ? servedBy(config.get("http.bind.address"), http.port()) : advertised;
            Properties props = streamsProperties(config);
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self);
            ExceptionHandlers.install(props, parts);
            streams = new KafkaStreams(topology, props);
            streams.setUncaughtExceptionHandler(supervisor);
            streams.setStateListener(supervisor);
            String token = config.get("http.auth.token");
            http.route(AlertQueryApi.PATH, new AlertQueryApi(() -> streams.store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(
                    DetectorTopology.ALERT_STORIES_STORE, org.apache.kafka.streams.state.QueryableStoreTypes.<String, Alert>keyValueStore())),
                    token, self));
            http.route(RulesQueryApi.PATH, new RulesQueryApi(parts.ruleBook(), token, self));
            http.route(TermsQueryApi.PATH, new TermsQueryApi(() -> streams.store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(
                    DetectorTopology.EMERGING_TERMS_STORE, org.apache.kafka.streams.state.QueryableStoreTypes.<String,
                            org.unrestwatch.alert.TermSuggestion>keyValueStore())), token, self));
            http.route(RegionQueryApi.PATH, new RegionQueryApi(streams, parts, token, self));
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streams-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleAtFixedRate(supervisor::check, 5, 5, TimeUnit.SECONDS);
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** How this instance names itself in query answers: its host name when it listens on every address. */
    private static String servedBy(String bindAddress, int port) {
        String host = bindAddress;
        if (bindAddress.equals("0.0.0.0") || bindAddress.equals("::")) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = bindAddress;
            }
        }
        return host + ":" + port;
    }

    /** The registry and the parts, loaded from config before anything touches Kafka. */
    public record Prepared(PrometheusMeterRegistry registry, DetectorParts parts) {
        public static Prepared from(DetectorConfig config) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            return new Prepared(registry, DetectorParts.from(config, registry));
        }
    }

    static Properties streamsProperties(DetectorConfig config) {
        Properties p = new Properties();
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.NO_OPTIMIZATION);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 16L * 1024 * 1024);
        // One stream thread per core: the posts stage is CPU-bound per post (parse, match, count)
        // and its tasks (one per posts partition) run in parallel. kafka.num.stream.threads overrides.
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Runtime.getRuntime().availableProcessors());
        p.putAll(config.kafkaSettings());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.get("application.id"));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        if (!config.get("state.dir").isBlank()) {
            p.put(StreamsConfig.STATE_DIR_CONFIG, config.get("state.dir"));
        }
        return p;
    }

    public void start() {
        streams.start();
    }

    /**
     * Local state belongs to one Kafka cluster: its offsets mean nothing on another (a local broker
     * started afresh, a cluster rebuilt), where the global stores' restore fails with offsets out of
     * range. The cluster's id is kept beside the state; on another cluster the state is wiped (it is
     * rebuilt from that cluster's topics) and said so. Call before {@link #start()}.
     */
    public void forgetStateOfAnotherCluster(String clusterId) {
        if (clusterId == null || clusterId.isBlank()) {
            return; // a cluster that names no id: nothing to compare with
        }
        Path dir = Path.of(stateDir(config), config.get("application.id"));
        Path marker = dir.resolve(CLUSTER_MARKER);
        try {
            if (Files.exists(marker)) {
                String before = Files.readString(marker).trim();
                if (!before.equals(clusterId)) {
                    LOG.warn("local state in {} was built on Kafka cluster {}, this is cluster {}: wiping it; it is rebuilt from this"
                            + " cluster's topics", dir, before, clusterId);
                    streams.cleanUp();
                }
            } else if (Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        LOG.info("local state in {} has no cluster id (written by an older version): kept", dir);
                    }
                }
            }
            Files.createDirectories(dir);
            Files.writeString(marker, clusterId + System.lineSeparator());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read or write " + marker + " (set state.dir to a writable folder)", e);
        }
    }

    /** Where Kafka Streams keeps this detector's state: state.dir, or Kafka Streams' own default. */
    private static String stateDir(DetectorConfig config) {
        String dir = config.get("state.dir");
        return dir.isBlank() ? new StreamsConfig(streamsPropertiesForDefaults()).getString(StreamsConfig.STATE_DIR_CONFIG) : dir;
    }

    private static Properties streamsPropertiesForDefaults() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "defaults");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "defaults:9092");
        return p;
    }

    /** Waits until the streams client is RUNNING; false if it failed or the time ran out. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State s = streams.state();
            if (s == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING || s == KafkaStreams.State.PENDING_ERROR) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Completes with the reason when the detector can no longer work and must exit. */
    public CompletableFuture<String> fatal() {
        return supervisor.fatal();
    }

    public StreamsSupervisor supervisor() {
        return supervisor;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public Topology topology() {
        return topology;
    }

    public DetectorParts parts() {
        return parts;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        http.close();
        // Leave the group: with dynamic membership a restarted instance joins as a new member, and
        // otherwise the group would wait out the old one's session timeout (45 s) before giving its
        // tasks to anyone.
        streams.close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30)));
        streamsMetrics.close();
        registry.close();
    }
}
