package org.unrestwatch.topology;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertJson;
import org.unrestwatch.detect.RegionDetectorProcessor;
import org.unrestwatch.enrich.EnrichedPost;
import org.unrestwatch.post.ParsePostsProcessor;
import org.unrestwatch.post.ParsedRecord;
import org.unrestwatch.serde.BinarySerde;
import org.unrestwatch.stats.AccountActivityProcessor;
import org.unrestwatch.stats.AccountPost;
import org.unrestwatch.stats.RegionSignal;

/**
 * The one place where the detector's graph is wired. Every operator, store and internal topic
 * is named, so that names (and so state and internal topics) survive code changes.
 *
 * <pre>
 * posts ─ parse-posts ─┬─ rejected ─ dead-letter-sink ─► posts.dlq
 *                      └─ valid ─ enrich-post ─┬─ key-by-account ─► [posts-by-account] ─ account-activity ─┐
 *                                              └─ key-by-region ──────────────────────────── merge-signals ┤
 *                                                        [signals-by-region] ◄─────────────────────────────┘
 *                                                             └─ detect-spikes ─ alerts-sink ─► alerts
 * </pre>
 */
public final class DetectorTopology {
    public static final String POSTS_BY_ACCOUNT = "posts-by-account";
    public static final String SIGNALS_BY_REGION = "signals-by-region";

    private DetectorTopology() {
    }

    public static Topology build(DetectorParts parts) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, parts);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, DetectorParts parts) {
        Topics topics = parts.topics();
        var rules = parts.rules();

        KStream<byte[], ParsedRecord> parsed = builder
                .stream(topics.posts(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("posts-source"))
                .process(() -> new ParsePostsProcessor(parts.parser(), parts.metrics()), Named.as("parse-posts"));

        Map<String, KStream<byte[], ParsedRecord>> branches = parsed
                .split(Named.as("parsed-"))
                .branch((key, record) -> record.isValid(), Branched.as("valid"))
                .defaultBranch(Branched.as("rejected"));

        branches.get("parsed-rejected")
                .mapValues(ParsedRecord::original, Named.as("original-bytes"))
                .to(topics.deadLetter(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letter-sink"));

        KStream<byte[], EnrichedPost> enriched = branches.get("parsed-valid")
                .mapValues(record -> {
                    EnrichedPost post = parts.enricher().enrich(record.post(), record.ingestTimeMs());
                    parts.metrics().resolved(post.resolution());
                    return post;
                }, Named.as("enrich-post"));

        KStream<String, RegionSignal> hyperactive = enriched
                .map((key, post) -> org.apache.kafka.streams.KeyValue.pair(post.accountId(), AccountPost.of(post)),
                        Named.as("key-by-account"))
                .repartition(Repartitioned.with(Serdes.String(), BinarySerde.of(AccountPost.CODEC)).withName(POSTS_BY_ACCOUNT))
                .process(AccountActivityProcessor.supplier(rules.windowSize(), rules.grace(), rules.hyperactivePosts(),
                                parts.inMemoryStores()),
                        Named.as("account-activity"));

        KStream<String, Alert> alerts = enriched
                .map((key, post) -> org.apache.kafka.streams.KeyValue.pair(post.region(), RegionSignal.of(post)),
                        Named.as("key-by-region"))
                .merge(hyperactive, Named.as("merge-signals"))
                .repartition(Repartitioned.with(Serdes.String(), BinarySerde.of(RegionSignal.CODEC)).withName(SIGNALS_BY_REGION))
                .process(RegionDetectorProcessor.supplier(rules, parts.detector(), parts.alerts(), parts.metrics(),
                        parts.lexicon().categories().size(), parts.inMemoryStores()), Named.as("detect-spikes"));

        alerts.to(topics.alerts(), Produced.with(Serdes.String(), new AlertJson()).withName("alerts-sink"));
    }
}
