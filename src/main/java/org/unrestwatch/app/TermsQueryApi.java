package org.unrestwatch.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.unrestwatch.alert.AlertJson;
import org.unrestwatch.alert.TermSuggestion;

/**
 * {@code GET /v1/terms/emerging[?region=CODE&limit=N]}: terms suggested for the lexicon, newest
 * window first, then by score; each with its counts, what was expected, when it was first counted,
 * an example post and the {@code rules add-term} command that would promote it. From the
 * suggestions topic, which every instance reads whole: any instance answers for every region.
 */
final class TermsQueryApi implements HttpHandler {
    static final String PATH = "/v1/terms/emerging";
    private static final Set<String> PARAMETERS = Set.of("region", "limit");

    private final Supplier<ReadOnlyKeyValueStore<String, TermSuggestion>> suggestions;
    private final String token;
    private final String servedBy;

    TermsQueryApi(Supplier<ReadOnlyKeyValueStore<String, TermSuggestion>> suggestions, String token, String servedBy) {
        this.suggestions = suggestions;
        this.token = token;
        this.servedBy = servedBy;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            if (JsonHttp.refused(ex, token) || !JsonHttp.at(ex, PATH)) {
                return;
            }
            Map<String, String> q = AlertQueryApi.query(ex);
            for (String key : q.keySet()) {
                if (!PARAMETERS.contains(key)) {
                    throw new IllegalArgumentException("unknown parameter '" + key + "' (known: region, limit)");
                }
            }
            String region = q.containsKey("region") ? q.get("region").trim().toUpperCase(Locale.ROOT) : null;
            int limit = q.containsKey("limit") ? AlertQueryApi.number(q.get("limit"), "limit", 1, 500) : 20;
            List<TermSuggestion> found = new ArrayList<>();
            try (KeyValueIterator<String, TermSuggestion> it = suggestions.get().all()) {
                it.forEachRemaining(kv -> {
                    if (kv.value != null && (region == null || kv.value.region().code().equals(region))) {
                        found.add(kv.value);
                    }
                });
            }
            found.sort(Comparator.comparing((TermSuggestion t) -> t.window().end()).reversed()
                    .thenComparing(Comparator.comparingDouble(TermSuggestion::score).reversed()).thenComparing(TermSuggestion::term));
            ObjectNode body = AlertJson.mapper().createObjectNode();
            ArrayNode terms = body.putArray("terms");
            found.stream().limit(limit).forEach(t -> terms.add(AlertJson.mapper().<ObjectNode>valueToTree(t)));
            body.put("count", Math.min(limit, found.size()));
            body.put("served_by", servedBy);
            JsonHttp.respond(ex, 200, body);
        } catch (InvalidStateStoreException e) {
            ex.getResponseHeaders().set("Retry-After", "5");
            JsonHttp.error(ex, 503, "the suggestions are not queryable yet (" + e.getClass().getSimpleName() + "): retry shortly");
        } catch (IllegalArgumentException e) {
            JsonHttp.error(ex, 400, e.getMessage());
        }
    }
}
