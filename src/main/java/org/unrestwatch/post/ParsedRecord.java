package org.unrestwatch.post;

/**
 * The parse step's output: the post, or the rejection with the original bytes for the dead-letter
 * topic. {@code ingestTimeMs} is the record's timestamp in the posts topic.
 */
public record ParsedRecord(Post post, Rejection rejection, byte[] original, long ingestTimeMs) {
    public boolean isValid() {
        return post != null;
    }
}
