package org.unrestwatch.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reader (a): a plain consumer with default settings that only counts records: the ceiling for any reader of this topic on this broker. */
final class PlainConsumerRun {
    private PlainConsumerRun() {
    }

    /** Posts per second from creating the consumer to having read {@code n} records. */
    static double postsPerSecond(String bootstrap, String topic, long n) throws InterruptedException {
        AtomicLong read = new AtomicLong();
        long t0 = System.nanoTime();
        try (ProgressLine progress = ProgressLine.start("(a) plain consumer", read::get, n);
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            // No group: assign every partition and start at the beginning.
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long lastProgress = System.nanoTime();
            while (read.get() < n) {
                int count = consumer.poll(Duration.ofMillis(100)).count();
                if (count > 0) {
                    read.addAndGet(count);
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > Duration.ofMinutes(2).toNanos()) {
                    throw new IllegalStateException("plain consumer read nothing for 2 minutes at " + read.get() + " of " + n);
                }
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
