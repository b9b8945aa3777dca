package org.unrestwatch.post;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record bound for the dead-letter topic: the source record's bytes and headers plus {@code dlq.*}
 * headers saying why and where it came from. It always fits the dead-letter topic: a value larger
 * than {@code maxValueBytes} is cut to that size (its size and SHA-256 in headers), a key to
 * {@value #MAX_KEY_BYTES} bytes, and source headers too many or too large to copy are dropped
 * (their size and count in headers). Otherwise one oversize record would fail the dead-letter write and stop processing.
 */
public record DeadLetter(byte[] key, byte[] value, Headers headers) {
    public static final int MAX_KEY_BYTES = 1024;
    public static final int MAX_COPIED_HEADER_BYTES = 16 * 1024;
    public static final int MAX_COPIED_HEADERS = 64;
    /** Upper bound of a header's own framing on the wire (varint lengths), besides its name and value. */
    private static final int HEADER_OVERHEAD_BYTES = 10;
    private static final int MAX_DETAIL_CHARS = 1000;

    /** Starts a dead letter for a source record; {@code sourceHeaders} may be null. */
    public static Builder of(byte[] key, byte[] value, Iterable<Header> sourceHeaders) {
        return new Builder(key, value, sourceHeaders);
    }

    public static final class Builder {
        private final byte[] key;
        private final byte[] value;
        private final Iterable<Header> sourceHeaders;
        private final RecordHeaders dlq = new RecordHeaders();
        private boolean copyHeaders = true;

        private Builder(byte[] key, byte[] value, Iterable<Header> sourceHeaders) {
            this.key = key;
            this.value = value;
            this.sourceHeaders = sourceHeaders;
        }

        public Builder rejection(Rejection why) {
            put(DeadLetterHeaders.REASON, why.reason().name());
            if (why.field() != null) {
                put(DeadLetterHeaders.FIELD, why.field());
            }
            put(DeadLetterHeaders.DETAIL, why.detail());
            return this;
        }

        /** A record whose handling threw: the processor and the exception class and message. */
        public Builder failure(RejectReason reason, String processor, Throwable error) {
            put(DeadLetterHeaders.REASON, reason.name());
            if (processor != null) {
                put(DeadLetterHeaders.PROCESSOR, processor);
            }
            put(DeadLetterHeaders.EXCEPTION, error.getClass().getName());
            put(DeadLetterHeaders.DETAIL, String.valueOf(error.getMessage()));
            return this;
        }

        public Builder source(String topic, int partition, long offset) {
            if (topic != null) {
                put(DeadLetterHeaders.SOURCE_TOPIC, topic);
                put(DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(partition));
                put(DeadLetterHeaders.SOURCE_OFFSET, Long.toString(offset));
            }
            return this;
        }

        public Builder rejectedAt(long nowMs) {
            put(DeadLetterHeaders.REJECTED_AT, Instant.ofEpochMilli(nowMs).toString());
            return this;
        }

        /** Leaves the source record's own headers out (a letter about a letter that could not be written). */
        public Builder withoutSourceHeaders() {
            copyHeaders = false;
            return this;
        }

        public DeadLetter build(int maxValueBytes) {
            RecordHeaders out = new RecordHeaders();
            copySourceHeaders(out);
            dlq.forEach(out::add);
            String truncated = "";
            byte[] v = value;
            if (v != null && v.length > maxValueBytes) {
                out.add(DeadLetterHeaders.ORIGINAL_BYTES, bytes(Integer.toString(v.length)));
                out.add(DeadLetterHeaders.ORIGINAL_SHA256, bytes(sha256(v)));
                v = Arrays.copyOf(v, maxValueBytes);
                truncated = "value";
            }
            byte[] k = key;
            if (k != null && k.length > MAX_KEY_BYTES) {
                out.add(DeadLetterHeaders.ORIGINAL_KEY_BYTES, bytes(Integer.toString(k.length)));
                k = Arrays.copyOf(k, MAX_KEY_BYTES);
                truncated = truncated.isEmpty() ? "key" : truncated + ",key";
            }
            if (!truncated.isEmpty()) {
                out.add(DeadLetterHeaders.TRUNCATED, bytes(truncated));
            }
            return new DeadLetter(k, v, out);
        }

        /**
         * The source's own headers, except earlier dlq.* ones (a re-driven record gets fresh ones),
         * if they are few and small: sized as on the wire, where even an empty header costs bytes
         * (700,000 empty ones make a 1.4 MB record out of a 2-byte value).
         */
        private void copySourceHeaders(RecordHeaders out) {
            if (sourceHeaders == null || !copyHeaders) {
                return;
            }
            long size = 0;
            int count = 0;
            for (Header h : sourceHeaders) {
                size += HEADER_OVERHEAD_BYTES + h.key().getBytes(StandardCharsets.UTF_8).length + (h.value() == null ? 0 : h.value().length);
                count++;
            }
            if (size > MAX_COPIED_HEADER_BYTES || count > MAX_COPIED_HEADERS) {
                out.add(DeadLetterHeaders.ORIGINAL_HEADERS_BYTES, bytes(Long.toString(size)));
                out.add(DeadLetterHeaders.ORIGINAL_HEADERS_COUNT, bytes(Integer.toString(count)));
                return;
            }
            for (Header h : sourceHeaders) {
                if (!h.key().startsWith("dlq.")) {
                    out.add(h.key(), h.value());
                }
            }
        }

        private void put(String name, String text) {
            dlq.remove(name);
            String t = text.length() > MAX_DETAIL_CHARS ? text.substring(0, MAX_DETAIL_CHARS) + "…" : text;
            dlq.add(name, bytes(t));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
