package org.unrestwatch.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.unrestwatch.alert.AlertJson;

/** What the query API's endpoints share: the bearer-token check and JSON answers. */
final class JsonHttp {
    private JsonHttp() {
    }

    /**
     * Answers a request that is not a GET (405) or lacks the bearer token (401), and says so: the
     * caller has nothing more to do then.
     */
    static boolean refused(HttpExchange ex, String token) throws IOException {
        if (!ex.getRequestMethod().equals("GET")) {
            error(ex, 405, "only GET is served here");
            return true;
        }
        if (!authorised(ex, token)) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            error(ex, 401, "missing or wrong bearer token (Authorization: Bearer <http.auth.token>)");
            return true;
        }
        return false;
    }

    /** {@code token} empty: no token required. Compared in constant time. */
    static boolean authorised(HttpExchange ex, String token) {
        if (token.isEmpty()) {
            return true;
        }
        String given = ex.getRequestHeaders().getFirst("Authorization");
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        return given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the request is for {@code path} itself (a trailing slash allowed); answers 404 when not. */
    static boolean at(HttpExchange ex, String path) throws IOException {
        String asked = ex.getRequestURI().getPath();
        if (asked.equals(path) || asked.equals(path + "/")) {
            return true;
        }
        error(ex, 404, "no such endpoint: " + asked);
        return false;
    }

    static void error(HttpExchange ex, int status, String message) throws IOException {
        ObjectNode body = AlertJson.mapper().createObjectNode();
        body.put("error", message);
        respond(ex, status, body);
    }

    static void respond(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = AlertJson.mapper().writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
