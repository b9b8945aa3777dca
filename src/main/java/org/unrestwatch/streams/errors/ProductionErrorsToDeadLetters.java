package org.unrestwatch.streams.errors;

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
 * dead-letter topic itself leaves a bare letter (no value, no source headers: its size, digest and
 * coordinates); if even that fails, the loss is logged and counted, never retried in a loop. Under
 * exactly-once, Kafka Streams 4.4 still fails the task after a refused write whatever this answers
 * (see docs/operations.md): records are bounded before they are written so that it is not needed.
 */
public final class ProductionErrorsToDeadLetters extends DeadLetterHandler implements ProductionExceptionHandler {
    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        if (isBareLetter(record)) {
            return routing.letterLost(context, exception); // even the bare letter failed: no letter about the letter
        }
        return Response.resume(routing.letterFor(context, RejectReason.PRODUCTION_ERROR, exception, toDeadLetters(record)));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        return Response.resume(routing.letterFor(context, RejectReason.PRODUCTION_ERROR, exception, toDeadLetters(record)));
    }

    private boolean toDeadLetters(ProducerRecord<?, ?> failed) {
        return failed != null && routing.topic().equals(failed.topic());
    }

    /** A letter this handler made about a failed dead-letter write: no value, no source headers. */
    private boolean isBareLetter(ProducerRecord<?, ?> failed) {
        if (!toDeadLetters(failed)) {
            return false;
        }
        var reason = failed.headers().lastHeader(DeadLetterHeaders.REASON);
        return reason != null && RejectReason.PRODUCTION_ERROR.name().equals(new String(reason.value(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
