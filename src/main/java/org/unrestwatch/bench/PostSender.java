package org.unrestwatch.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends posts keyed by account id (UTF-8 string key, the producer contract), with the record
 * timestamp set to the post's event time. Counts acknowledged records; the first failure is
 * rethrown on {@link #flush()}, so a broken run cannot pass for a fast one.
 */
final class PostSender implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    private PostSender(String bootstrap, int lingerMs, int batchBytes) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                // See PostReplayer: Kafka 4.4's idempotent producer stalls on brand-new topics here.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.BATCH_SIZE_CONFIG, batchBytes,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** For the backlog: large, lingering batches, as fast as the broker takes them. */
    static PostSender forBacklog(String bootstrap) {
        return new PostSender(bootstrap, 20, 512 * 1024);
    }

    /** For live traffic: a short linger, since time spent in the producer counts in the measured alert latency. */
    static PostSender forLive(String bootstrap) {
        return new PostSender(bootstrap, 2, 64 * 1024);
    }

    void send(String topic, String accountId, byte[] post, long eventMs) {
        producer.send(new ProducerRecord<>(topic, null, eventMs, accountId, post), (metadata, e) -> {
            if (e == null) {
                acked.incrementAndGet();
            } else {
                failure.compareAndSet(null, e);
            }
        });
    }

    long acked() {
        return acked.get();
    }

    void flush() {
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("producing posts failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
