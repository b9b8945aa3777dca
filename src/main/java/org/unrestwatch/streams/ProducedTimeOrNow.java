package org.unrestwatch.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The posts topic's record timestamp, or the wall clock when a record has none (-1: written by an
 * old client or a hand-made batch). Kafka Streams' default extractor throws on such a record and
 * stops processing for good. The timestamp only feeds ingest latency: event time is the post's
 * {@code created_at}, set by the parser.
 */
public final class ProducedTimeOrNow implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        return record.timestamp() >= 0 ? record.timestamp() : System.currentTimeMillis();
    }
}
