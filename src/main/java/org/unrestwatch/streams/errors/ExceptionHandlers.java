package org.unrestwatch.streams.errors;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.unrestwatch.metrics.DetectorMetrics;
import org.unrestwatch.streams.DetectorParts;

/** Installs the dead-letter exception handlers, and what they need, into a Kafka Streams configuration. */
public final class ExceptionHandlers {
    private ExceptionHandlers() {
    }

    public static void install(Properties props, DetectorParts parts) {
        install(props, parts.topics().deadLetter().name(), parts.parser().limits().deadLetterMaxBytes(), parts.metrics());
    }

    public static void install(Properties props, String deadLetterTopic, int maxBytes, DetectorMetrics metrics) {
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingErrorsToDeadLetters.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ProductionErrorsToDeadLetters.class);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeserializationErrorsToDeadLetters.class);
        props.put(DeadLetterRouting.TOPIC, deadLetterTopic);
        props.put(DeadLetterRouting.MAX_BYTES, Integer.toString(maxBytes));
        props.put(DeadLetterRouting.METRICS, metrics);
    }
}
