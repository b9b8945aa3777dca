package org.unrestwatch.app;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertJson;

/**
 * Reads the alerts topic as any downstream consumer would (committed records only) and hands each
 * alert on, e.g. to be printed for an analyst. Runs on its own thread until closed.
 */
public final class AlertWatcher implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final List<Alert> seen = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    public AlertWatcher(String bootstrap, String topic, Consumer<Alert> onAlert) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(() -> {
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        Alert alert = AlertJson.fromBytes(r.value());
                        seen.add(alert);
                        onAlert.accept(alert);
                    }
                }
            } catch (WakeupException e) {
                // closing
            }
        }, "alert-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    public List<Alert> seen() {
        return new ArrayList<>(seen);
    }

    /** One analyst-readable line (two for OPEN) per alert. */
    public static void print(Alert a, PrintStream out) {
        String window = Instant.parse(a.window().start()).toString().substring(11, 16) + "-"
                + Instant.parse(a.window().end()).toString().substring(11, 16) + "Z";
        out.printf(Locale.ROOT, "%-10s %-5s %-26s %-20s %-8s window %s  %s%n", "[" + a.status() + "]", a.region().code(),
                a.region().name(), a.type(), a.severity(), window, a.summary());
        if (!a.topKeywords().isEmpty() && a.status() != org.unrestwatch.alert.AlertStatus.RESOLVED) {
            out.printf(Locale.ROOT, "           top terms: %s | top accounts: %s | id %s%n",
                    a.topKeywords().stream().map(k -> k.term() + " (" + k.count() + ")").collect(Collectors.joining(", ")),
                    a.topAccounts().stream().limit(3).map(k -> k.account() + " (" + k.posts() + ")").collect(Collectors.joining(", ")),
                    a.alertId());
        }
        out.flush();
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
