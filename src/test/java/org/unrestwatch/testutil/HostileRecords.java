package org.unrestwatch.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Records an attacker or a broken producer would send, generated from a seed: valid posts with one
 * field corrupted (missing, wrong type, out of range, too long), extreme numbers and dates, broken
 * syntax, invalid UTF-8, deep nesting, huge strings, random bytes. Every one breaks the post
 * contract, so each must end in the dead-letter topic and none may change an alert.
 */
public final class HostileRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DATES = List.of("+300000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
            "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z",
            "2026-11-29T10:00:00", "yesterday", "", "2026-11-29T10:00:00+25:00", "0000-00-00T00:00:00Z");
    private static final List<String> NUMBERS_AS_JSON = List.of("9223372036854775808", "-9223372036854775809",
            "1" + "0".repeat(400), "1e400", "-1e400", "1.5", "-1", "-0.0000001", "NaN", "Infinity", "0x10", "1" + "9".repeat(2000));
    private static final List<String> NOT_A_STRING = List.of("true", "false", "[]", "{}", "[1,2]", "{\"a\":1}", "12", "-3.5");
    private static final List<String> NOT_A_DATE = List.of("true", "false", "[]", "{}", "[1,2]", "{\"a\":1}", "-3.5", "\"\"");
    private static final List<String> NOT_AN_ID = List.of("true", "[]", "{}", "1.5", "[\"x\"]", "\"\"", "\"  \"");
    /** Per field, values that break its type: only values the contract refuses (an empty geo object is allowed, say). */
    private static final Map<String, List<String>> WRONG_TYPES = Map.ofEntries(
            Map.entry("id", NOT_AN_ID), Map.entry("repost_of", List.of("true", "[]", "{}", "1.5")),
            Map.entry("account.id", NOT_AN_ID),
            Map.entry("text", NOT_A_STRING), Map.entry("lang", NOT_A_STRING), Map.entry("place", NOT_A_STRING),
            Map.entry("region", NOT_A_STRING), Map.entry("account.handle", NOT_A_STRING),
            Map.entry("created_at", NOT_A_DATE), Map.entry("account.created_at", NOT_A_DATE),
            Map.entry("account", List.of("true", "false", "[]", "[1,2]", "12", "-3.5", "\"\"", "{}", "{\"a\":1}")),
            Map.entry("account.followers", List.of("true", "false", "[]", "{}", "-3.5", "\"12\"", "\"\"")),
            Map.entry("geo", List.of("true", "false", "[]", "[1,2]", "12", "\"\"", "{\"lat\":1}", "{\"lon\":1}")),
            Map.entry("geo.lat", List.of("\"31.5\"", "true", "[]", "{}")), Map.entry("geo.lon", List.of("\"74.3\"", "true", "[]", "{}")),
            Map.entry("hashtags", List.of("true", "false", "{}", "12", "\"\"", "{\"a\":1}")), Map.entry("hashtags[]", List.of()));
    private static final List<String> WRONG_TYPE_FIELDS = WRONG_TYPES.keySet().stream().sorted().toList(); // Map.of order varies by JVM

    /** One generated record and the kind of damage it carries (for the failure message and the tally). */
    public record Hostile(String kind, byte[] value) {
    }

    private final Random random;
    private final List<ObjectNode> validPosts = new ArrayList<>();
    private final Map<String, Function<ObjectNode, byte[]>> kinds = new LinkedHashMap<>();

    public HostileRecords(long seed, List<byte[]> validPostJson) {
        this.random = new Random(seed);
        for (byte[] v : validPostJson) {
            try {
                JsonNode n = JSON.readTree(v);
                if (n instanceof ObjectNode o && o.has("account")) {
                    validPosts.add(o);
                }
            } catch (IOException e) {
                // the scenario's own malformed records: not a base for mutations
            }
        }
        kinds.put("required field missing", this::missingField);
        kinds.put("field of the wrong type", this::wrongType);
        kinds.put("number out of range", this::numberOutOfRange);
        kinds.put("bad or extreme date", this::badDate);
        kinds.put("field too long", this::tooLong);
        kinds.put("record too large", this::tooLarge);
        kinds.put("truncated JSON", this::truncated);
        kinds.put("trailing data", p -> concat(bytes(p), bytes("{\"id\":1}")));
        kinds.put("invalid UTF-8", this::invalidUtf8);
        kinds.put("raw control character", p -> bytes(p.toString().replaceFirst("\"text\":\"", "\"text\":\"\u0001\u0000")));
        kinds.put("deep nesting", this::deepNesting);
        kinds.put("not an object", p -> bytes(pick(List.of("[]", "[" + p + "]", "\"a post\"", "42", "null", "true", " ", "\"\\u0000\""))));
        kinds.put("random bytes", p -> randomBytes());
        kinds.put("empty", p -> new byte[0]);
    }

    /** {@code n} records, the kinds in turn, each mutating a random valid post. */
    public List<Hostile> generate(int n) {
        List<String> names = new ArrayList<>(kinds.keySet());
        List<Hostile> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String kind = names.get(i % names.size());
            ObjectNode post = validPosts.get(random.nextInt(validPosts.size())).deepCopy();
            out.add(new Hostile(kind, kinds.get(kind).apply(post)));
        }
        return out;
    }

    /**
     * Valid posts at the edges of the contract, dated {@code eventTimeMs}: texts of odd Unicode
     * (astral, combining, bidi controls, lone surrogates), the longest texts, fields and hashtag
     * lists, ids of hundreds of digits, geo points on the poles and the antimeridian, the largest
     * follower count. They must pass through every stage without a processor throwing.
     */
    public ObjectNode validExtreme(long eventTimeMs, long nowMs) {
        ObjectNode p = JSON.createObjectNode();
        p.put("id", random.nextBoolean() ? "x" + random.nextLong() : null);
        if (!p.hasNonNull("id")) {
            p.set("id", JSON.getNodeFactory().numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(900)))));
        }
        p.put("created_at", java.time.Instant.ofEpochMilli(random.nextInt(50) == 0 ? nowMs + 240_000 : eventTimeMs).toString());
        boolean longText = random.nextInt(5) == 0;
        p.put("text", oddText(longText ? 9_000 : 1 + random.nextInt(400)));
        ObjectNode account = p.putObject("account");
        account.put("id", random.nextBoolean() ? oddText(1 + random.nextInt(500)) : "acct-" + random.nextInt(50));
        account.put("handle", oddText(1 + random.nextInt(500)));
        account.put("created_at", java.time.Instant.parse(pick(List.of("2006-01-01T00:00:00Z", "2026-01-01T00:00:00Z"))).toString());
        account.put("followers", pick(List.of(0L, Long.MAX_VALUE, 1L)));
        switch (random.nextInt(4)) {
            case 0 -> p.putObject("geo").put("lat", pick(List.of(90.0, -90.0, 0.0, 33.7))).put("lon", pick(List.of(180.0, -180.0, 0.0, 73.1)));
            case 1 -> p.put("place", oddText(1 + random.nextInt(500)));
            case 2 -> p.put("region", pick(List.of("PK-PB", "pk-sd", "PK-XX", " PK-IS ", "")));
            default -> { }
        }
        ArrayNode tags = p.putArray("hashtags");
        for (int i = random.nextInt(3) == 0 ? 100 : random.nextInt(5); i > 0; i--) {
            tags.add(oddText(1 + random.nextInt(longText ? 20 : 100))); // the whole post stays under post.max.record.bytes
        }
        p.put("lang", oddText(1 + random.nextInt(20)));
        return p;
    }

    /** Text from awkward corners of Unicode, with protest words among them so that the lexicon fires. */
    private String oddText(int length) {
        String[] pieces = {"dharna", "جلاؤ گھیراؤ", "#BoycottFrance", "\u200f", "\u200d", "\u0301", "\ud83d\ude21", "\ud800",
            "\udfff", "\u0000", "  ", "ﷺ", "ـــ", "ＡＢＣ", "İ", "ß", "#", "@", "\uFEFF", "\u202e", "لاہور", "muzaffarabad"};
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            String piece = pieces[random.nextInt(pieces.length)];
            b.append(piece.startsWith("\\u") ? String.valueOf((char) Integer.parseInt(piece.substring(2, 6), 16))
                    + (piece.length() > 6 ? String.valueOf((char) Integer.parseInt(piece.substring(8, 12), 16)) : "") : piece);
            if (random.nextBoolean()) {
                b.append(' ');
            }
        }
        return b.length() > length ? b.substring(0, length) : b.toString();
    }

    public List<String> kinds() {
        return List.copyOf(kinds.keySet());
    }

    private byte[] missingField(ObjectNode p) {
        switch (random.nextInt(6)) {
            case 0 -> p.remove("id");
            case 1 -> p.remove("created_at");
            case 2 -> p.remove("text");
            case 3 -> p.remove("account");
            case 4 -> ((ObjectNode) p.get("account")).remove("id");
            default -> p.put("id", pick(List.of("", "   ", "\t")));
        }
        return bytes(p);
    }

    private byte[] wrongType(ObjectNode p) {
        String field = pick(WRONG_TYPE_FIELDS);
        if (field.equals("hashtags[]")) {
            return bytes(p.toString().replaceFirst("^\\{", "{\"hashtags\":[\"ok\"," + pick(List.of("1", "{}", "[]", "true")) + "],"));
        }
        return set(p, field, pick(WRONG_TYPES.get(field)));
    }

    private byte[] numberOutOfRange(ObjectNode p) {
        String field = pick(List.of("geo.lat", "geo.lon", "account.followers"));
        String value = switch (field) {
            case "geo.lat" -> pick(List.of("90.0001", "-91", "1e308", "-1e308", "1e400", "NaN"));
            case "geo.lon" -> pick(List.of("180.5", "-181", "1e308", "Infinity"));
            default -> pick(NUMBERS_AS_JSON.stream().filter(v -> !v.matches("\\d{1,18}")).toList());
        };
        if (field.startsWith("geo")) {
            p.putObject("geo").put("lat", 31.5).put("lon", 74.3);
        }
        return set(p, field, value);
    }

    private byte[] badDate(ObjectNode p) {
        String field = random.nextInt(4) == 0 ? "account.created_at" : "created_at";
        String value = random.nextBoolean() ? JSON.valueToTree(pick(DATES)).toString()
                : pick(List.of("-1", "0", "1000", "9223372036854775807", "-9223372036854775808", "1.7e12", "1" + "0".repeat(30)));
        return set(p, field, value);
    }

    private byte[] tooLong(ObjectNode p) {
        switch (random.nextInt(4)) {
            case 0 -> p.put("text", "😡".repeat(10_001)); // astral characters: 2 chars each in Java
            case 1 -> p.put(pick(List.of("place", "region", "lang")), "x".repeat(513 + random.nextInt(2000)));
            case 2 -> {
                ArrayNode tags = p.putArray("hashtags");
                for (int i = 0; i < 101 + random.nextInt(50); i++) {
                    tags.add("t" + i);
                }
            }
            default -> ((ObjectNode) p.get("account")).put("handle", "h".repeat(600));
        }
        return bytes(p);
    }

    private byte[] tooLarge(ObjectNode p) {
        p.put("padding", "x".repeat(70_000 + random.nextInt(30_000)));
        return bytes(p);
    }

    private byte[] truncated(ObjectNode p) {
        byte[] full = bytes(p);
        return java.util.Arrays.copyOf(full, 1 + random.nextInt(full.length - 1));
    }

    private byte[] invalidUtf8(ObjectNode p) {
        byte[] full = bytes(p);
        String s = new String(full, StandardCharsets.UTF_8);
        int at = s.indexOf("\"text\":\"") + 8;
        int cut = s.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
        byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x28, (byte) 0xA1}};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(full, 0, cut);
        out.writeBytes(bad[random.nextInt(bad.length)]);
        out.write(full, cut, full.length - cut);
        return out.toByteArray();
    }

    private byte[] deepNesting(ObjectNode p) {
        int depth = 1_001 + random.nextInt(4_000); // Jackson refuses beyond 1,000 levels; deeper costs only generation time
        return switch (random.nextInt(3)) {
            case 0 -> bytes("[".repeat(depth) + "]".repeat(depth));
            case 1 -> bytes("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
            default -> bytes(p.toString().replaceFirst("^\\{", "{\"extra\":" + "[".repeat(depth) + "]".repeat(depth) + ","));
        };
    }

    private byte[] randomBytes() {
        byte[] b = new byte[1 + random.nextInt(4096)];
        random.nextBytes(b);
        return b;
    }

    /** Sets a dotted field to raw JSON text. */
    private byte[] set(ObjectNode p, String field, String rawJson) {
        String marker = "\"__HOSTILE__\"";
        ObjectNode target = p;
        String name = field;
        if (field.contains(".")) {
            String parent = field.substring(0, field.indexOf('.'));
            target = p.has(parent) && p.get(parent).isObject() ? (ObjectNode) p.get(parent) : p.putObject(parent);
            name = field.substring(field.indexOf('.') + 1);
        }
        target.put(name, "__HOSTILE__");
        return bytes(p.toString().replace(marker, rawJson));
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static byte[] bytes(Object o) {
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
