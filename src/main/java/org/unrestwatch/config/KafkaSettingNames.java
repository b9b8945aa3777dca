package org.unrestwatch.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Which {@code kafka.*} keys Kafka Streams or its clients know. An unknown one is passed on anyway
 * (a plugin may read it) but the user is warned: a typo in a security or timeout setting would
 * otherwise be ignored without a word.
 */
final class KafkaSettingNames {
    /** Kafka Streams' prefixes that route a setting to one client or to internal topics. */
    private static final List<String> PREFIXES = List.of(StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.CONSUMER_PREFIX, StreamsConfig.PRODUCER_PREFIX,
            StreamsConfig.ADMIN_CLIENT_PREFIX, StreamsConfig.TOPIC_PREFIX);
    private static final Set<String> KNOWN = known();

    private KafkaSettingNames() {
    }

    private static Set<String> known() {
        Set<String> names = new HashSet<>(StreamsConfig.configDef().names());
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }

    /** The known setting nearest {@code name} if it is within two edits (a typo), else null. */
    static String nearest(String name, java.util.function.ToIntBiFunction<String, String> distance) {
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix) && !prefix.equals(StreamsConfig.TOPIC_PREFIX)) {
                String near = nearest(name.substring(prefix.length()), distance);
                return near == null ? null : prefix + near;
            }
        }
        String best = null;
        int bestDistance = 3;
        for (String known : KNOWN) {
            int d = distance.applyAsInt(name, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best;
    }

    /** {@code name} without the {@code kafka.} prefix. */
    static boolean isKnown(String name) {
        if (KNOWN.contains(name)) {
            return true;
        }
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                // topic.* configs are topic-level (retention.ms, ...): not checked here.
                return prefix.equals(StreamsConfig.TOPIC_PREFIX) || KNOWN.contains(name.substring(prefix.length()));
            }
        }
        return false;
    }
}
