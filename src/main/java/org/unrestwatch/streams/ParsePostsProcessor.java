package org.unrestwatch.streams;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.unrestwatch.metrics.DetectorMetrics;
import org.unrestwatch.post.DeadLetterHeaders;
import org.unrestwatch.post.ParseResult;
import org.unrestwatch.post.ParsedRecord;
import org.unrestwatch.post.PostParser;
import org.unrestwatch.post.Rejection;

/**
 * Parses each raw record. A valid post goes on with its event time ({@code created_at}) as the
 * record timestamp, so that every window downstream is in event time without a second parse in a
 * timestamp extractor. A rejected record goes on with its original bytes and dead-letter headers
 * naming the reason, the field and its origin (topic, partition, offset). Never throws for input.
 */
public final class ParsePostsProcessor implements Processor<byte[], byte[], byte[], ParsedRecord> {
    private final PostParser parser;
    private final DetectorMetrics metrics;
    private ProcessorContext<byte[], ParsedRecord> context;

    public ParsePostsProcessor(PostParser parser, DetectorMetrics metrics) {
        this.parser = parser;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], ParsedRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.consumed();
        long now = context.currentSystemTimeMs();
        ParseResult result = parser.parse(record.value(), now);
        if (result.isValid()) {
            context.forward(record.withValue(new ParsedRecord(result.post(), null, null, record.timestamp()))
                    .withTimestamp(result.post().createdAtMs()));
            return;
        }
        Rejection why = result.rejection();
        metrics.rejected(why.reason());
        Headers headers = record.headers();
        put(headers, DeadLetterHeaders.REASON, why.reason().name());
        if (why.field() != null) {
            put(headers, DeadLetterHeaders.FIELD, why.field());
        }
        put(headers, DeadLetterHeaders.DETAIL, why.detail());
        RecordMetadata origin = context.recordMetadata().orElse(null);
        if (origin != null) {
            put(headers, DeadLetterHeaders.SOURCE_TOPIC, origin.topic());
            put(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(origin.partition()));
            put(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(origin.offset()));
        }
        put(headers, DeadLetterHeaders.REJECTED_AT, Instant.ofEpochMilli(now).toString());
        context.forward(record.withValue(new ParsedRecord(null, why, record.value(), record.timestamp())));
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
