package org.unrestwatch.streams.errors;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.unrestwatch.post.RejectReason;

/**
 * Any exception a processor throws for one record sends that record's source bytes to the
 * dead-letter topic as {@code PROCESSING_ERROR} and processing goes on: no record can stop the
 * detector. (Input the parser rejects never gets here: it has its own reasons.)
 */
public final class ProcessingErrorsToDeadLetters extends DeadLetterHandler implements ProcessingExceptionHandler {
    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (context.sourceRawValue() == null && context.sourceRawKey() == null && record == null) {
            routing.punctuationFailed(context, exception);
            return Response.resume();
        }
        return Response.resume(routing.letterFor(context, RejectReason.PROCESSING_ERROR, exception));
    }
}
