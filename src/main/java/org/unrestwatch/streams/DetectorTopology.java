package org.unrestwatch.streams;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;
import org.unrestwatch.enrich.EnrichedPost;
import org.unrestwatch.post.ParsedRecord;

/**
 * The one place where the detector's graph is wired. Every operator, store and internal topic
 * is named, so that names (and so state and internal topics) survive code changes.
 *
 * <pre>
 * posts ─ parse-posts ─┬─ rejected ─ original-bytes ─ dead-letter-sink ─► posts.dlq
 *                      └─ valid ─ enrich-post ─ [key-by-account ─► (posts-by-account), only with accounts.repartition]
 *                           ─ aggregate-partials ─► (partials-by-region) ─ detect-spikes ─┬─ alert-value ─┬─ alerts-sink ─► alerts
 *                                                                                         │               └─ key-by-alert-id ─ alert-state-sink ─► alerts.state
 *                                                                                         └─ term-suggestion ─ emerging-terms-sink ─► alerts.terms
 * alerts.terms ─► emerging-terms-store (global: every suggestion's latest, for GET /v1/terms/emerging)
 * alerts.state ─► alert-stories-store (global: every instance holds every story's latest version, for the query API)
 * rules ─ validate-rules ─┬─ refused ─ refused-rule-bytes ─ rules-dead-letter-sink ─► posts.dlq
 *                         └─ accepted ─ accepted-rule-json ─ accepted-rules-sink ─► rules.accepted
 * rules.accepted ─► rules-store (global) ─► the RuleBook that enrich-post and detect-spikes consult by event time
 * </pre>
 *
 * Stage 1 ({@code aggregate-partials}) runs in the task of each posts partition and ships only
 * partial aggregates and progress marks; stage 2 ({@code detect-spikes}) merges them per region.
 */
public final class DetectorTopology {
    /** Every story's latest version, on every instance (global), for the query API. */
    public static final String ALERT_STORIES_STORE = "alert-stories-store";
    /** The latest suggestion of each emerging term, on every instance (global), for the query API. */
    public static final String EMERGING_TERMS_STORE = "emerging-terms-store";
    /** The accepted live rules, on every instance (global), behind {@link org.unrestwatch.rules.RuleBook}. */
    public static final String RULES_STORE = "rules-store";
    /** Stage 2's stores, partitioned by region (the default partitioner's murmur2 of the code): each region's windows, baseline, story. */
    public static final String REGION_WINDOWS_STORE = RegionStageProcessor.WINDOWS_STORE;
    public static final String REGION_BASELINES_STORE = RegionStageProcessor.BASELINES_STORE;
    public static final String REGION_ALERTS_STORE = RegionStageProcessor.ALERTS_STORE;

    private DetectorTopology() {
    }

    /** The topology for a posts topic of one partition (tests). */
    public static Topology build(DetectorParts parts) {
        return build(parts, 1);
    }

    /** {@code postsPartitions}: partitions of the posts topic, whose progress the region stage waits for. */
    public static Topology build(DetectorParts parts, int postsPartitions) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, parts, postsPartitions);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, DetectorParts parts, int postsPartitions) {
        Topics topics = parts.topics();
        var rules = parts.rules();
        int categories = parts.lexicon().categories().size();

        KStream<byte[], ParsedRecord> parsed = builder
                .stream(topics.posts().name(), topics.posts().consumed("posts-source").withTimestampExtractor(new ProducedTimeOrNow()))
                .process(() -> new ParsePostsProcessor(parts.parser(), parts.metrics()), Named.as("parse-posts"));

        Map<String, KStream<byte[], ParsedRecord>> branches = parsed
                .split(Named.as("parsed-"))
                .branch((key, record) -> record.isValid(), Branched.as("valid"))
                .defaultBranch(Branched.as("rejected"));

        branches.get("parsed-rejected")
                .mapValues(ParsedRecord::original, Named.as("original-bytes"))
                .to(topics.deadLetter().name(), topics.deadLetter().produced("dead-letter-sink"));

        KStream<byte[], EnrichedPost> enriched = branches.get("parsed-valid")
                .mapValues(record -> {
                    // Under the live rules in force at the post's own time: a replay counts it the same way.
                    EnrichedPost post = parts.ruleBook().enricherAt(record.post().createdAtMs()).enrich(record.post(), record.ingestTimeMs());
                    parts.metrics().resolved(post.resolution());
                    return post;
                }, Named.as("enrich-post"));

        if (parts.dataPath().accountsRepartition()) {
            // For producers that cannot key posts by account: one shuffle of compact posts, so that
            // an account's posts meet in one task. Keyed producers (the contract) skip it.
            enriched = enriched
                    .selectKey((key, post) -> post.accountId().getBytes(StandardCharsets.UTF_8), Named.as("key-by-account"))
                    .repartition(Topics.POSTS_BY_ACCOUNT.repartitioned());
        }

        Map<String, KStream<String, RegionOutput>> regionOutput = enriched
                .process(PostsStageProcessor.supplier(rules, parts.dataPath(), categories, parts.metrics(), parts.inMemoryStores()),
                        Named.as("aggregate-partials"))
                .repartition(Topics.PARTIALS_BY_REGION.repartitioned().withStreamPartitioner(new ProgressBroadcastPartitioner()))
                .process(RegionStageProcessor.supplier(rules, parts.ruleBook(), parts.detector(), parts.alerts(), parts.metrics(), categories,
                        parts.dataPath(), postsPartitions, parts.coordination(), parts.inMemoryStores()), Named.as("detect-spikes"))
                .split(Named.as("region-output-"))
                .branch((key, out) -> out.isAlert(), Branched.as("alerts"))
                .defaultBranch(Branched.as("terms"));
        regionOutput.get("region-output-terms")
                .mapValues(RegionOutput::term, Named.as("term-suggestion"))
                .to(topics.emergingTerms().name(), topics.emergingTerms().produced("emerging-terms-sink"));
        // Any instance answers GET /v1/terms/emerging: the suggestions topic, read back whole.
        builder.globalTable(topics.emergingTerms().name(), topics.emergingTerms().consumed("emerging-terms-source"),
                org.apache.kafka.streams.kstream.Materialized.<String, org.unrestwatch.alert.TermSuggestion>as(
                                StoreKinds.keyValue(EMERGING_TERMS_STORE, parts.inMemoryStores()))
                        .withKeySerde(topics.emergingTerms().keySerde()).withValueSerde(topics.emergingTerms().valueSerde()));
        KStream<String, org.unrestwatch.alert.Alert> alerts = regionOutput.get("region-output-alerts")
                .mapValues(RegionOutput::alert, Named.as("alert-value"));
        alerts.to(topics.alerts().name(), topics.alerts().produced("alerts-sink"));
        // For services: the latest version of each story, keyed by its id, in a compacted topic.
        alerts.selectKey((region, alert) -> alert.alertId(), Named.as("key-by-alert-id"))
                .to(topics.alertState().name(), topics.alertState().produced("alert-state-sink"));
        // Any instance answers questions about any story: the state topic, read back whole into a global table.
        builder.globalTable(topics.alertState().name(), topics.alertState().consumed("alert-stories-source"),
                org.apache.kafka.streams.kstream.Materialized.<String, org.unrestwatch.alert.Alert>as(
                                StoreKinds.keyValue(ALERT_STORIES_STORE, parts.inMemoryStores()))
                        .withKeySerde(topics.alertState().keySerde()).withValueSerde(topics.alertState().valueSerde()));
        buildRules(builder, parts);
    }

    /** Rules are checked once, in the task reading the rules topic, then loaded whole by every instance. */
    private static void buildRules(StreamsBuilder builder, DetectorParts parts) {
        Topics topics = parts.topics();
        Map<String, KStream<byte[], RuleVerdict>> verdicts = builder
                .stream(topics.rules().name(), topics.rules().consumed("rules-source"))
                .process(() -> new ValidateRulesProcessor(parts.ruleValidator(), parts.metrics(),
                        parts.parser().limits().deadLetterMaxBytes()), Named.as("validate-rules"))
                .split(Named.as("rules-"))
                .branch((key, verdict) -> verdict.isAccepted(), Branched.as("accepted"))
                .defaultBranch(Branched.as("refused"));
        verdicts.get("rules-refused")
                .mapValues(RuleVerdict::deadLetter, Named.as("refused-rule-bytes"))
                .to(topics.deadLetter().name(), topics.deadLetter().produced("rules-dead-letter-sink"));
        verdicts.get("rules-accepted")
                .map((key, verdict) -> KeyValue.pair(verdict.id(), verdict.json()), Named.as("accepted-rule-json"))
                .to(topics.rulesAccepted().name(), topics.rulesAccepted().produced("accepted-rules-sink"));
        // Logging off: the accepted-rules topic is the store's changelog already.
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(StoreKinds.keyValue(RULES_STORE, parts.inMemoryStores()), Serdes.String(), Serdes.String())
                        .withLoggingDisabled(),
                topics.rulesAccepted().name(), topics.rulesAccepted().consumed("accepted-rules-source"),
                () -> new RulesStoreProcessor(parts.ruleBook(), parts.ruleValidator(), parts.metrics()));
    }
}
