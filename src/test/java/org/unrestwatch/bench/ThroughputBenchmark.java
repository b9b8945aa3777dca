package org.unrestwatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.unrestwatch.app.Detector;
import org.unrestwatch.app.EmbeddedKafka;
import org.unrestwatch.app.PostReplayer;
import org.unrestwatch.app.TopicAdmin;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.scenario.ScenarioGenerator;
import org.unrestwatch.scenario.ScenarioRecord;

/**
 * Throughput of the full detector against a plain consumer reading the same posts topic, in the
 * same run on the same embedded broker; prints both rates and their ratio. Not part of the test
 * suite (machines are noisy; this is a measurement, not a check). Run after {@code mvn package}:
 *
 * <pre>
 * mvn -q package -DskipTests && mvn -q test-compile && java -cp "target/classes:target/test-classes:target/lib/*" \
 *     [-Dbench.set=key=value,key=value] org.unrestwatch.bench.ThroughputBenchmark [copies-of-the-scenario, default 20]
 * </pre>
 *
 * First measurement (2 cores, 106k posts): plain consumer about 400,000 records/s; the detector
 * 1,460 records/s with exactly_once_v2 (ratio 0.004) and 7,800 with at_least_once (0.03). The
 * profile under exactly-once is mostly idle: the limit is latency (transactions and read_committed
 * repartition topics), not per-record CPU. This is the starting point of the speed work.
 *
 * It also prints how many posts were dropped as late while the detector caught up on the
 * backlog: 52% in the first run. Each posts partition is its own task, and a task can race a
 * whole fetch (up to max.partition.fetch.bytes, here hours of the compressed scenario's event
 * time) ahead of the others; after the repartition by region those posts look later than the
 * grace period. With posts at real-world density a fetch spans seconds, but backfills of sparse
 * history lose data today.
 */
public final class ThroughputBenchmark {
    public static void main(String[] args) throws Exception {
        int copies = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path work = Files.createTempDirectory("bench-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work)) {
            Map<String, String> s = new HashMap<>();
            s.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            s.put("application.id", "bench");
            s.put("state.dir", work.resolve("state").toString());
            s.put("topic.retention", "-1");
            s.put("http.port", "0");
            s.put("alerts.pseudonym.key", "bench");
            for (String kv : System.getProperty("bench.set", "").split(",")) {
                if (kv.contains("=")) {
                    s.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
            }
            DetectorConfig config = DetectorConfig.of(Path.of("config"), s);
            TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));

            List<ScenarioRecord> records = new ArrayList<>();
            Instant start = Instant.now().minus(ScenarioGenerator.totalDuration()).minus(Duration.ofDays(copies));
            for (int c = 0; c < copies; c++) {
                records.addAll(new ScenarioGenerator(c, start.plus(Duration.ofDays(c))).generate());
            }
            try (PostReplayer replayer = new PostReplayer(kafka.bootstrapServers(), config.get("topic.posts"), Map.of())) {
                replayer.replay(records, 0, 0, 0, () -> false);
            }
            int n = records.size();
            System.out.printf("posts in topic: %d (%d copies of the scenario)%n", n, copies);

            double plain = plainConsumerRate(kafka.bootstrapServers(), config.get("topic.posts"), n);
            System.out.printf("plain consumer:  %,10.0f records/s%n", plain);

            try (Detector detector = new Detector(config)) {
                detector.start();
                var consumed = detector.registry().get("unrest.posts.consumed").counter();
                while (consumed.count() < 1) {
                    Thread.sleep(5);
                }
                long t0 = System.nanoTime();
                double first = consumed.count();
                while (consumed.count() < n) {
                    Thread.sleep(20);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double rate = (n - first) / seconds;
                System.out.printf("full detector:   %,10.0f records/s (from its first record to its last)%n", rate);
                System.out.printf("ratio detector / plain consumer: %.3f%n", rate / plain);
                double late = detector.registry().find("unrest.posts.late.dropped").counters().stream()
                        .mapToDouble(c -> c.count()).sum();
                System.out.printf("posts dropped as late while catching up on the backlog: %.0f (%.1f%%)%n", late, 100 * late / n);
            }
        }
    }

    private static double plainConsumerRate(String bootstrap, String topic, int n) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long t0 = System.nanoTime();
            long read = 0;
            while (read < n) {
                read += consumer.poll(Duration.ofMillis(100)).count();
            }
            return read / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
