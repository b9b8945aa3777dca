package org.unrestwatch.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertJson;
import org.unrestwatch.config.DetectorConfig;

/**
 * What a detector has made durable, as a downstream reader with isolation.level=read_committed
 * sees it: its alerts, and whether it has caught up with its input (the committed offsets of its
 * group, which exactly-once commits in the same transaction as the output).
 */
final class CommittedOutput {
    private CommittedOutput() {
    }

    /** Every committed alert on the detector's alerts topic up to its last stable offset now. */
    static List<Alert> alerts(DetectorConfig config) {
        return alerts(config, IsolationLevel.READ_COMMITTED);
    }

    /** As {@link #alerts(DetectorConfig)} with the given isolation (read_uncommitted shows what a crash aborted). */
    static List<Alert> alerts(DetectorConfig config, IsolationLevel isolation) {
        String topic = config.get("topic.alerts");
        List<Alert> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed the end offsets are the last stable offsets: no waiting on an open transaction.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " up to " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(AlertJson.fromBytes(r.value())));
            }
        }
        return out;
    }

    /** A read_committed reader kept open on an alerts topic, for conditions polled often (when to kill). */
    static final class Tail implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<Alert> read = new ArrayList<>();

        Tail(DetectorConfig config) {
            String topic = config.get("topic.alerts");
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** The committed alerts read so far, after one short poll for more. */
        List<Alert> poll() {
            consumer.poll(Duration.ofMillis(20)).forEach(r -> read.add(AlertJson.fromBytes(r.value())));
            return read;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /**
     * Waits until the application is done with everything it was given: its group has committed,
     * on every partition of every topic it reads, the topic's end, and no transaction is open on
     * those topics or on the alerts topic (last stable offset = high watermark). The second
     * condition matters: a killed instance's transaction stays open until the broker times it
     * out, and holds the last stable offset back, so that a group that has read "to the end" may
     * still have the instance's replayed output ahead of it. Then the same must hold, with the same
     * end offsets, a second later: the posts stage sends its last partials up to
     * partials.flush.interval (200 ms) after it commits the posts that made them.
     */
    static boolean awaitCaughtUp(DetectorConfig config, Duration timeout) throws Exception {
        String applicationId = config.get("application.id");
        String postsTopic = config.get("topic.posts");
        String alertsTopic = config.get("topic.alerts");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            Map<TopicPartition, Long> caughtUpAt = null;
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, Long> ends = new HashMap<>();
                boolean caughtUp = notDone(admin, applicationId, postsTopic, alertsTopic, ends).isEmpty();
                if (caughtUp && ends.equals(caughtUpAt)) {
                    return true;
                }
                caughtUpAt = caughtUp ? ends : null;
                Thread.sleep(caughtUp ? 1000 : 200);
            }
        }
        return false;
    }

    /**
     * The partitions on which the application is not done, each with why; empty when it is done.
     * Fills {@code ends} with every partition's high watermark.
     */
    static Map<TopicPartition, String> notDone(Admin admin, String group, String postsTopic, String alertsTopic,
                                               Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Set<String> topics = new HashSet<>(List.of(postsTopic, alertsTopic));
        committed.keySet().forEach(p -> topics.add(p.topic()));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(30, TimeUnit.SECONDS);
        var written = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, String> notDone = new HashMap<>();
        for (TopicPartition p : latest.keySet()) {
            long lso = stable.get(p).offset();
            long hwm = written.get(p).offset();
            ends.put(p, hwm);
            if (lso < hwm) {
                notDone.put(p, "transaction open from " + lso + " to " + hwm);
            } else if (!p.topic().equals(alertsTopic)) {
                // A transaction marker may follow the last record a task read without the task having
                // read past it: one short of the end counts on the internal topics (the posts have none).
                OffsetAndMetadata c = committed.get(p);
                long at = c == null ? 0 : c.offset();
                if (at + (p.topic().equals(postsTopic) ? 0 : 1) < hwm) {
                    notDone.put(p, "read to " + at + " of " + hwm);
                }
            }
        }
        return notDone;
    }
}
