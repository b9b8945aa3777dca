package org.unrestwatch.post;

/** A record that failed the post contract: the reason code, the field at fault (or null) and a sentence. */
public record Rejection(RejectReason reason, String field, String detail) {
    @Override
    public String toString() {
        return reason + (field == null ? "" : " [" + field + "]") + ": " + detail;
    }
}
