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
    /** The processor that threw (PROCESSING_ERROR and PRODUCTION_ERROR only). */
    public static final String PROCESSOR = "dlq.processor";
    /** The exception class (PROCESSING_ERROR and PRODUCTION_ERROR only). */
    public static final String EXCEPTION = "dlq.exception";
    /** Present when the value or key was cut to fit the dead-letter topic: "value", "key" or "value,key". */
    public static final String TRUNCATED = "dlq.truncated";
    /** Size in bytes of the original value, when it was truncated. */
    public static final String ORIGINAL_BYTES = "dlq.original.bytes";
    /** SHA-256 (hex) of the original value, when it was truncated: to match it with the source record. */
    public static final String ORIGINAL_SHA256 = "dlq.original.sha256";
    /** Size in bytes of the original key, when it was truncated. */
    public static final String ORIGINAL_KEY_BYTES = "dlq.original.key.bytes";
    /** Total size of the source record's own headers, when they were too large to copy and were dropped. */
    public static final String ORIGINAL_HEADERS_BYTES = "dlq.original.headers.bytes";
    /** Number of the source record's own headers, when they were too many or too large to copy and were dropped. */
    public static final String ORIGINAL_HEADERS_COUNT = "dlq.original.headers.count";

    private DeadLetterHeaders() {
    }
}
