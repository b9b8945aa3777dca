package org.unrestwatch.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a rule must be to be applied: every refusal names the field and says why. */
class RuleValidatorTest {
    final RuleValidator validator = new RuleValidator(List.of("mobilisation", "incitement_violence"), Set.of("PK-PB", "PK-SD"));

    RuleValidator.Result check(String id, String json) {
        return validator.validate(id.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }

    static String rule(String id, String body) {
        return "{\"schema\":\"unrest.rule/v1\",\"id\":\"" + id + "\",\"author\":\"a\",\"comment\":\"c\","
                + "\"created_at\":\"2026-12-04T10:00:00Z\",\"version\":1," + body + "}";
    }

    @Test
    void whatTheRulesCommandWritesIsReadBackUnchanged() {
        Rule r = new Rule("threshold:PK-PB", Rule.Kind.SET_THRESHOLD, null, null, null, 1.0, List.of(), "PK-PB",
                Map.of("detect.min.volume", 40.0, "detect.open.margin", 1.5), 1000, 5000, "ayesha", "why", 900, 3);
        RuleValidator.Result back = validator.validate(r.id().getBytes(StandardCharsets.UTF_8), RuleJson.toBytes(r));
        assertTrue(back.isValid(), back.reason());
        assertEquals(r, back.rule());
        Rule term = new Rule("add-term:mobilisation:x", Rule.Kind.ADD_TERM, "naya naara", "mobilisation", "ur-Latn", 2.5,
                List.of("PK-SD"), null, null, 1000, Rule.FOREVER, "a", "b", 1000, 1);
        assertEquals(term, validator.validate(term.id().getBytes(StandardCharsets.UTF_8), RuleJson.toBytes(term)).rule());
    }

    /** The published schema and the code agree: what RuleJson writes validates, and the schema refuses what the code refuses. */
    @Test
    void thePublishedSchemaAcceptsWhatTheCommandWritesAndRefusesMistakes() throws Exception {
        com.networknt.schema.JsonSchema schema;
        try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("schema/rule-v1.schema.json"))) {
            schema = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012).getSchema(in,
                    com.networknt.schema.SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<Rule> good = List.of(
                new Rule("a", Rule.Kind.ADD_TERM, "naya naara", "mobilisation", "ur-Latn", 2.5, List.of("PK-SD"), null, null, 0, Rule.FOREVER, "a", "b", 0, 1),
                new Rule("m", Rule.Kind.MUTE, null, null, null, 1.0, List.of(), "PK-PB", null, 0, 1000, "a", "b", 0, 2),
                new Rule("t", Rule.Kind.SET_THRESHOLD, null, null, null, 1.0, List.of(), "PK-PB", Map.of("detect.min.volume", 40.0), 0,
                        Rule.FOREVER, "a", "b", 0, 1),
                new Rule("r", Rule.Kind.REMOVE_TERM, "dharna", null, null, 1.0, List.of(), null, null, 0, Rule.FOREVER, "a", "b", 0, 1));
        for (Rule r : good) {
            assertEquals(Set.of(), schema.validate(RuleJson.toTree(r)), r.toString());
        }
        assertFalse(schema.validate(mapper.readTree(rule("r", "\"kind\":\"mute\",\"region\":\"PK-PB\""))).isEmpty(), "mute without until");
        assertFalse(schema.validate(mapper.readTree(rule("r", "\"kind\":\"set_threshold\",\"region\":\"PK-PB\",\"thresholds\":{\"window.size\":5}"))).isEmpty());
    }

    @Test
    void eachMistakeIsRefusedNamingItsField() {
        Map<String, String> cases = Map.of(
                "category", rule("r", "\"kind\":\"add_term\",\"term\":\"x\",\"category\":\"riots\",\"lang\":\"en\""),
                "lang", rule("r", "\"kind\":\"add_term\",\"term\":\"x\",\"category\":\"mobilisation\",\"lang\":\"fr\""),
                "until", rule("r", "\"kind\":\"mute\",\"region\":\"PK-PB\""),
                "thresholds", rule("r", "\"kind\":\"set_threshold\",\"region\":\"PK-PB\",\"thresholds\":{\"detect.min.volume\":0}"),
                "region", rule("r", "\"kind\":\"set_threshold\",\"region\":\"PK-XX\",\"thresholds\":{\"detect.min.volume\":9}"),
                "untill", rule("r", "\"kind\":\"mute\",\"region\":\"PK-PB\",\"untill\":\"2026-12-05T00:00:00Z\""),
                "kind", rule("r", "\"kind\":\"ban\""),
                "term", rule("r", "\"kind\":\"remove_term\",\"term\":\"!!!\""));
        cases.forEach((field, json) -> {
            RuleValidator.Result r = check("r", json);
            assertFalse(r.isValid(), json);
            assertEquals(field, r.field(), r.reason());
        });
        RuleValidator.Result key = check("other", rule("r", "\"kind\":\"remove_term\",\"term\":\"dharna\""));
        assertEquals("id", key.field());
        RuleValidator.Result notSettable = check("r", rule("r", "\"kind\":\"set_threshold\",\"region\":\"PK-PB\",\"thresholds\":{\"window.size\":5}"));
        assertTrue(notSettable.reason().contains("cannot be set by a rule"), notSettable.reason());
        // What 'rules set-threshold' writes for a misspelt key: written as JSON, then refused with the nearest key.
        Rule misspelt = new Rule("threshold:PK-SD", Rule.Kind.SET_THRESHOLD, null, null, null, 1.0, List.of(), "PK-SD",
                Map.of("detect.min.volum", 40.0), 0, Rule.FOREVER, "a", "b", 0, 1);
        RuleValidator.Result typo = check("threshold:PK-SD", new String(RuleJson.toBytes(misspelt), StandardCharsets.UTF_8));
        assertEquals("thresholds", typo.field());
        assertTrue(typo.reason().contains("did you mean 'detect.min.volume'"), typo.reason());
        RuleValidator.Result backwards = check("r", rule("r",
                "\"kind\":\"mute\",\"term\":\"dharna\",\"effective_from\":\"2026-12-05T00:00:00Z\",\"until\":\"2026-12-04T00:00:00Z\""));
        assertEquals("until", backwards.field());
    }
}
