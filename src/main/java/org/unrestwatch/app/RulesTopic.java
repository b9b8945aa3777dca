package org.unrestwatch.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.unrestwatch.config.DetectorConfig;

/** The rules topic as the {@code rules} command sees it: read whole (latest record per rule id), and written one rule at a time. */
final class RulesTopic {
    private final DetectorConfig config;
    private final String topic;
    private final String acceptedTopic;
    private final Duration timeout;

    /**
     * {@code acceptedTopic}: where the detector puts the rules it accepted. The command, which has
     * checked a rule exactly as the detector would, writes it there too, so that a detector started
     * later has it before its first post rather than once its validating task has caught up.
     */
    RulesTopic(DetectorConfig config, String topic, String acceptedTopic, Duration timeout) {
        this.config = config;
        this.topic = topic;
        this.acceptedTopic = acceptedTopic;
        this.timeout = timeout;
    }

    /** Every rule id's latest value, in the order first written; deleted rules are absent. */
    Map<String, byte[]> readAll() {
        Map<String, byte[]> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(clientProps(ConsumerConfig.configNames(), Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false)),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            var infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return latest;
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new TopicAdmin.KafkaUnavailable("could not read " + topic + " to its end within " + timeout.toSeconds()
                            + " s (raise --connect-timeout)", null);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) {
                        continue;
                    }
                    latest.remove(r.key());
                    if (r.value() != null) {
                        latest.put(r.key(), r.value());
                    }
                }
            }
        }
        return latest;
    }

    /** Writes a rule (null value: deletes it) and waits for the cluster to have it. */
    void write(String id, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(clientProps(ProducerConfig.configNames(), Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis())), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, id, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            producer.send(new ProducerRecord<>(acceptedTopic, id, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new TopicAdmin.KafkaUnavailable("could not write rule '" + id + "' to " + topic + " at " + config.bootstrapServers()
                    + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicAdmin.KafkaUnavailable("interrupted while writing rule '" + id + "'", e);
        }
    }

    private Map<String, Object> clientProps(java.util.Set<String> known, Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>(config.kafkaSettings());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.putAll(overrides);
        props.keySet().retainAll(known);
        return props;
    }

}
