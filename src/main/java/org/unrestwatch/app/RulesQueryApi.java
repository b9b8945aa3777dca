package org.unrestwatch.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Instant;
import org.unrestwatch.alert.AlertJson;
import org.unrestwatch.rules.Rule;
import org.unrestwatch.rules.RuleBook;
import org.unrestwatch.rules.RuleJson;

/**
 * {@code GET /v1/rules}: the live rules this instance applies, each with its state now, and the
 * rules version in force now (what an alert decided now carries). Every instance loads every rule,
 * so each answers for itself: asking two instances shows whether a rule has reached both.
 */
final class RulesQueryApi implements HttpHandler {
    static final String PATH = "/v1/rules";

    private final RuleBook book;
    private final String token;
    private final String servedBy;

    RulesQueryApi(RuleBook book, String token, String servedBy) {
        this.book = book;
        this.token = token;
        this.servedBy = servedBy;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        if (JsonHttp.refused(ex, token) || !JsonHttp.at(ex, PATH)) {
            return;
        }
        long now = System.currentTimeMillis();
        ObjectNode body = AlertJson.mapper().createObjectNode();
        body.put("rules_version", book.version(now));
        body.put("at", Instant.ofEpochMilli(now).toString());
        ArrayNode rules = body.putArray("rules");
        for (Rule r : book.rules()) {
            rules.add(RuleJson.toTree(r).put("state", r.stateAt(now)));
        }
        body.put("served_by", servedBy);
        JsonHttp.respond(ex, 200, body);
    }
}
