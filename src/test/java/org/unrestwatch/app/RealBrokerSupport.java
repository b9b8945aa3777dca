package org.unrestwatch.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.testutil.TestKeys;

/** Helpers for tests against the real broker: isolated config per test, reading topics with a deadline. */
final class RealBrokerSupport {
    private RealBrokerSupport() {
    }

    /** Config with topics and application id unique to {@code name}, so tests share the broker safely. */
    static DetectorConfig config(String name, Path stateDir) {
        return config(name, stateDir, Map.of());
    }

    /** As {@link #config(String, Path)}, with {@code extra} settings on top. */
    static DetectorConfig config(String name, Path stateDir, Map<String, String> extra) {
        Map<String, String> s = settings(name, SharedBroker.bootstrap(), stateDir);
        s.putAll(extra);
        return DetectorConfig.of(Path.of("config"), s);
    }

    /**
     * Settings for a detector on {@code bootstrap} with topics and application id of its own:
     * exactly-once (the shipped default), commits every 100 ms, any free HTTP port, the test JVM's
     * pseudonym key (the reference runs use it too).
     */
    static Map<String, String> settings(String name, String bootstrap, Path stateDir) {
        Map<String, String> s = new HashMap<>();
        s.put("kafka.bootstrap.servers", bootstrap);
        s.put("application.id", "it-" + name);
        s.put("topic.posts", name + ".posts");
        s.put("topic.alerts", name + ".alerts");
        s.put("topic.dlq", name + ".posts.dlq");
        s.put("topic.rules", name + ".rules");
        s.put("topic.retention", "-1");
        s.put("state.dir", stateDir.toString());
        s.put("http.port", "0");
        s.put("alerts.pseudonym.key", TestKeys.PSEUDONYM);
        s.put("kafka.commit.interval.ms", "100");
        return s;
    }

    /** {@code settings} as {@code --set key=value} arguments for the command line. */
    static List<String> asArguments(Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        return args;
    }

    /** The scenario dated so that it ends now (recent event times keep every topic's retention happy). */
    static Instant recentStart() {
        long window = Duration.ofMinutes(5).toMillis();
        long start = System.currentTimeMillis() - org.unrestwatch.scenario.ScenarioGenerator.totalDuration().toMillis() - window;
        return Instant.ofEpochMilli(start - start % window);
    }

    /** The alerts on {@code topic} (committed only) once there are at least {@code n}, or what came by the deadline. */
    static List<org.unrestwatch.alert.Alert> readAlerts(String topic, int n, Duration timeout) {
        return readUntil(topic, timeout, r -> r.size() >= n).stream()
                .map(r -> org.unrestwatch.alert.AlertJson.fromBytes(r.value())).toList();
    }

    /** Produces {@code records} into the config's posts topic: paced at {@code eventSpeed} (event ms per wall ms) or, at 0, as fast as possible. */
    static void produce(DetectorConfig config, List<org.unrestwatch.scenario.ScenarioRecord> records, double eventSpeed) {
        try (PostReplayer replayer = new PostReplayer(config.bootstrapServers(), config.get("topic.posts"), Map.of())) {
            replayer.replay(records, eventSpeed, 0, 0, () -> false);
        }
    }

    static double lateDropped(Detector detector) {
        return detector.registry().find("unrest.posts.late.dropped").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** Waits until the detector has read {@code n} records from the posts topic. */
    static boolean awaitConsumed(Detector detector, long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (detector.registry().get("unrest.posts.consumed").counter().count() >= n) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Reads {@code topic} (committed records only) until {@code done} holds for what was read, or the deadline. */
    static List<ConsumerRecord<String, byte[]>> readUntil(String topic, Duration timeout,
                                                          Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        return readUntil(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrap()), topic, timeout, done);
    }

    /** As {@link #readUntil(String, Duration, Predicate)}, on the cluster and with the security that {@code client} gives. */
    static List<ConsumerRecord<String, byte[]>> readUntil(Map<String, Object> client, String topic, Duration timeout,
                                                          Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.keySet().retainAll(ConsumerConfig.configNames());
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !done.test(all)) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }
}
