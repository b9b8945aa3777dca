package org.unrestwatch.testutil;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds post JSON as a producer would send it. */
public final class TestPosts {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode node = MAPPER.createObjectNode();

    private TestPosts(String id, long createdAtMs, String accountId, String text) {
        node.put("id", id);
        node.put("created_at", Instant.ofEpochMilli(createdAtMs).toString());
        node.put("text", text);
        node.putObject("account").put("id", accountId);
    }

    public static TestPosts post(String id, long createdAtMs, String accountId, String text) {
        return new TestPosts(id, createdAtMs, accountId, text);
    }

    public TestPosts region(String code) {
        node.put("region", code);
        return this;
    }

    public TestPosts place(String place) {
        node.put("place", place);
        return this;
    }

    public TestPosts geo(double lat, double lon) {
        node.putObject("geo").put("lat", lat).put("lon", lon);
        return this;
    }

    public TestPosts accountCreatedAt(long ms) {
        ((ObjectNode) node.get("account")).put("created_at", Instant.ofEpochMilli(ms).toString());
        return this;
    }

    public String json() {
        return node.toString();
    }

    public byte[] bytes() {
        return json().getBytes(StandardCharsets.UTF_8);
    }
}
