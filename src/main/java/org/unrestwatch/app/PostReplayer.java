package org.unrestwatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
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
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
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
    static byte[] shift(byte[] value, long shiftMs) {
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

    /** The account id of a post, used as the record key; null if the value is not a post. */
    public static String keyOf(byte[] value) {
        try {
            JsonNode id = JSON.readTree(value).path("account").path("id");
            return id.isValueNode() ? id.asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    public static long eventTimeOf(byte[] value) {
        try {
            JsonNode t = JSON.readTree(new String(value, StandardCharsets.UTF_8)).path("created_at");
            return t.isIntegralNumber() ? t.asLong() : Instant.parse(t.asText()).toEpochMilli();
        } catch (Exception e) {
            return Long.MIN_VALUE;
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
