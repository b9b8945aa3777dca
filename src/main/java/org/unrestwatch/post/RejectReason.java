package org.unrestwatch.post;

/** Why a record was sent to the dead-letter topic. The names are a contract (header and metric label). */
public enum RejectReason {
    EMPTY_RECORD,
    TOO_LARGE,
    NOT_JSON,
    NOT_AN_OBJECT,
    MISSING_FIELD,
    WRONG_TYPE,
    BAD_TIMESTAMP,
    TIMESTAMP_OUT_OF_RANGE,
    /** Dated further ahead of the wall clock than post.max.future.skew: it would move event time past now. */
    FUTURE_TIMESTAMP,
    FIELD_TOO_LONG,
    VALUE_OUT_OF_RANGE,
    /** A processor threw while handling the record (the exception class is in dlq.exception). */
    PROCESSING_ERROR,
    /** A record derived from it could not be written (e.g. too large for its topic). */
    PRODUCTION_ERROR,
    /** A rules-topic record that is not a valid unrest.rule/v1 rule for this detector (never applied). */
    INVALID_RULE
}
