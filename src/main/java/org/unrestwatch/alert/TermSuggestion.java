package org.unrestwatch.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A term suggested for the lexicon ({@value #SCHEMA}, JSON Schema: {@code schema/term-v1.schema.json}),
 * published to the compacted emerging-terms topic keyed by {@link #key()}: a term whose count among a
 * region's protest-related posts in one window jumped against its own past. Never added by the
 * detector itself: {@code promote} is the command an analyst runs to count it.
 */
@JsonPropertyOrder({"schema", "region", "term", "window", "count", "expected", "score", "first_seen", "example", "promote", "detected_at"})
public record TermSuggestion(
        @JsonProperty("schema") String schema,
        @JsonProperty("region") Alert.RegionRef region,
        @JsonProperty("term") String term,
        @JsonProperty("window") Alert.Window window,
        @JsonProperty("count") long count,
        @JsonProperty("expected") double expected,
        @JsonProperty("score") double score,
        @JsonProperty("first_seen") String firstSeen,
        @JsonProperty("example") String example,
        @JsonProperty("promote") String promote,
        @JsonProperty("detected_at") String detectedAt) {

    public static final String SCHEMA = "unrest.term/v1";

    /** The topic's key: one record per region and term, the latest suggestion. */
    public String key() {
        return region.code() + "|" + term;
    }

    private static final com.fasterxml.jackson.databind.ObjectReader READER = AlertJson.mapper().readerFor(TermSuggestion.class)
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** JSON, as on the topic. */
    public static final Serde<TermSuggestion> SERDE = new Serde<>() {
        @Override
        public Serializer<TermSuggestion> serializer() {
            return (topic, t) -> {
                try {
                    return t == null ? null : AlertJson.mapper().writeValueAsBytes(t);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        }

        @Override
        public Deserializer<TermSuggestion> deserializer() {
            return (topic, bytes) -> {
                try {
                    return bytes == null ? null : READER.readValue(bytes); // fields added later are ignored, as the schema asks
                } catch (IOException e) {
                    throw new UncheckedIOException("not an " + SCHEMA + " suggestion", e);
                }
            };
        }
    };
}
