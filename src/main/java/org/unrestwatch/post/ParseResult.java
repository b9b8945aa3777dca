package org.unrestwatch.post;

/** Either a valid post or the reason the record was rejected. */
public record ParseResult(Post post, Rejection rejection) {
    public static ParseResult ok(Post post) {
        return new ParseResult(post, null);
    }

    public static ParseResult rejected(RejectReason reason, String field, String detail) {
        return new ParseResult(null, new Rejection(reason, field, detail));
    }

    public boolean isValid() {
        return post != null;
    }
}
