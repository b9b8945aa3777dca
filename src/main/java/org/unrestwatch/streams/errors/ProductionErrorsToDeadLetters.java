package org.unrestwatch.streams.errors;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.unrestwatch.post.DeadLetterHeaders;
import org.unrestwatch.post.RejectReason;

/**
 * A record the detector cannot write (too large for the topic, a timestamp the broker refuses, a
 * value that does not serialise) sends its source record to the dead-letter topic as
 * {@code PRODUCTION_ERROR} and processing goes on. Transient errors are retried (Kafka Streams
 * gives up after {@code task.timeout.ms} and the thread is replaced). A failed write to the
 * dead-letter topic itself leaves a letter without the value: its size, digest and coordinates.
 */
public final class ProductionErrorsToDeadLetters implements ProductionExceptionHandler {
    private DeadLetterRouting routing;

    @Override
    public void configure(Map<String, ?> configs) {
        routing = DeadLetterRouting.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        if (isOwnLetter(record)) {
            return routing.letterLost(context, exception); // a letter that cannot be written: no letter about the letter
        }
        return Response.resume(routing.letterFor(context, RejectReason.PRODUCTION_ERROR, exception, valueLimit(record)));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        return Response.resume(routing.letterFor(context, RejectReason.PRODUCTION_ERROR, exception, valueLimit(record)));
    }

    private static boolean isOwnLetter(ProducerRecord<?, ?> failed) {
        return failed != null && failed.headers().lastHeader(DeadLetterHeaders.REASON) != null
                && failed.headers().lastHeader(DeadLetterHeaders.EXCEPTION) != null;
    }

    private int valueLimit(ProducerRecord<?, ?> failed) {
        return failed != null && routing.topic().equals(failed.topic()) ? 0 : routing.maxBytes();
    }
}
