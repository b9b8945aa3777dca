package org.unrestwatch.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A local Kafka broker and nothing else, for running the detector yourself without the demo's
 * scenario: {@code broker} in one terminal, {@code run}, {@code replay} and {@code watch} in others.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Start a local single-node Kafka broker (KRaft) to try run, replay, rules and watch on; not for production.",
            "Ctrl-C stops it and deletes its data (unless --data-dir is given)."})
public final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "9092", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep the broker's data here across restarts (default: a temporary"
            + " directory, deleted on exit).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (!DemoCommand.isFree(port)) {
            throw new TopicAdmin.KafkaUnavailable("port " + port + " is taken (another broker, or the demo?): choose another with --port",
                    null);
        }
        long t0 = System.nanoTime();
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("unrest-broker-") : dataDir;
        EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), port, temporary);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("stopping the broker");
            kafka.close();
            if (temporary) {
                try {
                    Files.deleteIfExists(dir); // the broker deleted what it wrote inside
                } catch (java.io.IOException e) {
                    System.err.println("could not delete " + dir + ": " + e.getMessage());
                }
            }
            stopped.countDown();
        }, "broker-stop"));
        System.out.printf("Kafka ready at %s after %.1f s (data in %s%s); Ctrl-C stops it.%n", kafka.bootstrapServers(),
                (System.nanoTime() - t0) / 1e9, dir, temporary ? ", deleted on exit" : "");
        System.out.printf("In another terminal: export KAFKA_BOOTSTRAP_SERVERS=%s, then run, replay, rules or watch.%n",
                kafka.bootstrapServers());
        stopped.await();
        return 0;
    }
}
