package org.unrestwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the alerts topic as a downstream consumer would (committed records only, so an alert
 * counts once its transaction commits) and keeps each region's first OPEN alert with the wall
 * time it was read. Only the alert contract's fields are used: {@code status},
 * {@code region.code}, {@code window.start}, {@code observed}.
 */
final class AlertReader implements AutoCloseable {
    record OpenAlert(String region, long windowStartMs, long observed, long readNanos) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final Map<String, OpenAlert> firstOpen = new ConcurrentHashMap<>();
    private final AtomicLong alertsRead = new AtomicLong();
    private volatile boolean running = true;
    private volatile Exception failure;

    AlertReader(String bootstrap, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::readUntilClosed, "bench-alert-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void readUntilClosed() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    long readNanos = System.nanoTime();
                    alertsRead.incrementAndGet();
                    JsonNode alert = JSON.readTree(r.value());
                    if ("OPEN".equals(alert.path("status").asText())) {
                        String region = alert.path("region").path("code").asText();
                        firstOpen.putIfAbsent(region, new OpenAlert(region,
                                Instant.parse(alert.path("window").path("start").asText()).toEpochMilli(),
                                alert.path("observed").asLong(), readNanos));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Exception e) {
            failure = e;
        }
    }

    Map<String, OpenAlert> firstOpenByRegion() {
        if (failure != null) {
            throw new IllegalStateException("reading alerts failed: " + failure.getMessage(), failure);
        }
        return Map.copyOf(firstOpen);
    }

    long alertsRead() {
        return alertsRead.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
    }
}
