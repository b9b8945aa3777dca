package org.unrestwatch.streams.errors;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * A topology with a processor that throws for records containing "poison": a stand-in for any
 * bug a record might hit in the detector's own processors, which the fuzz test did not find.
 */
public final class PoisonTopology {
    private PoisonTopology() {
    }

    public static Topology build(String in, String out) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(in, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("poison-source"))
                .processValues(() -> new ContextualFixedKeyProcessor<byte[], byte[], byte[]>() {
                    @Override
                    public void process(FixedKeyRecord<byte[], byte[]> record) {
                        if (new String(record.value(), StandardCharsets.UTF_8).contains("poison")) {
                            throw new IllegalStateException("a bug met by one record");
                        }
                        context().forward(record);
                    }
                }, Named.as("may-throw"))
                .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("poison-sink"));
        return b.build();
    }
}
