package org.unrestwatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertFilter;
import org.unrestwatch.alert.AlertJson;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.alert.Severity;

/**
 * {@code GET /v1/alerts} and {@code GET /v1/alerts/{id}}: the stories, answered from the
 * detector's own state (the global {@code alert-stories-store}, so any instance answers for every
 * region without forwarding). 503 with {@code Retry-After} while the store is not queryable
 * (starting, restoring, rebalancing); 401 without the bearer token when {@code http.auth.token} is
 * set. JSON as documented in {@code schema/query-api.openapi.yaml}.
 */
final class AlertQueryApi implements HttpHandler {
    static final String PATH = "/v1/alerts";
    private static final ObjectMapper JSON = AlertJson.mapper();
    private static final int MAX_LIMIT = 500;
    private static final List<String> PARAMETERS = List.of("state", "region", "min_severity", "limit", "cursor");

    private final Supplier<ReadOnlyKeyValueStore<String, Alert>> stories;
    private final String token;
    private final String servedBy;

    /** {@code token}: required bearer token, or empty for none; {@code servedBy}: this instance, as reported in answers. */
    AlertQueryApi(Supplier<ReadOnlyKeyValueStore<String, Alert>> stories, String token, String servedBy) {
        this.stories = stories;
        this.token = token;
        this.servedBy = servedBy;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            if (!JsonHttp.refused(ex, token)) {
                String rest = ex.getRequestURI().getPath().substring(PATH.length());
                if (rest.isEmpty() || rest.equals("/")) {
                    list(ex, query(ex));
                } else if (rest.startsWith("/") && rest.indexOf('/', 1) < 0) {
                    one(ex, rest.substring(1));
                } else {
                    JsonHttp.error(ex, 404, "no such endpoint: " + ex.getRequestURI().getPath());
                }
            }
        } catch (InvalidStateStoreException e) {
            ex.getResponseHeaders().set("Retry-After", "5");
            JsonHttp.error(ex, 503, "the alert stories are not queryable yet (" + e.getClass().getSimpleName() + "): retry shortly");
        } catch (IllegalArgumentException e) {
            JsonHttp.error(ex, 400, e.getMessage());
        }
    }

    private void list(HttpExchange ex, Map<String, String> q) throws IOException {
        for (String key : q.keySet()) {
            if (!PARAMETERS.contains(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' (known: " + String.join(", ", PARAMETERS) + ")");
            }
        }
        String state = q.getOrDefault("state", "open").toLowerCase(Locale.ROOT);
        if (!state.equals("open") && !state.equals("all")) {
            throw new IllegalArgumentException("state must be open or all, not '" + state + "'");
        }
        AlertFilter filter = new AlertFilter(q.containsKey("region") ? Set.of(q.get("region").toUpperCase(Locale.ROOT)) : Set.of(),
                q.containsKey("min_severity") ? severity(q.get("min_severity")) : Severity.LOW, Set.of());
        int limit = number(q.getOrDefault("limit", "100"), "limit", 1, MAX_LIMIT);
        String after = q.get("cursor");
        List<Alert> matching = new ArrayList<>();
        try (KeyValueIterator<String, Alert> it = stories.get().all()) {
            it.forEachRemaining(kv -> {
                Alert a = kv.value;
                if (a != null && filter.test(a) && (state.equals("all") || a.status() != AlertStatus.RESOLVED)) {
                    matching.add(a);
                }
            });
        }
        // Newest story first, then by id. The cursor is the last story of a page (opened_at and id):
        // the next page starts after it whatever opened or resolved meanwhile.
        matching.sort(ORDER);
        List<Alert> page = matching.stream().filter(a -> after == null || ORDER.compare(a, cursorStory(after)) > 0).limit(limit + 1L).toList();
        ObjectNode body = JSON.createObjectNode();
        ArrayNode alerts = body.putArray("alerts");
        page.stream().limit(limit).forEach(a -> alerts.add(JSON.valueToTree(a)));
        body.put("total", matching.size());
        if (page.size() > limit) {
            Alert last = page.get(limit - 1);
            body.put("next_cursor", java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((last.openedAt() + "|" + last.alertId()).getBytes(StandardCharsets.UTF_8)));
        } else {
            body.putNull("next_cursor");
        }
        body.put("served_by", servedBy);
        JsonHttp.respond(ex, 200, body);
    }

    private static final Comparator<Alert> ORDER = Comparator.comparing(Alert::openedAt).reversed().thenComparing(Alert::alertId);

    /** A story standing where the cursor points (only its opened_at and id are compared). */
    private static Alert cursorStory(String cursor) {
        String text;
        try {
            text = new String(java.util.Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not one this API gave out: '" + cursor + "'");
        }
        int bar = text.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("cursor is not one this API gave out: '" + cursor + "'");
        }
        return new Alert(null, text.substring(bar + 1), null, null, null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null,
                text.substring(0, bar), null, null, null, null, null, null, null, null, null, null, null);
    }

    private void one(HttpExchange ex, String id) throws IOException {
        Alert a = stories.get().get(id);
        if (a == null) {
            JsonHttp.error(ex, 404, "no alert story " + id);
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("alert", JSON.valueToTree(a));
        body.put("versions", a.version() == null ? 1 : a.version());
        body.put("served_by", servedBy);
        JsonHttp.respond(ex, 200, body);
    }

    static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static Severity severity(String text) {
        try {
            return Severity.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("min_severity must be LOW, MEDIUM, HIGH or CRITICAL, not '" + text + "'");
        }
    }

    static int number(String text, String name, int min, int max) {
        try {
            int v = Integer.parseInt(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
    }
}
