package org.unrestwatch.post;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.CharConversionException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and validates one post record against the input contract. It reads with Jackson's
 * streaming parser straight into the fields (no tree per record) and never throws for bad
 * input: every failure becomes a {@link Rejection} naming the field and what was wrong.
 */
public final class PostParser {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
            .build();

    private final PostLimits limits;

    public PostParser(PostLimits limits) {
        this.limits = limits;
    }

    public PostLimits limits() {
        return limits;
    }

    /** Parses {@code value}; {@code nowMs} is the wall clock used to reject posts from the future. */
    public ParseResult parse(byte[] value, long nowMs) {
        if (value == null || value.length == 0) {
            return ParseResult.rejected(RejectReason.EMPTY_RECORD, null, "record value is empty or null");
        }
        if (value.length > limits.maxRecordBytes()) {
            return ParseResult.rejected(RejectReason.TOO_LARGE, null,
                    "record is " + value.length + " bytes, limit is " + limits.maxRecordBytes());
        }
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return ParseResult.rejected(RejectReason.NOT_AN_OBJECT, null,
                        "top-level JSON value must be an object");
            }
            Post post = new Builder(p, nowMs).readPost();
            if (p.nextToken() != null) {
                return ParseResult.rejected(RejectReason.NOT_JSON, null, "trailing data after the JSON object");
            }
            return ParseResult.ok(post);
        } catch (Invalid e) {
            return new ParseResult(null, e.rejection);
        } catch (CharConversionException e) {
            return ParseResult.rejected(RejectReason.NOT_JSON, null, "invalid UTF-8: " + firstLine(e.getMessage()));
        } catch (JsonProcessingException e) {
            return ParseResult.rejected(RejectReason.NOT_JSON, null, firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            return ParseResult.rejected(RejectReason.NOT_JSON, null, firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Thrown inside the parser to stop at the first contract violation. */
    private static final class Invalid extends RuntimeException {
        final Rejection rejection;

        Invalid(RejectReason reason, String field, String detail) {
            super(detail, null, false, false);
            this.rejection = new Rejection(reason, field, detail);
        }
    }

    /** Mutable field holder for one parse; lives only on the stack of {@link #parse}. */
    private final class Builder {
        private final JsonParser p;
        private final long nowMs;
        String id;
        long createdAt = Post.NO_TIME;
        String text;
        String accountId;
        String handle;
        long accountCreatedAt = Post.NO_TIME;
        long followers = -1;
        String lang;
        double lat = Double.NaN;
        double lon = Double.NaN;
        String place;
        String region;
        List<String> hashtags = List.of();
        String repostOf;

        Builder(JsonParser p, long nowMs) {
            this.p = p;
            this.nowMs = nowMs;
        }

        Post readPost() throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (name) {
                    case "id" -> id = idValue("id", t);
                    case "created_at" -> createdAt = timestamp("created_at", t);
                    case "text" -> text = string("text", t, limits.maxTextChars());
                    case "account" -> readAccount(t);
                    case "lang" -> lang = string("lang", t, limits.maxFieldChars());
                    case "geo" -> readGeo(t);
                    case "place" -> place = string("place", t, limits.maxFieldChars());
                    case "region" -> region = string("region", t, limits.maxFieldChars());
                    case "hashtags" -> hashtags = readHashtags(t);
                    case "repost_of" -> repostOf = idValue("repost_of", t);
                    default -> p.skipChildren();
                }
            }
            require(id, "id");
            if (createdAt == Post.NO_TIME) {
                throw new Invalid(RejectReason.MISSING_FIELD, "created_at", "required field 'created_at' is missing");
            }
            require(text, "text");
            require(accountId, "account.id");
            if (Double.isNaN(lat) != Double.isNaN(lon)) {
                String missing = Double.isNaN(lat) ? "geo.lat" : "geo.lon";
                throw new Invalid(RejectReason.MISSING_FIELD, missing, "geo needs both lat and lon");
            }
            return new Post(id, createdAt, text, accountId, handle, accountCreatedAt, followers, lang,
                    lat, lon, place, region, hashtags, repostOf);
        }

        private void readAccount(JsonToken t) throws IOException {
            expectObject("account", t);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (name) {
                    case "id" -> accountId = idValue("account.id", v);
                    case "handle" -> handle = string("account.handle", v, limits.maxFieldChars());
                    case "created_at" -> accountCreatedAt = timestamp("account.created_at", v);
                    case "followers" -> followers = nonNegativeLong("account.followers", v);
                    default -> p.skipChildren();
                }
            }
        }

        private void readGeo(JsonToken t) throws IOException {
            expectObject("geo", t);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (name) {
                    case "lat" -> lat = coordinate("geo.lat", v, 90);
                    case "lon" -> lon = coordinate("geo.lon", v, 180);
                    default -> p.skipChildren();
                }
            }
        }

        private List<String> readHashtags(JsonToken t) throws IOException {
            if (t != JsonToken.START_ARRAY) {
                p.skipChildren();
                throw wrongType("hashtags", "an array of strings", t);
            }
            List<String> tags = new ArrayList<>(4);
            JsonToken v;
            while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                if (tags.size() >= limits.maxHashtags()) {
                    throw new Invalid(RejectReason.FIELD_TOO_LONG, "hashtags",
                            "more than " + limits.maxHashtags() + " hashtags");
                }
                tags.add(string("hashtags[" + tags.size() + "]", v, limits.maxFieldChars()));
            }
            return tags;
        }

        private void expectObject(String field, JsonToken t) throws IOException {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                throw wrongType(field, "an object", t);
            }
        }

        private String string(String field, JsonToken t, int maxChars) throws IOException {
            if (t != JsonToken.VALUE_STRING) {
                p.skipChildren();
                throw wrongType(field, "a string", t);
            }
            String s = p.getText();
            if (s.length() > maxChars) {
                throw new Invalid(RejectReason.FIELD_TOO_LONG, field,
                        "'" + field + "' has " + s.length() + " characters, limit is " + maxChars);
            }
            return s;
        }

        /** Ids may be strings or integers (many platforms emit numeric ids). */
        private String idValue(String field, JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return p.getText();
            }
            if (t != JsonToken.VALUE_STRING) {
                p.skipChildren();
                throw wrongType(field, "a string or an integer", t);
            }
            String s = string(field, t, limits.maxFieldChars());
            if (s.isBlank()) {
                throw new Invalid(RejectReason.MISSING_FIELD, field, "'" + field + "' is blank");
            }
            return s;
        }

        private long nonNegativeLong(String field, JsonToken t) throws IOException {
            if (t != JsonToken.VALUE_NUMBER_INT) {
                p.skipChildren();
                throw wrongType(field, "an integer", t);
            }
            long v = p.getLongValue();
            if (v < 0) {
                throw new Invalid(RejectReason.VALUE_OUT_OF_RANGE, field, "'" + field + "' is negative: " + v);
            }
            return v;
        }

        private double coordinate(String field, JsonToken t, double bound) throws IOException {
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                p.skipChildren();
                throw wrongType(field, "a number", t);
            }
            double v = p.getDoubleValue();
            if (!(v >= -bound && v <= bound)) {
                throw new Invalid(RejectReason.VALUE_OUT_OF_RANGE, field,
                        "'" + field + "' = " + v + " is outside [-" + (int) bound + ", " + (int) bound + "]");
            }
            return v;
        }

        private long timestamp(String field, JsonToken t) throws IOException {
            long ms;
            if (t == JsonToken.VALUE_NUMBER_INT) {
                ms = p.getLongValue();
            } else if (t == JsonToken.VALUE_STRING) {
                ms = parseIso(field, p.getText());
            } else {
                p.skipChildren();
                throw wrongType(field, "an ISO-8601 string or epoch milliseconds", t);
            }
            long earliest = limits.earliestCreatedAt().toEpochMilli();
            long latest = nowMs + limits.maxFutureSkew().toMillis();
            if (ms < earliest) {
                String hint = ms > 0 && ms < 100_000_000_000L ? " (looks like epoch seconds; milliseconds expected)" : "";
                throw new Invalid(RejectReason.TIMESTAMP_OUT_OF_RANGE, field,
                        "'" + field + "' is before " + limits.earliestCreatedAt() + hint);
            }
            if (ms > latest) {
                throw new Invalid(RejectReason.FUTURE_TIMESTAMP, field,
                        "'" + field + "' is more than " + limits.maxFutureSkew() + " ahead of the wall clock");
            }
            return ms;
        }

        private long parseIso(String field, String s) {
            try {
                return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
            } catch (DateTimeException | ArithmeticException e) {
                throw new Invalid(RejectReason.BAD_TIMESTAMP, field,
                        "'" + field + "' is not an ISO-8601 date-time with offset: \"" + abbreviate(s) + "\"");
            }
        }

        private void require(String value, String field) {
            if (value == null) {
                throw new Invalid(RejectReason.MISSING_FIELD, field, "required field '" + field + "' is missing");
            }
        }

        private Invalid wrongType(String field, String expected, JsonToken actual) {
            return new Invalid(RejectReason.WRONG_TYPE, field,
                    "'" + field + "' must be " + expected + ", got " + describe(actual));
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> String.valueOf(t);
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
