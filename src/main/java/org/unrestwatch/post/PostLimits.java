package org.unrestwatch.post;

import java.time.Duration;
import java.time.Instant;

/**
 * Size and sanity limits of the post contract. They are configuration: a platform with longer
 * posts raises {@code maxTextChars}.
 */
public record PostLimits(
        int maxRecordBytes,
        int maxTextChars,
        int maxFieldChars,
        int maxHashtags,
        Instant earliestCreatedAt,
        Duration maxFutureSkew,
        int deadLetterMaxBytes) {

    public static PostLimits defaults() {
        return new PostLimits(64 * 1024, 10_000, 512, 100,
                Instant.parse("2006-01-01T00:00:00Z"), Duration.ofDays(1), 256 * 1024);
    }
}
