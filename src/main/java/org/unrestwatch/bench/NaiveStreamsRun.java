package org.unrestwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Reader (b): the Kafka Streams app anyone would write first for "count posts per region per
 * minute": parse each value with Jackson, key by the {@code region} field, repartition, windowed
 * count. At-least-once, default settings, output ignored. The gap between it and the detector is
 * what the detector's own work costs; the gap between it and the plain consumer is what Streams
 * itself costs.
 */
final class NaiveStreamsRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NaiveStreamsRun() {
    }

    static Topology topology(String postsTopic, LongAdder parsed) {
        // JsonNode values cross the repartition topic, so they need a serde: Jackson both ways, as naive code would.
        Serde<JsonNode> json = Serdes.serdeFrom(
                (topic, node) -> {
                    try {
                        return JSON.writeValueAsBytes(node);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                (topic, bytes) -> readTree(bytes));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(postsTopic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("posts-source"))
                .mapValues(NaiveStreamsRun::readTree, Named.as("parse-json"))
                // Counted right after parsing, the same stage at which the detector counts unrest.posts.consumed.
                .peek((key, post) -> parsed.increment(), Named.as("count-parsed"))
                .selectKey((key, post) -> post.hasNonNull("region") ? post.get("region").asText() : "unknown", Named.as("key-by-region"))
                .groupByKey(Grouped.with("posts-by-region", Serdes.String(), json))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofMinutes(2)))
                .count(Named.as("count-per-minute"), Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("posts-per-region-minute"));
        return builder.build();
    }

    private static JsonNode readTree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts per second from starting the app to having parsed {@code n} posts. */
    static double postsPerSecond(String bootstrap, String postsTopic, long n, String applicationId, Path stateDir)
            throws InterruptedException {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        LongAdder parsed = new LongAdder();
        try (KafkaStreams streams = new KafkaStreams(topology(postsTopic, parsed), p);
             ProgressLine progress = ProgressLine.start("(b) naive streams", parsed::sum, n)) {
            long t0 = System.nanoTime();
            streams.start();
            Await.count("naive Kafka Streams app", parsed::sum, n, Duration.ofMinutes(2), () -> failure(streams));
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            streams.close(Duration.ofSeconds(30));
            return rate;
        }
    }

    /** Why a streams client can no longer make progress, or null while it can. */
    static String failure(KafkaStreams streams) {
        KafkaStreams.State s = streams.state();
        return s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR || s == KafkaStreams.State.NOT_RUNNING
                ? "streams state " + s : null;
    }
}
