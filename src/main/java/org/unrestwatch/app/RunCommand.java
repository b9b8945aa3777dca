package org.unrestwatch.app;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.unrestwatch.config.DetectorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Runs the detector against an existing Kafka cluster until stopped. Everything that can be checked
 * without Kafka (settings, lexicon, regions, gazetteer, pseudonym key) is checked before the first
 * topic is touched. It exits 1 when the detector can no longer work (see {@link StreamsSupervisor}),
 * so that the process supervisor restarts it.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the detector against an existing Kafka cluster (kafka.bootstrap.servers or KAFKA_BOOTSTRAP_SERVERS).",
            "Scale out by starting more instances with the same application.id.",
            "Exit status: 143 when stopped by SIGTERM (a clean stop: the JVM's 128+15), 1 when Kafka Streams fails for good, 2 on a configuration error, 3 when Kafka cannot be reached or refuses the credentials."})
public final class RunCommand implements Callable<Integer> {
    static final int FAILED = 1;

    @Mixin
    ConfigOptions options;

    @Mixin
    ConnectOptions connect;

    @Override
    public Integer call() throws Exception {
        DetectorConfig config = options.load();
        Duration timeout = connect.timeout();
        Detector.Prepared prepared = Detector.Prepared.from(config);
        HttpEndpoint.checkFree(config.get("http.bind.address"), config.getInt("http.port")); // what is local, before what is remote
        System.err.printf("connecting to Kafka at %s (%s)%n", config.bootstrapServers(), config.source("kafka.bootstrap.servers").equals("default")
                ? "the default: set KAFKA_BOOTSTRAP_SERVERS or --set kafka.bootstrap.servers=HOST:PORT for another"
                : "from " + config.source("kafka.bootstrap.servers"));
        String clusterId = TopicAdmin.checkReachable(config, timeout);
        TopicAdmin.ensureTopics(config, timeout);
        Detector detector = new Detector(config, prepared);
        detector.forgetStateOfAnotherCluster(clusterId);
        CompletableFuture<String> stopped = new CompletableFuture<>();
        Thread hook = new Thread(() -> {
            System.err.println("stopping: closing streams");
            stopped.complete("");
            detector.close();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        detector.fatal().thenAccept(reason -> stopped.complete(reason));
        detector.start();
        System.err.printf("detector %s running against %s; metrics on http://%s:%d/metrics%n",
                config.get("application.id"), config.bootstrapServers(), config.get("http.bind.address"), detector.httpPort());
        String reason = stopped.get();
        if (reason.isEmpty()) {
            return 0; // stopped by a signal: the hook closes the detector (the JVM exits 143 for SIGTERM)
        }
        System.err.println("detector failed: " + reason);
        System.err.println("exiting with status " + FAILED + " so that the process supervisor restarts it");
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return FAILED; // a signal came in meanwhile: the hook closes the detector
        }
        detector.close();
        return FAILED;
    }
}
