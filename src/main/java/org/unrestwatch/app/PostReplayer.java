package org.unrestwatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.unrestwatch.scenario.ScenarioRecord;

/**
 * Produces posts into the posts topic, paced either by event time (the demo: {@code speed} event
 * milliseconds per wall millisecond) or by a records-per-second limit (the replay command), and
 * optionally shifting every {@code created_at} by a fixed amount so old posts look current.
 */
public final class PostReplayer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public PostReplayer(String bootstrap, String topic, Map<String, Object> extra) {
        Map<String, Object> props = new java.util.HashMap<>(extra);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Order without idempotence: one request in flight per connection. Kafka 4.4's idempotent
        // producer, meeting a topic created a moment earlier, was seen to restart its sequence numbers
        // mid-stream, write duplicates and stall for delivery.timeout.ms (120 s) on the broker's
        // OutOfOrderSequenceException. Without idempotence a retry after a lost acknowledgement can
        // still write a batch twice: rare against a healthy broker, and far rarer than that stall.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.keySet().retainAll(ProducerConfig.configNames());
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
    }

    /**
     * Sends {@code records} in order. With {@code eventSpeed > 0} a record is sent when
     * (its event time - the first event time) / eventSpeed of wall time has passed; with
     * {@code maxPerSecond > 0} at most that many records a second. Returns how many were sent.
     */
    public long replay(List<ScenarioRecord> records, double eventSpeed, double maxPerSecond, long shiftMs, BooleanSupplier stop) {
        if (records.isEmpty()) {
            return 0;
        }
        long wallStart = System.nanoTime();
        long firstEvent = records.get(0).eventTimeMs();
        long sent = 0;
        for (ScenarioRecord r : records) {
            if (stop.getAsBoolean()) {
                break;
            }
            long dueNanos = 0;
            if (eventSpeed > 0) {
                dueNanos = (long) ((r.eventTimeMs() - firstEvent) / eventSpeed * 1_000_000);
            } else if (maxPerSecond > 0) {
                dueNanos = (long) (sent / maxPerSecond * 1e9);
            }
            long wait = wallStart + dueNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            byte[] value = shiftMs == 0 || r.malformed() ? r.value() : shift(r.value(), shiftMs);
            producer.send(new ProducerRecord<>(topic, r.key(), value));
            sent++;
        }
        producer.flush();
        return sent;
    }

    /** Moves created_at (and account.created_at) by {@code shiftMs}; a value that is not a post is left alone. */
    public static byte[] shift(byte[] value, long shiftMs) {
        try {
            JsonNode node = JSON.readTree(value);
            if (!(node instanceof ObjectNode post)) {
                return value;
            }
            shiftField(post, "created_at", shiftMs);
            if (post.get("account") instanceof ObjectNode account) {
                shiftField(account, "created_at", shiftMs);
            }
            return JSON.writeValueAsBytes(post);
        } catch (Exception e) {
            return value;
        }
    }

    private static void shiftField(ObjectNode node, String field, long shiftMs) {
        JsonNode v = node.get(field);
        if (v == null) {
            return;
        }
        if (v.isIntegralNumber()) {
            node.put(field, v.asLong() + shiftMs);
        } else if (v.isTextual()) {
            try {
                node.put(field, Instant.parse(v.asText()).plusMillis(shiftMs).toString());
            } catch (RuntimeException ignored) {
                // not an instant we can shift: leave it for the validator to judge
            }
        }
    }

    /**
     * One line of a JSON-lines file as a record to send: keyed by its account id and dated by its
     * created_at. A line that is not a post is sent as it is (marked malformed), for the
     * dead-letter topic to catch.
     */
    public static ScenarioRecord recordOf(byte[] value) {
        try {
            JsonNode post = JSON.readTree(value);
            JsonNode id = post.path("account").path("id");
            JsonNode t = post.path("created_at");
            long time = t.isIntegralNumber() ? t.asLong() : Instant.parse(t.asText()).toEpochMilli();
            return new ScenarioRecord(time, id.isValueNode() ? id.asText() : null, value, false);
        } catch (Exception e) {
            return new ScenarioRecord(Long.MIN_VALUE, null, value, true);
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
