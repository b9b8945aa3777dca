package org.unrestwatch.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Writes a rule as {@code unrest.rule/v1} JSON, the form {@link RuleValidator} reads back. */
public final class RuleJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RuleJson() {
    }

    public static byte[] toBytes(Rule r) {
        try {
            return MAPPER.writeValueAsBytes(toTree(r));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("rule cannot be serialised", e);
        }
    }

    public static ObjectNode toTree(Rule r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("schema", Rule.SCHEMA);
        o.put("id", r.id());
        o.put("kind", r.kind().wireName());
        if (r.term() != null) {
            o.put("term", r.term());
        }
        if (r.category() != null) {
            o.put("category", r.category());
        }
        if (r.kind() == Rule.Kind.ADD_TERM) {
            o.put("lang", r.lang());
            o.put("weight", r.weight());
            if (!r.regions().isEmpty()) {
                r.regions().forEach(o.putArray("regions")::add);
            }
        }
        if (r.region() != null) {
            o.put("region", r.region());
        }
        if (!r.thresholds().isEmpty()) {
            ObjectNode t = o.putObject("thresholds");
            new java.util.TreeMap<>(r.thresholds()).forEach((k, v) -> {
                if (v == Math.rint(v) && ThresholdOverrides.KEYS.containsKey(k) && ThresholdOverrides.KEYS.get(k).whole()) {
                    t.put(k, v.longValue());
                } else {
                    t.put(k, v);
                }
            });
        }
        o.put("effective_from", Instant.ofEpochMilli(r.effectiveFromMs()).toString());
        if (r.untilMs() != Rule.FOREVER) {
            o.put("until", Instant.ofEpochMilli(r.untilMs()).toString());
        }
        o.put("author", r.author());
        o.put("comment", r.comment());
        o.put("created_at", Instant.ofEpochMilli(r.createdAtMs()).toString());
        o.put("version", r.version());
        return o;
    }
}
