package org.unrestwatch.streams.errors;

import java.util.Map;
import org.apache.kafka.common.Configurable;

/** The configuration the three handlers share: Kafka Streams creates them, then hands them the streams config. */
abstract class DeadLetterHandler implements Configurable {
    protected DeadLetterRouting routing;

    @Override
    public void configure(Map<String, ?> configs) {
        routing = DeadLetterRouting.from(configs);
    }
}
