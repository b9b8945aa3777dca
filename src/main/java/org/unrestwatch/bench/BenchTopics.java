package org.unrestwatch.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;

/** The benchmark's topic administration: fresh posts topics, and what a Streams app wrote to its repartition topics. */
final class BenchTopics {
    private BenchTopics() {
    }

    /** A posts topic kept forever: with a time limit the broker would delete posts dated hours ago. */
    static void createPostsTopic(Admin admin, String name, int partitions) throws ExecutionException, InterruptedException {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))).all().get();
    }

    /**
     * Sum of the end offsets of every topic named {@code <applicationId>...-repartition}: how many
     * records the app has written through repartition topics (Streams purges consumed records, so
     * end offsets are what is left to count). Under exactly-once each commit also adds one
     * transaction marker per written partition, so this is a slight overcount.
     */
    static long repartitionEndOffsets(Admin admin, String applicationId) throws ExecutionException, InterruptedException {
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        List<String> repartition = names.stream()
                .filter(n -> n.startsWith(applicationId) && n.endsWith("-repartition")).sorted().toList();
        if (repartition.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription d : admin.describeTopics(repartition).allTopicNames().get().values()) {
            d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }
}
