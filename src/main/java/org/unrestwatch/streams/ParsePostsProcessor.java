package org.unrestwatch.streams;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.unrestwatch.metrics.DetectorMetrics;
import org.unrestwatch.post.DeadLetter;
import org.unrestwatch.post.ParseResult;
import org.unrestwatch.post.ParsedRecord;
import org.unrestwatch.post.PostParser;
import org.unrestwatch.post.Rejection;

/**
 * Parses each raw record. A valid post goes on with its event time ({@code created_at}) as the
 * record timestamp, so that every window downstream is in event time without a second parse in a
 * timestamp extractor. A rejected record goes on as a {@link DeadLetter}: its original bytes (cut
 * to fit the dead-letter topic) and headers naming the reason, the field and its origin (topic,
 * partition, offset). Never throws for input; anything that does throw is caught by the handlers
 * in {@code streams.errors}.
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
            // The source's headers are dropped: nothing downstream reads them, and a post with a
            // megabyte of headers would otherwise make every record derived from it too large.
            context.forward(new Record<>(record.key(), new ParsedRecord(result.post(), null, null, record.timestamp()),
                    result.post().createdAtMs(), new RecordHeaders()));
            return;
        }
        Rejection why = result.rejection();
        metrics.rejected(why.reason());
        DeadLetter.Builder letter = DeadLetter.of(record.key(), record.value(), record.headers()).rejection(why);
        RecordMetadata origin = context.recordMetadata().orElse(null);
        if (origin != null) {
            letter.source(origin.topic(), origin.partition(), origin.offset());
        }
        DeadLetter dead = letter.rejectedAt(now).build(parser.limits().deadLetterMaxBytes());
        // Stamped with the rejection time: a producer's timestamp may be anything (0 would let the
        // dead-letter topic's retention delete the evidence at once).
        context.forward(new Record<>(dead.key(), new ParsedRecord(null, why, dead.value(), record.timestamp()), now, dead.headers()));
    }
}
