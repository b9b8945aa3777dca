package org.unrestwatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON encoding of {@link Alert} for the alerts topic, and a serde for it. */
public final class AlertJson implements Serde<Alert> {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    public static byte[] toBytes(Alert alert) {
        try {
            return MAPPER.writeValueAsBytes(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert cannot be serialised", e);
        }
    }

    public static Alert fromBytes(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, Alert.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not an " + Alert.SCHEMA + " alert", e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    @Override
    public Serializer<Alert> serializer() {
        return (topic, alert) -> alert == null ? null : toBytes(alert);
    }

    @Override
    public Deserializer<Alert> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }
}
