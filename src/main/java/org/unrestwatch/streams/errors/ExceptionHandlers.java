package org.unrestwatch.streams.errors;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.unrestwatch.streams.DetectorParts;

/** Installs the dead-letter exception handlers, and what they need, into a Kafka Streams configuration. */
public final class ExceptionHandlers {
    private ExceptionHandlers() {
    }

    public static void install(Properties props, DetectorParts parts) {
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingErrorsToDeadLetters.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ProductionErrorsToDeadLetters.class);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeserializationErrorsToDeadLetters.class);
        props.put(DeadLetterRouting.TOPIC, parts.topics().deadLetter().name());
        props.put(DeadLetterRouting.MAX_BYTES, Integer.toString(parts.parser().limits().deadLetterMaxBytes()));
        props.put(DeadLetterRouting.METRICS, parts.metrics());
    }
}
