package org.unrestwatch.app;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertFilter;
import org.unrestwatch.alert.AlertJson;
import org.unrestwatch.alert.AlertStatus;

/**
 * What {@code watch} does, without the terminal: the open stories now (each story's latest version
 * from the compacted state topic, read to its end), then every new alert on the alerts topic from
 * the moment it started, committed records only. The consumers reconnect on their own, so a broker
 * restart pauses the feed; it does not end it.
 */
public final class AlertFollower {
    private final Map<String, Object> client;
    private final AlertFilter filter;

    /** {@code client}: consumer settings (bootstrap servers and any security settings). */
    public AlertFollower(Map<String, Object> client, AlertFilter filter) {
        this.client = client;
        this.filter = filter;
    }

    /** Where the alerts topic ends now: read it before the open stories, so that nothing falls between the two. */
    public Map<TopicPartition, Long> endOf(String alertsTopic, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return consumer.endOffsets(partitions(consumer, alertsTopic, timeout), timeout);
        }
    }

    /** The stories whose latest version is not RESOLVED and that pass the filter, oldest first. */
    public List<Alert> openStories(String stateTopic, Duration timeout) {
        Map<String, Alert> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = assignFromBeginning(consumer, stateTopic, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new TopicAdmin.KafkaUnavailable("could not read " + stateTopic + " to its end within " + timeout
                            + " (raise --connect-timeout)", null);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        latest.remove(r.key());
                    } else {
                        latest.put(r.key(), AlertJson.fromBytes(r.value()));
                    }
                }
            }
        }
        return latest.values().stream().filter(a -> a.status() != AlertStatus.RESOLVED).filter(filter::test)
                .sorted(Comparator.comparing(Alert::openedAt)).toList();
    }

    /**
     * Hands on each alert written to {@code alertsTopic} from now on that passes the filter, while
     * {@code keepGoing}; {@code started} runs once the starting point is fixed.
     */
    public void follow(String alertsTopic, Duration timeout, BooleanSupplier keepGoing, Runnable started, Consumer<Alert> onAlert) {
        follow(alertsTopic, null, timeout, keepGoing, started, onAlert);
    }

    /**
     * As {@link #follow(String, Duration, BooleanSupplier, Runnable, Consumer)}, from {@code from}
     * (offsets taken by {@link #endOf} before the open stories were read; null: the end now).
     */
    public void follow(String alertsTopic, Map<TopicPartition, Long> from, Duration timeout, BooleanSupplier keepGoing, Runnable started,
                       Consumer<Alert> onAlert) {
        boolean interrupted = false;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            try {
                List<TopicPartition> partitions = partitions(consumer, alertsTopic, timeout);
                consumer.assign(partitions);
                if (from == null) {
                    consumer.seekToEnd(partitions);
                    partitions.forEach(consumer::position); // fix the start now: what is written from here on is new
                } else {
                    partitions.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
                }
                started.run();
                while (keepGoing.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        Alert a = AlertJson.fromBytes(r.value());
                        if (filter.test(a)) {
                            onAlert.accept(a);
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                // an interrupt ends the feed
            }
            // Cleared until the consumer has closed, which it cannot do while interrupted; restored after.
            interrupted = Thread.interrupted();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // watching must not create the detector's topics
        props.keySet().retainAll(ConsumerConfig.configNames());
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic, Duration timeout) {
        var infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new TopicAdmin.KafkaUnavailable("topic " + topic + " does not exist: is the detector running with these topic settings?", null);
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static List<TopicPartition> assignFromBeginning(KafkaConsumer<String, byte[]> consumer, String topic, Duration timeout) {
        List<TopicPartition> partitions = partitions(consumer, topic, timeout);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
