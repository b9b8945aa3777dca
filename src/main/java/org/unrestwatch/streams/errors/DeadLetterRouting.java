package org.unrestwatch.streams.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unrestwatch.metrics.DetectorMetrics;
import org.unrestwatch.post.DeadLetter;
import org.unrestwatch.post.RejectReason;

/**
 * What the three exception handlers share: where dead letters go, how big they may be, and the
 * metrics that count them. Kafka Streams instantiates the handlers itself, so these reach them
 * through the streams configuration ({@link ExceptionHandlers#install}).
 */
final class DeadLetterRouting {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRouting.class);
    static final String TOPIC = "unrest.dead.letter.topic";
    static final String MAX_BYTES = "unrest.dead.letter.max.bytes";
    static final String METRICS = "unrest.dead.letter.metrics";

    private final String topic;
    private final int maxBytes;
    private final DetectorMetrics metrics;

    private DeadLetterRouting(String topic, int maxBytes, DetectorMetrics metrics) {
        this.topic = topic;
        this.maxBytes = maxBytes;
        this.metrics = metrics;
    }

    static DeadLetterRouting from(Map<String, ?> configs) {
        Object topic = configs.get(TOPIC);
        Object metrics = configs.get(METRICS);
        if (!(topic instanceof String) || !(metrics instanceof DetectorMetrics)) {
            throw new IllegalStateException("exception handlers need " + TOPIC + " and " + METRICS + ": use ExceptionHandlers.install");
        }
        return new DeadLetterRouting((String) topic, Integer.parseInt(String.valueOf(configs.get(MAX_BYTES))), (DetectorMetrics) metrics);
    }

    /**
     * The dead letter for the source record behind a failure: its raw bytes as read from the
     * source topic (cut to fit), with the reason, processor, exception and coordinates.
     */
    List<ProducerRecord<byte[], byte[]>> letterFor(ErrorHandlerContext ctx, RejectReason reason, Exception error) {
        return letterFor(ctx, reason, error, false);
    }

    /** {@code bare}: no value and no source headers, for a letter whose first write failed. */
    List<ProducerRecord<byte[], byte[]>> letterFor(ErrorHandlerContext ctx, RejectReason reason, Exception error, boolean bare) {
        metrics.rejected(reason);
        // The exception class only: a message may quote the record (it goes to dlq.detail, with the record).
        LOG.warn("{} in {} (task {}) for the record at {}-{}@{}: {}; sent to {}", reason, ctx.processorNodeId(), ctx.taskId(),
                ctx.topic(), ctx.partition(), ctx.offset(), error.getClass().getName(), topic);
        long now = System.currentTimeMillis();
        DeadLetter.Builder builder = DeadLetter.of(ctx.sourceRawKey(), ctx.sourceRawValue(), ctx.headers())
                .failure(reason, ctx.processorNodeId(), error)
                .source(ctx.topic(), ctx.partition(), ctx.offset())
                .rejectedAt(now);
        DeadLetter letter = bare ? builder.withoutSourceHeaders().build(0) : builder.build(maxBytes);
        return List.of(new ProducerRecord<>(topic, null, now, letter.key(), letter.value(), letter.headers()));
    }

    /** A dead letter from a handler that could not be written either: logged and counted, never retried in a loop. */
    ProductionExceptionHandler.Response letterLost(ErrorHandlerContext ctx, Exception error) {
        metrics.rejected(RejectReason.PRODUCTION_ERROR);
        LOG.error("the dead letter for the record at {}-{}@{} could not be written to {} either ({}); it is lost",
                ctx.topic(), ctx.partition(), ctx.offset(), topic, error.getClass().getName());
        return ProductionExceptionHandler.Response.resume();
    }

    /** A punctuation has no source record: nothing to send, but it is counted and logged. */
    void punctuationFailed(ErrorHandlerContext ctx, Exception error) {
        metrics.rejected(RejectReason.PROCESSING_ERROR);
        LOG.error("PROCESSING_ERROR in a punctuation of {} (task {}); processing goes on", ctx.processorNodeId(),
                ctx.taskId(), error);
    }

    String topic() {
        return topic;
    }
}
