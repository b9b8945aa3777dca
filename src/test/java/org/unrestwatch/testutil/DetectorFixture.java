package org.unrestwatch.testutil;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertJson;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.topology.DetectorParts;
import org.unrestwatch.topology.DetectorTopology;

/** The real topology, built from the shipped config/, on a TopologyTestDriver. */
public final class DetectorFixture implements AutoCloseable {
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final DetectorParts parts;
    public final TopologyTestDriver driver;
    public final TestInputTopic<byte[], byte[]> posts;
    public final TestOutputTopic<String, Alert> alerts;
    public final TestOutputTopic<byte[], byte[]> deadLetters;

    public DetectorFixture(Instant wallClock, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of("alerts.pseudonym.key", "test-key"));
        settings.putAll(overrides);
        DetectorConfig config = DetectorConfig.of(Path.of("config"), settings);
        parts = DetectorParts.from(config, registry);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "detector-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(DetectorTopology.build(parts), props, wallClock);
        posts = driver.createInputTopic(parts.topics().posts(), new ByteArraySerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(parts.topics().alerts(), new StringDeserializer(), new AlertJson().deserializer());
        deadLetters = driver.createOutputTopic(parts.topics().deadLetter(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    public void send(TestPosts post) {
        posts.pipeInput(null, post.bytes());
    }

    @Override
    public void close() {
        driver.close();
    }
}
