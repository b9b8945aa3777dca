package org.unrestwatch.post;

/** Header names on dead-letter records: why the record was rejected and where it came from. */
public final class DeadLetterHeaders {
    public static final String REASON = "dlq.reason";
    public static final String FIELD = "dlq.field";
    public static final String DETAIL = "dlq.detail";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String REJECTED_AT = "dlq.rejected.at";

    private DeadLetterHeaders() {
    }
}
