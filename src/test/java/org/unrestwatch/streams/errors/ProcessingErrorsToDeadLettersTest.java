package org.unrestwatch.streams.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.unrestwatch.metrics.DetectorMetrics;
import org.unrestwatch.post.DeadLetterHeaders;

/** A processor that throws for one record: that record goes to the dead-letter topic and the next ones go on. */
class ProcessingErrorsToDeadLettersTest {
    @Test
    void aRecordThatMakesAProcessorThrowIsDeadLetteredAndProcessingGoesOn() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "poison-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        ExceptionHandlers.install(props, "dlq", 1024, new DetectorMetrics(registry, List.of()));
        try (TopologyTestDriver driver = new TopologyTestDriver(PoisonTopology.build("in", "out"), props)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic("in", Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
            TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic("out", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
            TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic("dlq", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
            for (String v : List.of("a", "poison", "b", "poison " + "x".repeat(5000), "c")) {
                in.pipeInput("k".getBytes(StandardCharsets.UTF_8), v.getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(List.of("a", "b", "c"), out.readValuesToList().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
            List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
            assertEquals(2, dead.size());
            assertEquals("PROCESSING_ERROR", header(dead.get(0), DeadLetterHeaders.REASON));
            assertEquals(IllegalStateException.class.getName(), header(dead.get(0), DeadLetterHeaders.EXCEPTION));
            assertEquals("may-throw", header(dead.get(0), DeadLetterHeaders.PROCESSOR));
            assertEquals("1", header(dead.get(0), DeadLetterHeaders.SOURCE_OFFSET));
            assertEquals("poison", new String(dead.get(0).value(), StandardCharsets.UTF_8));
            assertEquals(1024, dead.get(1).value().length, "cut to fit");
            assertEquals("value", header(dead.get(1), DeadLetterHeaders.TRUNCATED));
            assertEquals(2.0, registry.get("unrest.posts.rejected").tag("reason", "PROCESSING_ERROR").counter().count());
        }
    }

    static String header(TestRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
