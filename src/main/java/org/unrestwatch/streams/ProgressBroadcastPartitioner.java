package org.unrestwatch.streams;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions the partials-by-region topic: a region's partials go to the partition of its key
 * (murmur2, as Kafka's default partitioner), a progress mark goes to every partition, because every
 * region task needs every posts partition's progress to know which windows have closed.
 */
final class ProgressBroadcastPartitioner implements StreamPartitioner<String, PartialBatch> {
    @Override
    public Optional<Set<Integer>> partitions(String topic, String region, PartialBatch batch, int numPartitions) {
        if (batch.isProgressMark()) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
        }
        byte[] key = region.getBytes(StandardCharsets.UTF_8);
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(key)) % numPartitions));
    }
}
