package org.unrestwatch.streams;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertJson;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.enrich.EnrichedPost;
import org.unrestwatch.serde.BinarySerde;

/**
 * Every topic of the detector, name and serdes in one place: the external ones (named in the
 * configuration) used by the topology, the admin code, the commands and the test fixture, and the
 * internal ones the topology creates.
 */
public record Topics(TopicSpec<byte[], byte[]> posts, TopicSpec<String, Alert> alerts, TopicSpec<byte[], byte[]> deadLetter,
                     TopicSpec<String, Alert> alertState, TopicSpec<byte[], byte[]> rules, TopicSpec<String, String> rulesAccepted,
                     TopicSpec<String, org.unrestwatch.alert.TermSuggestion> emergingTerms) {
    /** Stage 1 to stage 2: partial aggregates keyed by region, and progress marks to every partition. */
    public static final TopicSpec<String, PartialBatch> PARTIALS_BY_REGION =
            new TopicSpec<>("partials-by-region", Serdes.String(), BinarySerde.of(PartialBatch.CODEC));
    /** Only with accounts.repartition: posts re-keyed by account id. */
    public static final TopicSpec<byte[], EnrichedPost> POSTS_BY_ACCOUNT =
            new TopicSpec<>("posts-by-account", Serdes.ByteArray(), BinarySerde.of(EnrichedPost.CODEC));

    public static Topics from(DetectorConfig config) {
        refuseSharedNames(config);
        return new Topics(new TopicSpec<>(config.get("topic.posts"), Serdes.ByteArray(), Serdes.ByteArray()),
                new TopicSpec<>(config.get("topic.alerts"), Serdes.String(), new AlertJson()),
                new TopicSpec<>(config.get("topic.dlq"), Serdes.ByteArray(), Serdes.ByteArray()),
                new TopicSpec<>(alertStateName(config), Serdes.String(), new AlertJson()),
                new TopicSpec<>(config.get("topic.rules"), Serdes.ByteArray(), Serdes.ByteArray()),
                new TopicSpec<>(config.get("topic.rules") + ".accepted", Serdes.String(), Serdes.String()),
                new TopicSpec<>(emergingTermsName(config), Serdes.String(), org.unrestwatch.alert.TermSuggestion.SERDE));
    }

    /** topic.terms.emerging, or the alerts topic's name plus ".terms" (a second detector with its own alerts topic gets its own). */
    private static String emergingTermsName(DetectorConfig config) {
        String name = config.get("topic.terms.emerging");
        return name == null || name.isBlank() ? config.get("topic.alerts") + ".terms" : name;
    }

    /**
     * Each external topic needs its own name: the state topic is compacted by alert id, so sharing
     * it with the alerts topic would compact the alert history away.
     */
    private static void refuseSharedNames(DetectorConfig config) {
        java.util.Map<String, String> keyByName = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        names.put("topic.posts", config.get("topic.posts"));
        names.put("topic.alerts", config.get("topic.alerts"));
        names.put("topic.dlq", config.get("topic.dlq"));
        names.put("topic.alerts.state", alertStateName(config));
        names.put("topic.rules", config.get("topic.rules"));
        names.put("topic.rules (accepted)", config.get("topic.rules") + ".accepted");
        names.put("topic.terms.emerging", emergingTermsName(config));
        names.forEach((key, name) -> {
            String other = keyByName.putIfAbsent(name, key);
            if (other != null) {
                throw new org.unrestwatch.config.ConfigException(key + " and " + other + " both name the topic '" + name
                        + "' (" + key + " from " + config.source(key) + ", " + other + " from " + config.source(other)
                        + "): each needs its own topic");
            }
        });
    }

    /** topic.alerts.state, or the alerts topic's name plus ".state" (so a second detector with its own alerts topic gets its own). */
    private static String alertStateName(DetectorConfig config) {
        String name = config.get("topic.alerts.state");
        return name == null || name.isBlank() ? config.get("topic.alerts") + ".state" : name;
    }

    /** The topics the detector expects to exist (or creates) before it starts. */
    public List<String> externalNames() {
        return List.of(posts.name(), alerts.name(), deadLetter.name(), alertState.name(), rules.name(), rulesAccepted.name(),
                emergingTerms.name());
    }

    /** External topics that keep the latest record per key (compacted) rather than every record for a time. */
    public List<String> compactedNames() {
        return List.of(alertState.name(), rules.name(), rulesAccepted.name(), emergingTerms.name());
    }

    /** Topics small enough for one partition: the rules, which every instance reads whole. */
    public List<String> singlePartitionNames() {
        return List.of(rules.name(), rulesAccepted.name());
    }
}
