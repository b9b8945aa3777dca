package org.unrestwatch.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The detector's HTTP face, on the JDK's own server: {@code /metrics} (Prometheus text format),
 * {@code /health} (200 unless the detector has failed: the body says why) and {@code /ready} (200
 * once it is processing). Enough for Prometheus, Kubernetes probes and a curl. It listens on
 * {@code http.bind.address} only (loopback by default: metrics name regions and volumes).
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final java.util.List<String> routes = new java.util.concurrent.CopyOnWriteArrayList<>(java.util.List.of("/metrics", "/health", "/ready"));

    static {
        // Headers and body leave in two writes: with Nagle's algorithm the body waits for the
        // client's delayed ACK of the headers, 40 ms a response (read once, when the server class loads).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public HttpEndpoint(String bindAddress, int port, PrometheusMeterRegistry registry, StreamsSupervisor supervisor) {
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        } catch (IOException e) {
            throw cannotServe(bindAddress, port, e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, r -> { // 4: a query forwarded to a slow peer leaves probes a thread
            Thread t = new Thread(r, "http-endpoint");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", exact("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape())));
        server.createContext("/health", exact("/health", ex -> {
            KafkaStreams.State s = supervisor.state();
            boolean alive = !supervisor.fatal().isDone() && s != KafkaStreams.State.ERROR && s != KafkaStreams.State.NOT_RUNNING
                    && s != KafkaStreams.State.PENDING_ERROR;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", alive ? "UP" : "DOWN");
            body.put("streams", s.name());
            body.put("thread_replacements_last_hour", supervisor.replacementsThisHour());
            body.put("reason", supervisor.reason());
            respond(ex, alive ? 200 : 503, "application/json", json(body));
        }));
        server.createContext("/ready", exact("/ready", ex -> {
            KafkaStreams.State s = supervisor.state();
            boolean ready = s == KafkaStreams.State.RUNNING && !supervisor.fatal().isDone();
            String why = ready ? "" : supervisor.fatal().isDone() ? supervisor.reason() : "Kafka Streams is " + s;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ready", ready);
            body.put("streams", s.name());
            body.put("reason", why);
            respond(ex, ready ? 200 : 503, "application/json", json(body));
        }));
        server.createContext("/", ex -> {
            // A person who tries the bare address learns what is served here.
            boolean index = ex.getRequestURI().getPath().equals("/");
            Map<String, Object> body = new LinkedHashMap<>();
            if (!index) {
                body.put("error", "no such endpoint: " + ex.getRequestURI().getPath());
            }
            body.put("endpoints", routes);
            respond(ex, index ? 200 : 404, "application/json", json(body));
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code path} (and below it) with {@code handler}, beside the built-in endpoints. */
    public void route(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
        routes.add(path);
    }

    /** The JDK server matches contexts by prefix: /metricsX would be /metrics. Only the path itself is served. */
    private com.sun.net.httpserver.HttpHandler exact(String path, com.sun.net.httpserver.HttpHandler handler) {
        return ex -> {
            if (ex.getRequestURI().getPath().equals(path)) {
                handler.handle(ex);
            } else {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("error", "no such endpoint: " + ex.getRequestURI().getPath());
                body.put("endpoints", routes);
                respond(ex, 404, "application/json", json(body));
            }
        };
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Fails as {@code new HttpEndpoint} would if the address is taken: a local check, made before connecting to Kafka. */
    public static void checkFree(String bindAddress, int port) {
        if (port == 0) {
            return;
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.bind(new InetSocketAddress(bindAddress, port));
        } catch (IOException e) {
            throw cannotServe(bindAddress, port, e);
        }
    }

    private static org.unrestwatch.config.ConfigException cannotServe(String bindAddress, int port, IOException e) {
        return new org.unrestwatch.config.ConfigException("cannot serve HTTP on " + bindAddress + ":" + port + ": " + e.getMessage()
                + " (another detector or program has it? set http.port, e.g. --set http.port=0 for any free port, or http.bind.address)", e);
    }
}
