package org.unrestwatch.streams.errors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.unrestwatch.post.RejectReason;

/**
 * A record on an internal topic that does not deserialise (written by another version or by hand)
 * goes to the dead-letter topic as {@code PROCESSING_ERROR} instead of stopping the detector.
 * Posts are read as raw bytes, so their problems are the parser's, with their own reasons.
 */
public final class DeserializationErrorsToDeadLetters extends DeadLetterHandler implements DeserializationExceptionHandler {
    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        return Response.resume(routing.letterFor(context, RejectReason.PROCESSING_ERROR, exception));
    }
}
