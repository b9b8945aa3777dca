package org.unrestwatch.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in this JVM: storage
 * formatted with Kafka's own StorageTool, then {@link KafkaRaftServer}. Used by {@code demo} and
 * the integration tests so that both need nothing but Java and Maven. Optionally it also has a
 * SASL_SSL listener ({@link #startSecured}), for tests of the detector against a secured cluster.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaRaftServer server;
    private final Path logDir;
    private final boolean deleteOnClose;
    private final String bootstrap;
    private final String securedBootstrap;

    private EmbeddedKafka(KafkaRaftServer server, Path logDir, boolean deleteOnClose, String bootstrap, String securedBootstrap) {
        this.server = server;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
        this.bootstrap = bootstrap;
        this.securedBootstrap = securedBootstrap;
    }

    /** Starts a broker on free ports with a fresh log directory under {@code parent}, deleted on close. */
    public static EmbeddedKafka start(Path parent) {
        return startInTempDir(parent, null);
    }

    /**
     * As {@link #start(Path)}, with a second listener where clients must use TLS and SCRAM-SHA-512
     * ({@link #securedBootstrapServers()}). The plaintext listener stays for the broker's own
     * inter-broker and controller traffic, on localhost only.
     */
    public static EmbeddedKafka startSecured(Path parent, ScramTlsListener secured) {
        return startInTempDir(parent, Objects.requireNonNull(secured));
    }

    private static EmbeddedKafka startInTempDir(Path parent, ScramTlsListener secured) {
        try {
            Files.createDirectories(parent);
            return start(Files.createTempDirectory(parent, "kafka-"), freePort(), true, secured);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a broker on {@code port} with {@code logDir}, formatting it if it is new. */
    public static EmbeddedKafka start(Path logDir, int port, boolean deleteOnClose) {
        return start(logDir, port, deleteOnClose, null);
    }

    private static EmbeddedKafka start(Path logDir, int port, boolean deleteOnClose, ScramTlsListener secured) {
        try {
            Files.createDirectories(logDir);
            int controllerPort = freePort();
            int securedPort = secured == null ? -1 : freePort();
            Properties props = new Properties();
            props.putAll(Map.ofEntries(
                    Map.entry("process.roles", "broker,controller"),
                    Map.entry("node.id", "1"),
                    Map.entry("controller.quorum.voters", "1@localhost:" + controllerPort),
                    Map.entry("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort),
                    Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
                    Map.entry("controller.listener.names", "CONTROLLER"),
                    Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                    Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                    Map.entry("log.dirs", logDir.resolve("data").toString()),
                    Map.entry("num.partitions", "1"),
                    Map.entry("offsets.topic.replication.factor", "1"),
                    Map.entry("offsets.topic.num.partitions", "3"),
                    Map.entry("transaction.state.log.replication.factor", "1"),
                    Map.entry("transaction.state.log.min.isr", "1"),
                    Map.entry("transaction.state.log.num.partitions", "3"),
                    Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                    Map.entry("share.coordinator.state.topic.min.isr", "1"),
                    Map.entry("group.initial.rebalance.delay.ms", "0"),
                    Map.entry("auto.create.topics.enable", "false"),
                    // The default 128 MB dedupe buffer would take that much heap for a demo.
                    Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024))));
            if (secured != null) {
                addListener(props, "listeners", ScramTlsListener.NAME + "://localhost:" + securedPort);
                addListener(props, "advertised.listeners", ScramTlsListener.NAME + "://localhost:" + securedPort);
                addListener(props, "listener.security.protocol.map", ScramTlsListener.NAME + ":SASL_SSL");
                props.putAll(secured.brokerSettings());
            }
            Path propsFile = logDir.resolve("server.properties");
            try (var out = Files.newOutputStream(propsFile)) {
                props.store(out, "embedded broker");
            }
            format(propsFile, clusterId(logDir.resolve("data")), secured == null ? new String[0] : secured.storageToolArguments());
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(server, logDir, deleteOnClose, "localhost:" + port,
                    secured == null ? null : "localhost:" + securedPort);
            kafka.awaitReady(Duration.ofSeconds(60));
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addListener(Properties props, String key, String entry) {
        props.setProperty(key, props.getProperty(key) + "," + entry);
    }

    /**
     * The cluster id already in {@code dataDir}, if it was formatted before, else a new one. Formatting
     * a formatted directory is skipped (--ignore-formatted), but the broker then checks the id it was
     * given against the one on disk: a new one made a restart on the same log directory fail with
     * "Invalid cluster.id in .../meta.properties".
     */
    private static String clusterId(Path dataDir) throws IOException {
        Path meta = dataDir.resolve("meta.properties");
        if (Files.exists(meta)) {
            Properties p = new Properties();
            try (var in = Files.newInputStream(meta)) {
                p.load(in);
            }
            String id = p.getProperty("cluster.id");
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        return Uuid.randomUuid().toString();
    }

    /** Formats the storage; {@code extra} adds e.g. SCRAM credentials (used only when the directory is new). */
    private static void format(Path propsFile, String clusterId, String[] extra) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String[] args = Stream.concat(Stream.of("format", "-t", clusterId,
                "-c", propsFile.toString(), "--ignore-formatted"), Arrays.stream(extra)).toArray(String[]::new);
        int rc = StorageTool.execute(args, new PrintStream(captured, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("formatting Kafka storage failed: " + captured.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady(Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("embedded broker did not become ready at " + bootstrap, e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plaintext listener, always present. */
    public String bootstrapServers() {
        return bootstrap;
    }

    /** The SASL_SSL (SCRAM-SHA-512) listener of a broker from {@link #startSecured}. */
    public String securedBootstrapServers() {
        if (securedBootstrap == null) {
            throw new IllegalStateException("this broker was started without a secured listener");
        }
        return securedBootstrap;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            TempDirs.deleteQuietly(logDir);
        }
    }
}
