package org.unrestwatch.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PostParserTest {
    private static final long NOW = Instant.parse("2025-11-08T12:00:00Z").toEpochMilli();
    private final PostParser parser = new PostParser(PostLimits.defaults());

    private ParseResult parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void readsEveryContractField() {
        ParseResult r = parse("""
                {"id":"p1","created_at":"2025-11-08T10:00:00+05:00","text":"Dharna at Faizabad",
                 "account":{"id":"a1","handle":"@tlp_lahore","created_at":"2025-11-01T00:00:00Z","followers":12},
                 "lang":"ur","geo":{"lat":31.55,"lon":74.35},"place":"Lahore, Pakistan","region":"PK-PB",
                 "hashtags":["ShutDownLahore"],"repost_of":"p0","unknown_field":{"ignored":[1,2,3]}}
                """);
        assertTrue(r.isValid(), () -> String.valueOf(r.rejection()));
        Post p = r.post();
        assertEquals("p1", p.id());
        assertEquals(Instant.parse("2025-11-08T05:00:00Z").toEpochMilli(), p.createdAtMs());
        assertEquals("a1", p.accountId());
        assertEquals(Instant.parse("2025-11-01T00:00:00Z").toEpochMilli(), p.accountCreatedAtMs());
        assertEquals(12, p.accountFollowers());
        assertEquals(31.55, p.geoLat());
        assertEquals("Lahore, Pakistan", p.place());
        assertEquals("PK-PB", p.region());
        assertEquals(List.of("ShutDownLahore"), p.hashtags());
        assertEquals("p0", p.repostOf());
    }

    @Test
    void acceptsEpochMillisAndNumericIds() {
        ParseResult r = parse("{\"id\":123,\"created_at\":" + (NOW - 1000) + ",\"text\":\"x\",\"account\":{\"id\":42}}");
        assertTrue(r.isValid());
        assertEquals("123", r.post().id());
        assertEquals("42", r.post().accountId());
        assertEquals(NOW - 1000, r.post().createdAtMs());
        assertFalse(r.post().hasGeo());
    }

    static List<Arguments> malformed() {
        String ok = "\"id\":\"p\",\"created_at\":\"2025-11-08T10:00:00Z\",\"text\":\"t\",\"account\":{\"id\":\"a\"}";
        return List.of(
                Arguments.of("", RejectReason.EMPTY_RECORD, null),
                Arguments.of("{not json", RejectReason.NOT_JSON, null),
                Arguments.of("[1,2,3]", RejectReason.NOT_AN_OBJECT, null),
                Arguments.of("{" + ok + "} trailing", RejectReason.NOT_JSON, null),
                Arguments.of("{\"created_at\":\"2025-11-08T10:00:00Z\",\"text\":\"t\",\"account\":{\"id\":\"a\"}}", RejectReason.MISSING_FIELD, "id"),
                Arguments.of("{\"id\":\"p\",\"text\":\"t\",\"account\":{\"id\":\"a\"}}", RejectReason.MISSING_FIELD, "created_at"),
                Arguments.of("{\"id\":\"p\",\"created_at\":\"2025-11-08T10:00:00Z\",\"account\":{\"id\":\"a\"}}", RejectReason.MISSING_FIELD, "text"),
                Arguments.of("{\"id\":\"p\",\"created_at\":\"2025-11-08T10:00:00Z\",\"text\":\"t\",\"account\":{}}", RejectReason.MISSING_FIELD, "account.id"),
                Arguments.of("{\"id\":\"p\",\"created_at\":\"2025-11-08T10:00:00Z\",\"text\":\"t\"}", RejectReason.MISSING_FIELD, "account.id"),
                Arguments.of("{" + ok.replace("\"text\":\"t\"", "\"text\":42") + "}", RejectReason.WRONG_TYPE, "text"),
                Arguments.of("{" + ok.replace("{\"id\":\"a\"}", "\"a\"") + "}", RejectReason.WRONG_TYPE, "account"),
                Arguments.of("{" + ok + ",\"hashtags\":\"#tag\"}", RejectReason.WRONG_TYPE, "hashtags"),
                Arguments.of("{" + ok.replace("2025-11-08T10:00:00Z", "yesterday") + "}", RejectReason.BAD_TIMESTAMP, "created_at"),
                Arguments.of("{" + ok.replace("2025-11-08T10:00:00Z", "2025-11-08 10:00:00") + "}", RejectReason.BAD_TIMESTAMP, "created_at"),
                Arguments.of("{" + ok.replace("\"2025-11-08T10:00:00Z\"", "1762596000") + "}", RejectReason.TIMESTAMP_OUT_OF_RANGE, "created_at"),
                Arguments.of("{" + ok.replace("2025-11-08T10:00:00Z", "2031-01-01T00:00:00Z") + "}", RejectReason.FUTURE_TIMESTAMP, "created_at"),
                Arguments.of("{" + ok + ",\"geo\":{\"lat\":95.0,\"lon\":74.0}}", RejectReason.VALUE_OUT_OF_RANGE, "geo.lat"),
                Arguments.of("{" + ok + ",\"geo\":{\"lat\":31.0}}", RejectReason.MISSING_FIELD, "geo.lon"),
                Arguments.of("{" + ok.replace("\"text\":\"t\"", "\"text\":\"" + "x".repeat(10_001) + "\"") + "}", RejectReason.FIELD_TOO_LONG, "text"),
                Arguments.of("{" + ok + ",\"account\":{\"id\":\"a\",\"followers\":-5}}", RejectReason.VALUE_OUT_OF_RANGE, "account.followers"),
                Arguments.of("{" + ok + ",\"pad\":\"" + "y".repeat(70_000) + "\"}", RejectReason.TOO_LARGE, null));
    }

    @ParameterizedTest(name = "[{index}] {1} {2}")
    @MethodSource("malformed")
    void rejectsWithASpecificReasonAndField(String json, RejectReason reason, String field) {
        ParseResult r = parse(json);
        assertFalse(r.isValid(), "should be rejected: " + json);
        assertEquals(reason, r.rejection().reason(), r.rejection().toString());
        assertEquals(field, r.rejection().field(), r.rejection().toString());
        assertFalse(r.rejection().detail().isBlank());
    }

    @Test
    void rejectsInvalidUtf8AndNullValue() {
        assertEquals(RejectReason.NOT_JSON, parser.parse(new byte[] {'{', '"', 'i', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, NOW)
                .rejection().reason());
        assertEquals(RejectReason.EMPTY_RECORD, parser.parse(null, NOW).rejection().reason());
    }

    @Test
    void epochSecondsAreCalledOutInTheDetail() {
        ParseResult r = parse("{\"id\":\"p\",\"created_at\":1762596000,\"text\":\"t\",\"account\":{\"id\":\"a\"}}");
        assertTrue(r.rejection().detail().contains("epoch seconds"), r.rejection().detail());
    }
}
