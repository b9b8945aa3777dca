package org.unrestwatch.streams;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/** A topic the detector reads or writes: its name and how its keys and values are serialised, together. */
public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public Consumed<K, V> consumed(String sourceName) {
        return Consumed.with(keySerde, valueSerde).withName(sourceName);
    }

    public Produced<K, V> produced(String sinkName) {
        return Produced.with(keySerde, valueSerde).withName(sinkName);
    }

    /** For an internal topic: Kafka Streams prefixes the name with the application id and appends -repartition. */
    public Repartitioned<K, V> repartitioned() {
        return Repartitioned.with(keySerde, valueSerde).withName(name);
    }
}
