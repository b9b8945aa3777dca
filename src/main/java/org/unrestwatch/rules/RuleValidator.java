package org.unrestwatch.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.unrestwatch.lexicon.Lexicon;
import org.unrestwatch.lexicon.TextNormaliser;

/**
 * Checks a rules-topic record against {@code unrest.rule/v1} ({@code schema/rule-v1.schema.json})
 * and against what this detector knows: categories and languages of its lexicon, its regions, the
 * ranges of {@link ThresholdOverrides}. The {@code rules} command runs the same checks before it
 * writes, so a rule it writes is never refused by the detector. Unknown fields are refused: a
 * misspelt {@code until} must not make a mute last for ever.
 */
public final class RuleValidator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> COMMON = Set.of("schema", "id", "kind", "author", "comment", "created_at", "effective_from",
            "version");
    private static final Map<Rule.Kind, Set<String>> FIELDS = Map.of(
            Rule.Kind.ADD_TERM, Set.of("term", "category", "lang", "weight", "regions", "until"),
            Rule.Kind.REMOVE_TERM, Set.of("term", "category", "until"),
            Rule.Kind.MUTE, Set.of("region", "term", "until"),
            Rule.Kind.SET_THRESHOLD, Set.of("region", "thresholds", "until"));
    static final int MAX_ID_CHARS = 200;
    static final int MAX_TEXT_CHARS = 1000;

    /** The rule, or the field at fault and why. */
    public record Result(Rule rule, String field, String reason) {
        public boolean isValid() {
            return rule != null;
        }
    }

    private final List<String> categories;
    private final Set<String> regions;
    private final TextNormaliser normaliser = TextNormaliser.basic();

    public RuleValidator(List<String> categories, Set<String> regions) {
        this.categories = List.copyOf(categories);
        this.regions = Set.copyOf(regions);
    }

    public Result validate(byte[] key, byte[] value) {
        if (value == null) {
            return invalid(null, "a tombstone is not a rule");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return invalid(null, "not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            return invalid(null, "not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return invalid(null, "not a JSON object");
        }
        try {
            Rule rule = parse((ObjectNode) root);
            String keyText = key == null ? null : new String(key, StandardCharsets.UTF_8);
            if (!rule.id().equals(keyText)) {
                return invalid("id", "the record key must be the rule id '" + rule.id() + "', not " + (keyText == null ? "null" : "'" + keyText + "'"));
            }
            return new Result(rule, null, null);
        } catch (Bad e) {
            return invalid(e.field, e.getMessage());
        }
    }

    private static Result invalid(String field, String reason) {
        return new Result(null, field, reason);
    }

    private Rule parse(ObjectNode o) {
        String schema = text(o, "schema", true);
        if (!Rule.SCHEMA.equals(schema)) {
            throw new Bad("schema", "must be " + Rule.SCHEMA + ", not '" + schema + "'");
        }
        String id = text(o, "id", true);
        if (id.isBlank() || id.length() > MAX_ID_CHARS) {
            throw new Bad("id", "must be 1 to " + MAX_ID_CHARS + " characters");
        }
        String kindText = text(o, "kind", true);
        Rule.Kind kind;
        try {
            kind = Rule.Kind.valueOf(kindText.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Bad("kind", "must be one of add_term, remove_term, mute, set_threshold, not '" + kindText + "'");
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!COMMON.contains(field) && !FIELDS.get(kind).contains(field)) {
                throw new Bad(field, "unknown field for a " + kind.wireName() + " rule; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS.get(kind))));
            }
        }
        String author = text(o, "author", true);
        String comment = text(o, "comment", true);
        if (author.isBlank()) {
            throw new Bad("author", "must name who wrote the rule");
        }
        long createdAt = time(o, "created_at", true);
        long from = o.has("effective_from") ? time(o, "effective_from", true) : createdAt;
        long until = o.has("until") ? time(o, "until", true) : Rule.FOREVER;
        if (until <= from) {
            throw new Bad("until", "must be after effective_from (" + Instant.ofEpochMilli(from) + ")");
        }
        JsonNode versionNode = o.get("version");
        if (versionNode == null || !versionNode.canConvertToInt() || !versionNode.isIntegralNumber() || versionNode.asInt() < 1) {
            throw new Bad("version", "must be a whole number of at least 1");
        }
        String term = null;
        String category = null;
        String lang = null;
        double weight = 1.0;
        List<String> termRegions = List.of();
        String region = null;
        Map<String, Double> thresholds = Map.of();
        switch (kind) {
            case ADD_TERM -> {
                term = term(o, true);
                category = category(o, true);
                lang = text(o, "lang", true);
                if (!Lexicon.KNOWN_LANGS.contains(lang)) {
                    throw new Bad("lang", "must be one of " + new java.util.TreeSet<>(Lexicon.KNOWN_LANGS) + ", not '" + lang + "'");
                }
                if (o.has("weight")) {
                    JsonNode w = o.get("weight");
                    if (!w.isNumber() || !(w.asDouble() > 0 && w.asDouble() <= 10)) {
                        throw new Bad("weight", "must be a number in (0, 10], as in the lexicon");
                    }
                    weight = w.asDouble();
                }
                termRegions = regionList(o);
            }
            case REMOVE_TERM -> {
                term = term(o, true);
                category = category(o, false);
            }
            case MUTE -> {
                region = o.has("region") ? region(o) : null;
                term = o.has("term") ? term(o, true) : null;
                if ((region == null) == (term == null)) {
                    throw new Bad("region", "a mute names a region or a term (one of the two)");
                }
                if (!o.has("until")) {
                    throw new Bad("until", "a mute needs an end time");
                }
            }
            case SET_THRESHOLD -> {
                if (!o.has("region")) {
                    throw new Bad("region", "missing");
                }
                region = region(o);
                thresholds = thresholds(o);
            }
        }
        return new Rule(id, kind, term, category, lang, weight, termRegions, region, thresholds, from, until, author, comment,
                createdAt, versionNode.asInt());
    }

    private String term(ObjectNode o, boolean required) {
        String term = text(o, "term", required);
        if (term.length() > 200) {
            throw new Bad("term", "longer than 200 characters");
        }
        if (normaliser.normalise(term).isEmpty()) {
            throw new Bad("term", "'" + term + "' has no letters or digits after normalisation");
        }
        return term;
    }

    private String category(ObjectNode o, boolean required) {
        if (!required && !o.has("category")) {
            return null;
        }
        String category = text(o, "category", true);
        if (!categories.contains(category)) {
            throw new Bad("category", "'" + category + "' is not a lexicon category; categories: " + String.join(", ", categories));
        }
        return category;
    }

    private String region(ObjectNode o) {
        String code = text(o, "region", true);
        if (!regions.contains(code)) {
            throw new Bad("region", "'" + code + "' is not a region code; codes: " + String.join(", ", new java.util.TreeSet<>(regions)));
        }
        return code;
    }

    private List<String> regionList(ObjectNode o) {
        if (!o.has("regions")) {
            return List.of();
        }
        JsonNode list = o.get("regions");
        if (!list.isArray()) {
            throw new Bad("regions", "must be an array of region codes");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : list) {
            if (!n.isTextual() || !regions.contains(n.asText())) {
                throw new Bad("regions", n + " is not a region code; codes: " + String.join(", ", new java.util.TreeSet<>(regions)));
            }
            out.add(n.asText());
        }
        return out;
    }

    private static Map<String, Double> thresholds(ObjectNode o) {
        JsonNode t = o.get("thresholds");
        if (t == null || !t.isObject() || t.isEmpty()) {
            throw new Bad("thresholds", "must be an object of at least one setting and its value");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                throw new Bad("thresholds", e.getKey() + " must be a number");
            }
            String problem = ThresholdOverrides.check(e.getKey(), e.getValue().asDouble());
            if (problem != null) {
                throw new Bad("thresholds", problem);
            }
            out.put(e.getKey(), e.getValue().asDouble());
        }
        return out;
    }

    private static String text(ObjectNode o, String field, boolean required) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new Bad(field, "missing");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new Bad(field, "must be a string");
        }
        if (n.asText().length() > MAX_TEXT_CHARS) {
            throw new Bad(field, "longer than " + MAX_TEXT_CHARS + " characters");
        }
        return n.asText();
    }

    private static long time(ObjectNode o, String field, boolean required) {
        String s = text(o, field, required);
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) { // the latter: a year beyond what milliseconds hold
            throw new Bad(field, "must be an ISO-8601 instant such as 2026-12-04T10:00:00Z, not '" + s + "'");
        }
    }

    private static final class Bad extends RuntimeException {
        final String field;

        Bad(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
