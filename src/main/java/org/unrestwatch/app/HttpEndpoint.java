package org.unrestwatch.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The detector's HTTP face, on the JDK's own server: {@code /metrics} (Prometheus text format),
 * {@code /health} (200 unless the streams client has failed or stopped) and {@code /ready} (200 once
 * it is processing). Enough for Prometheus, Kubernetes probes and a curl.
 */
public final class HttpEndpoint implements AutoCloseable {
    private final HttpServer server;

    public HttpEndpoint(int port, PrometheusMeterRegistry registry, Supplier<KafkaStreams.State> state) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve HTTP on port " + port + " (set http.port)", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "http-endpoint");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/health", ex -> {
            KafkaStreams.State s = state.get();
            boolean alive = s != KafkaStreams.State.ERROR && s != KafkaStreams.State.NOT_RUNNING
                    && s != KafkaStreams.State.PENDING_ERROR;
            respond(ex, alive ? 200 : 503, "application/json", "{\"status\":\"" + (alive ? "UP" : "DOWN") + "\",\"streams\":\"" + s + "\"}");
        });
        server.createContext("/ready", ex -> {
            KafkaStreams.State s = state.get();
            boolean ready = s == KafkaStreams.State.RUNNING;
            respond(ex, ready ? 200 : 503, "application/json", "{\"ready\":" + ready + ",\"streams\":\"" + s + "\"}");
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
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
}
