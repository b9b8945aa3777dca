package org.unrestwatch.app;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.config.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the detector against an existing Kafka cluster until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the detector against an existing Kafka cluster (kafka.bootstrap.servers or KAFKA_BOOTSTRAP_SERVERS).",
            "Scale out by starting more instances with the same application.id."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--connect-timeout", defaultValue = "30s", paramLabel = "DURATION",
            description = "Give up if Kafka cannot be reached within this time (default: ${DEFAULT-VALUE}).")
    String connectTimeout;

    @Override
    public Integer call() throws Exception {
        DetectorConfig config = options.load();
        Duration timeout = Durations.parse(connectTimeout);
        TopicAdmin.checkReachable(config, timeout);
        TopicAdmin.ensureTopics(config, timeout);
        Detector detector = new Detector(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            System.err.println("stopping: closing streams");
            detector.close();
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        detector.start();
        System.err.printf("detector %s running against %s; metrics on http://localhost:%d/metrics%n",
                config.get("application.id"), config.bootstrapServers(), detector.httpPort());
        stopped.await();
        return 0;
    }
}
