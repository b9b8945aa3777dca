package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unrestwatch.metrics.DetectorMetrics;
import org.unrestwatch.post.DeadLetterHeaders;
import org.unrestwatch.streams.errors.ExceptionHandlers;
import org.unrestwatch.streams.errors.PoisonTopology;

/** The processing exception handler on the real broker, exactly-once: the poison record is dead-lettered, the rest committed. */
class ProcessingErrorsOnRealBrokerTest {
    @TempDir
    Path state;

    @Test
    void aThrowingProcessorCostsOneDeadLetterNotTheStream() throws Exception {
        String in = "poison.in";
        String out = "poison.out";
        String dlq = "poison.dlq";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(in, 1, (short) 1), new NewTopic(out, 1, (short) 1), new NewTopic(dlq, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedBroker.bootstrap(), ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String v : List.of("a", "poison", "b", "c")) {
                producer.send(new ProducerRecord<>(in, v.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "it-poison");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrap());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        ExceptionHandlers.install(props, dlq, 1024, new DetectorMetrics(new SimpleMeterRegistry(), List.of()));
        try (KafkaStreams streams = new KafkaStreams(PoisonTopology.build(in, out), props)) {
            streams.start();
            List<ConsumerRecord<String, byte[]>> passed = RealBrokerSupport.readUntil(out, Duration.ofSeconds(60), r -> r.size() >= 3);
            List<ConsumerRecord<String, byte[]>> dead = RealBrokerSupport.readUntil(dlq, Duration.ofSeconds(30), r -> r.size() >= 1);
            assertEquals(List.of("a", "b", "c"), passed.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList());
            assertEquals(1, dead.size());
            assertEquals("PROCESSING_ERROR", new String(dead.get(0).headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8));
            assertEquals("1", new String(dead.get(0).headers().lastHeader(DeadLetterHeaders.SOURCE_OFFSET).value(), StandardCharsets.UTF_8));
            assertTrue(streams.state() == KafkaStreams.State.RUNNING, "state " + streams.state());
        }
    }
}
