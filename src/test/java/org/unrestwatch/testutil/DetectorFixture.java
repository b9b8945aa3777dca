package org.unrestwatch.testutil;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.streams.DetectorParts;
import org.unrestwatch.streams.DetectorTopology;

/** The real topology, built from the shipped config/, on a TopologyTestDriver. */
public final class DetectorFixture implements AutoCloseable {
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final DetectorParts parts;
    public final TopologyTestDriver driver;
    public final TestInputTopic<byte[], byte[]> posts;
    public final TestOutputTopic<String, Alert> alerts;
    public final TestOutputTopic<String, Alert> alertState;
    public final TestOutputTopic<byte[], byte[]> deadLetters;
    public final TestInputTopic<byte[], byte[]> rules;
    public final TestOutputTopic<String, org.unrestwatch.alert.TermSuggestion> terms;

    public DetectorFixture(Instant wallClock, Map<String, String> overrides) {
        // The test driver's wall clock stands still unless a test moves it: flush partials at every
        // tick instead of at most every partials.flush.interval of wall time.
        Map<String, String> settings = new HashMap<>(Map.of("alerts.pseudonym.key", TestKeys.PSEUDONYM, "partials.flush.interval", "0ms"));
        settings.putAll(overrides);
        DetectorConfig config = DetectorConfig.of(Path.of("config"), settings);
        parts = DetectorParts.from(config, registry);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "detector-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(DetectorTopology.build(parts), props, wallClock);
        var topics = parts.topics();
        posts = driver.createInputTopic(topics.posts().name(), topics.posts().keySerde().serializer(),
                topics.posts().valueSerde().serializer());
        alerts = driver.createOutputTopic(topics.alerts().name(), topics.alerts().keySerde().deserializer(),
                topics.alerts().valueSerde().deserializer());
        alertState = driver.createOutputTopic(topics.alertState().name(), topics.alertState().keySerde().deserializer(),
                topics.alertState().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetter().name(), topics.deadLetter().keySerde().deserializer(),
                topics.deadLetter().valueSerde().deserializer());
        rules = driver.createInputTopic(topics.rules().name(), topics.rules().keySerde().serializer(),
                topics.rules().valueSerde().serializer());
        terms = driver.createOutputTopic(topics.emergingTerms().name(), topics.emergingTerms().keySerde().deserializer(),
                topics.emergingTerms().valueSerde().deserializer());
    }

    /**
     * Drops what the driver captured of every topic but the alerts and suggestions topics: it keeps every record
     * written (changelogs and repartition topics included) until a test reads it, and a backlog
     * of days would fill the heap.
     */
    public void dropCapturedRecordsButAlerts() {
        for (String topic : driver.producedTopicNames()) {
            if (!topic.equals(parts.topics().alerts().name()) && !topic.equals(parts.topics().emergingTerms().name())) {
                driver.createOutputTopic(topic, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer()).readRecordsToList();
            }
        }
    }

    /** Writes a live rule to the rules topic, as the rules command does. */
    public void send(org.unrestwatch.rules.Rule rule) {
        rules.pipeInput(rule.id().getBytes(java.nio.charset.StandardCharsets.UTF_8), org.unrestwatch.rules.RuleJson.toBytes(rule));
    }

    public void send(TestPosts post) {
        posts.pipeInput(null, post.bytes());
    }

    public void send(byte[] key, byte[] value) {
        posts.pipeInput(key, value);
    }

    /**
     * Lets wall-clock time pass until the posts partition counts as quiet, so that the posts stage
     * sends the tick it is still filling and the region stage applies it (what happens in a real
     * deployment when posts stop arriving).
     */
    public void settle() {
        driver.advanceWallClockTime(Duration.ofMillis(parts.dataPath().idleTimeoutMs() + 1000));
    }

    @Override
    public void close() {
        driver.close();
    }
}
