package org.unrestwatch.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertJson;

/** Validates alerts against the published schema/alert-v1.schema.json, format assertions on. */
public final class AlertSchema {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private static JsonSchema load() {
        try (InputStream in = Files.newInputStream(Path.of("schema/alert-v1.schema.json"))) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Violations of the schema, empty when valid. */
    public static String violations(byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            Set<ValidationMessage> errors = SCHEMA.validate(node);
            return errors.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; "));
        } catch (IOException e) {
            return "not JSON: " + e.getMessage();
        }
    }

    public static String violations(Alert alert) {
        return violations(AlertJson.toBytes(alert));
    }
}
