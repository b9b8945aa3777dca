package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.post.DeadLetterHeaders;
import org.unrestwatch.post.RejectReason;
import org.unrestwatch.scenario.ScenarioGenerator;
import org.unrestwatch.scenario.ScenarioRecord;
import org.unrestwatch.testutil.HostileRecords;
import org.unrestwatch.testutil.TestPosts;

/**
 * The records that stopped the detector for good, and a sample of the fuzz test's, on the real
 * broker: a 1.5 MB record in a gzip batch (the broker takes it; its dead-letter copy would not fit),
 * a record just under 1 MB (the dead-letter headers would push it over), a 512 KB key, 600 KB of
 * headers, 700,000 empty headers (1.4 MB on the wire, found by review), a date of year +300000000,
 * a post dated a day ahead. Each lands in the dead-letter topic
 * (cut to fit, with its size, digest and coordinates), the detector stays RUNNING, and the valid
 * posts sent after them are processed.
 */
class HostileRecordsOnRealBrokerTest {
    @TempDir
    Path state;

    @Test
    void recordsThatUsedToStopTheDetectorAreDeadLetteredAndItGoesOn() throws Exception {
        DetectorConfig config = RealBrokerSupport.config("hostile", state);
        TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
        String posts = config.get("topic.posts");
        long now = System.currentTimeMillis();
        Random random = new Random(3);

        byte[] compressible = ("{\"id\":\"big\",\"text\":\"" + "dharna ".repeat(1_500_000 / 7) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] justUnderMb = new byte[1_048_000];
        random.nextBytes(justUnderMb);
        byte[] bigKey = new byte[512 * 1024];
        random.nextBytes(bigKey);
        RecordHeaders bigHeaders = new RecordHeaders();
        for (int i = 0; i < 20; i++) {
            bigHeaders.add("h" + i, new byte[30_000]);
        }
        RecordHeaders manyEmptyHeaders = new RecordHeaders(); // ~2 bytes each on the wire: 1.4 MB in all
        for (int i = 0; i < 700_000; i++) {
            manyEmptyHeaders.add("", null);
        }
        String ok = TestPosts.post("x", now, "acct-x", "hello").json();
        List<byte[]> sample = new HostileRecords(7, List.of(ok.getBytes(StandardCharsets.UTF_8)))
                .generate(2_000).stream().map(HostileRecords.Hostile::value).toList();

        int bad = 0;
        try (KafkaProducer<byte[], byte[]> gzip = producer(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024));
             KafkaProducer<byte[], byte[]> plain = producer(Map.of())) {
            gzip.send(new ProducerRecord<>(posts, 0, null, "gzip".getBytes(StandardCharsets.UTF_8), compressible)).get();
            plain.send(new ProducerRecord<>(posts, 0, null, null, justUnderMb)).get();
            plain.send(new ProducerRecord<>(posts, 0, null, bigKey, "{}".getBytes(StandardCharsets.UTF_8))).get();
            plain.send(new ProducerRecord<>(posts, 0, null, null, "{\"id\":1}".getBytes(StandardCharsets.UTF_8), bigHeaders)).get();
            gzip.send(new ProducerRecord<>(posts, 0, null, null, "{}".getBytes(StandardCharsets.UTF_8), manyEmptyHeaders)).get();
            plain.send(new ProducerRecord<>(posts, 0, null, null, ok.replaceFirst("\"created_at\":\"[^\"]+\"",
                    "\"created_at\":\"+300000000-01-01T00:00:00Z\"").getBytes(StandardCharsets.UTF_8))).get();
            plain.send(new ProducerRecord<>(posts, 0, null, null,
                    TestPosts.post("ahead", now + Duration.ofDays(1).toMillis(), "acct-y", "hello").bytes())).get();
            bad += 7;
            // A valid post with the same headers: nothing derived from it may carry them.
            gzip.send(new ProducerRecord<>(posts, 0, null, "acct-z".getBytes(StandardCharsets.UTF_8),
                    TestPosts.post("headers", now, "acct-z", "hello").bytes(), manyEmptyHeaders)).get();
            for (byte[] v : sample) {
                plain.send(new ProducerRecord<>(posts, 0, null, null, v));
            }
            bad += sample.size();
            // Valid posts after the hostile ones: the detector must still read them.
            List<ScenarioRecord> valid = new ScenarioGenerator(3, RealBrokerSupport.recentStart()).generate().stream()
                    .filter(r -> !r.malformed()).limit(500).toList();
            for (ScenarioRecord r : valid) {
                plain.send(new ProducerRecord<>(posts, 0, null, r.key().getBytes(StandardCharsets.UTF_8), r.value()));
            }
            plain.flush();
            int total = bad + 1 + valid.size();

            long t0 = System.nanoTime();
            try (Detector detector = new Detector(config)) {
                detector.start();
                assertTrue(RealBrokerSupport.awaitConsumed(detector, total, Duration.ofSeconds(90)),
                        "consumed only " + detector.registry().get("unrest.posts.consumed").counter().count() + " of " + total);
                List<ConsumerRecord<byte[], byte[]>> dead = readAll(config.get("topic.dlq"), bad, Duration.ofSeconds(60));
                assertEquals(bad, dead.size(), "dead letters");
                System.out.printf("hostile on the real broker: %d records read, %d dead letters, in %.1f s%n", total, dead.size(),
                        (System.nanoTime() - t0) / 1e9);
                // Still processing (a follow-up rebalance right after start may be under way: wait for it, with a deadline).
                assertTrue(detector.awaitRunning(Duration.ofSeconds(30)), "streams " + detector.streams().state());
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + detector.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode(), health.body());

                ConsumerRecord<byte[], byte[]> big = dead.get(0);
                assertEquals(RejectReason.TOO_LARGE.name(), header(big, DeadLetterHeaders.REASON));
                assertEquals("value", header(big, DeadLetterHeaders.TRUNCATED));
                assertEquals(Integer.toString(compressible.length), header(big, DeadLetterHeaders.ORIGINAL_BYTES));
                assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(compressible)),
                        header(big, DeadLetterHeaders.ORIGINAL_SHA256));
                assertEquals(config.getInt("dlq.max.value.bytes"), big.value().length);
                assertEquals(posts, header(big, DeadLetterHeaders.SOURCE_TOPIC));
                assertNotNull(header(big, DeadLetterHeaders.SOURCE_OFFSET));

                assertEquals(Integer.toString(justUnderMb.length), header(dead.get(1), DeadLetterHeaders.ORIGINAL_BYTES));
                assertEquals("key", header(dead.get(2), DeadLetterHeaders.TRUNCATED));
                assertEquals(1024, dead.get(2).key().length);
                assertEquals(Integer.toString(bigKey.length), header(dead.get(2), DeadLetterHeaders.ORIGINAL_KEY_BYTES));
                assertNotNull(header(dead.get(3), DeadLetterHeaders.ORIGINAL_HEADERS_BYTES), "oversize source headers noted");
                assertEquals("700000", header(dead.get(4), DeadLetterHeaders.ORIGINAL_HEADERS_COUNT), "700,000 empty headers dropped");
                assertEquals(RejectReason.BAD_TIMESTAMP.name(), header(dead.get(5), DeadLetterHeaders.REASON));
                assertEquals(RejectReason.FUTURE_TIMESTAMP.name(), header(dead.get(6), DeadLetterHeaders.REASON));
                for (ConsumerRecord<byte[], byte[]> d : dead) {
                    RejectReason reason = RejectReason.valueOf(header(d, DeadLetterHeaders.REASON));
                    assertTrue(reason != RejectReason.PROCESSING_ERROR && reason != RejectReason.PRODUCTION_ERROR, "a handler was needed: " + reason);
                }
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(extra);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrap());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The dead-letter topic, committed records only, in offset order, once there are {@code n} or at the deadline. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int n, Duration timeout) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrap());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2 * 1024 * 1024);
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && all.size() < n) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        all.sort(java.util.Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> Long.parseLong(header(r, DeadLetterHeaders.SOURCE_OFFSET))));
        return all;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
