package org.unrestwatch.streams;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.unrestwatch.alert.Alert;

/**
 * CloudEvents 1.0 attributes of an alert record, in the Kafka protocol binding's binary mode: the
 * value stays the alert JSON, the attributes ride as {@code ce_*} headers, so that an event router
 * or a service can route and deduplicate without parsing the body ({@code ce_id} is unique per
 * story version, {@code ce_type} says opened, updated or resolved, {@code ce_subject} the region).
 */
public final class CloudEventHeaders {
    public static final String TYPE_PREFIX = "org.unrestwatch.alert.";

    private CloudEventHeaders() {
    }

    /** {@code source}: the producing detector, as a URI reference (one per application id). */
    public static Headers of(Alert alert, String source) {
        RecordHeaders h = new RecordHeaders();
        add(h, "ce_specversion", "1.0");
        add(h, "ce_id", alert.alertId() + "/" + alert.version());
        add(h, "ce_type", TYPE_PREFIX + switch (alert.status()) {
            case OPEN -> "opened";
            case UPDATED -> "updated";
            case RESOLVED -> "resolved";
        });
        add(h, "ce_source", source);
        add(h, "ce_subject", alert.region().code());
        add(h, "ce_time", alert.detectedAt());
        add(h, "content-type", "application/json");
        return h;
    }

    /** The detector's source attribute: its application id as a URN. */
    public static String source(String applicationId) {
        return "urn:unrestwatch:detector:" + applicationId;
    }

    private static void add(Headers h, String key, String value) {
        h.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
